/** An asset's state in the few words a code lens has room for. */
import type { AssetStatus, Metadata } from "../../sdk/src/protocol";

/** `just now`, `2 min ago`, `3 h ago`, `4 days ago`. */
export function timeAgo(timestamp: number, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - timestamp) / 1000));
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  return `${days} ${days === 1 ? "day" : "days"} ago`;
}

/** Metadata names that count rows, best first; Dagster's own name leads. */
const ROW_COUNT_NAMES = ["dagster/row_count", "row_count", "num_rows", "rows", "count"];

/** The row count a materialization reported (the runner records `row_count` for arrays), if any. */
function rowCount(metadata: Metadata): number | undefined {
  for (const name of ROW_COUNT_NAMES) {
    const entry = metadata[name];
    if (entry?.type === "int") return entry.value;
  }
  return undefined;
}

export function formatNumber(value: number): string {
  return value.toLocaleString("en-US", { maximumFractionDigits: 6 });
}

/** `○ never materialized`, `● fresh · 2 min ago · 100 rows`, `◐ stale: upstream customers changed`, `✖ failed 3 min ago`. */
export function stateTitle(status: AssetStatus, now = Date.now()): string {
  switch (status.state) {
    case "never":
      return "○ never materialized";
    case "stale":
      return `◐ stale: ${status.reasons[0] ?? "needs a new materialization"}`;
    case "failed":
      return status.lastFailure ? `✖ failed ${timeAgo(status.lastFailure.timestamp, now)}` : "✖ failed";
    case "fresh": {
      const last = status.lastMaterialization;
      if (!last) return "● fresh";
      const rows = rowCount(last.metadata);
      return ["● fresh", timeAgo(last.timestamp, now), ...(rows === undefined ? [] : [`${formatNumber(rows)} ${rows === 1 ? "row" : "rows"}`])].join(" · ");
    }
  }
}
