/** An asset's state in words, shared by the CLI's tables and the editor's code lenses and hover. */
import type {
  AssetState,
  AssetStatus,
  CheckEvaluation,
  CheckStatus,
  FreshnessStatus,
  Metadata,
  PartitionsSummary,
} from "../protocol";

import { formatNumber } from "./formatNumber";

export { formatNumber } from "./formatNumber";
export { healthSegments, type HealthSegment } from "./healthBar";
export { markdownCell, markdownTable } from "./markdownTable";
export {
  otherMetadata,
  rowCountChangeText,
  schemaLines,
  schemaMarkdown,
  schemaText,
  tableLines,
  tableMarkdown,
} from "./tableSummary";

/** Each state in words: lens titles, job hovers and the lineage legend say them alike. */
export const STATE_WORDS: Record<AssetState, string> = {
  never: "never materialized",
  fresh: "fresh",
  stale: "stale",
  failed: "failed",
  unknown: "unknown (external)",
  running: "running",
};

/** "4 min", "12 s", "2 h": the size of a gap in time. */
export function formatGap(ms: number): string {
  const seconds = Math.max(0, ms) / 1000;
  if (seconds < 1) return "moments";
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} d`;
}

/**
 * How long something took, one way everywhere (CLI, hover, tooltips, run pickers): `0.4 ms`, `840 ms`, `4.2 s`,
 * `3 min 12 s`, `2 h 5 min`.
 */
export function formatDuration(ms: number): string {
  if (ms < 0 || !Number.isFinite(ms)) return "–";
  if (ms < 10) return `${formatNumber(Math.round(ms * 10) / 10)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 59_950) return `${formatNumber(Math.round(ms / 100) / 10)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** `just now`, `2 min ago`, `3 h ago`, `4 days ago`: coarse on purpose, since a lens is not redrawn every second. */
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

/** Metadata names that count rows, best first; Dagster's own name leads, the runner records `row_count`. */
const ROW_COUNT_NAMES = ["dagster/row_count", "row_count", "num_rows", "rows", "count"];

export function rowCount(metadata: Metadata): number | undefined {
  for (const name of ROW_COUNT_NAMES) {
    const entry = metadata[name];
    if (entry?.type === "int") return entry.value;
  }
  return undefined;
}

/** `100 rows`, `1 row`, or nothing when the materialization counted none. */
export function rowsText(metadata: Metadata): string | undefined {
  const rows = rowCount(metadata);
  return rows === undefined ? undefined : `${formatNumber(rows)} ${rows === 1 ? "row" : "rows"}`;
}

/**
 * `○ never materialized`, `● fresh · 2 min ago · 100 rows`, `◐ stale: upstream customers changed`, `✖ failed 3 min ago`,
 * `◌ external: state unknown`. `reasonLength` cuts a stale reason (a code lens must leave room for its actions).
 */
export function stateTitle(status: AssetStatus, now = Date.now(), reasonLength = Number.POSITIVE_INFINITY): string {
  switch (status.state) {
    case "never":
      return "○ never materialized";
    case "stale": {
      const reason = status.reasons[0] ?? "needs a new materialization";
      const shown = reason.length > reasonLength ? `${reason.slice(0, reasonLength - 1).trimEnd()}…` : reason;
      return `◐ stale: ${shown}`;
    }
    case "unknown":
      return "◌ external: state unknown";
    case "failed":
      return status.lastFailure ? `✖ failed ${timeAgo(status.lastFailure.timestamp, now)}` : "✖ failed";
    case "fresh": {
      const last = status.lastMaterialization;
      if (!last) return "● fresh";
      const rows = rowsText(last.metadata);
      return ["● fresh", timeAgo(last.timestamp, now), ...(rows ? [rows] : [])].join(" · ");
    }
  }
}

/**
 * A partitioned asset's health in one line, as the CLI and the lens say it: `▦ 28/31 · 2 missing · 1 failed · 1 stale`
 * (materialized of total, stale ones included; only the counts that are not zero).
 */
export function partitionHealth(summary: PartitionsSummary): string {
  const { total, materialized, missing, failed, stale } = summary;
  const counts = [
    ...(missing > 0 ? [`${formatNumber(missing)} missing`] : []),
    ...(failed > 0 ? [`${formatNumber(failed)} failed`] : []),
    ...(stale > 0 ? [`${formatNumber(stale)} stale`] : []),
  ];
  return [`▦ ${formatNumber(materialized)}/${formatNumber(total)}`, ...counts].join(" · ");
}

/**
 * One evaluation in words: "passed", "failed: 3 duplicate order_id values", "warned: …"; a check that threw without a
 * description says its error.
 */
export function checkVerdict({ passed, severity, description, error }: CheckEvaluation): string {
  const verdict = passed ? "passed" : severity === "warn" ? "warned" : "failed";
  const why = description ?? error?.message;
  return why ? `${verdict}: ${why}` : verdict;
}

/** A step as users know it: its assets (`orders, customers`), or a check step's checks (`check orders:unique_order_id`). */
export function stepTitle(step: { assets: readonly string[]; checks?: readonly string[] | undefined }): string {
  return step.checks?.length ? `check ${step.checks.join(", ")}` : step.assets.join(", ");
}

/** Each check state's mark, as `checksSummary` and `checkTitle` draw it. */
export const CHECK_ICONS: Record<CheckStatus["state"], string> = { passed: "✓", failed: "✖", warning: "⚠", never: "○" };

const checksWord = (count: number) => `${formatNumber(count)} ${count === 1 ? "check" : "checks"}`;

/**
 * An asset's checks in one phrase, the worst first: `✖ 1 of 3 checks failed` (severity error), `⚠ 1 of 3 checks
 * warned`, `✓ 3 checks` (all passed), `✓ 2 of 3 checks passed` (one never ran), `○ 3 checks never run`. Undefined
 * for an asset without checks.
 */
export function checksSummary(checks: readonly CheckStatus[]): string | undefined {
  if (checks.length === 0) return undefined;
  const count = (state: CheckStatus["state"]) => checks.filter((check) => check.state === state).length;
  const of = (part: number) =>
    part === checks.length ? checksWord(part) : `${formatNumber(part)} of ${checksWord(checks.length)}`;
  const failed = count("failed");
  if (failed > 0) return `${CHECK_ICONS.failed} ${of(failed)} failed`;
  const warned = count("warning");
  if (warned > 0) return `${CHECK_ICONS.warning} ${of(warned)} warned`;
  const passed = count("passed");
  if (passed === checks.length) return `${CHECK_ICONS.passed} ${checksWord(passed)}`;
  if (passed === 0) return `${CHECK_ICONS.never} ${checksWord(checks.length)} never run`;
  return `${CHECK_ICONS.passed} ${of(passed)} passed`;
}

/**
 * One check's last result: `✓ passed 2 min ago`, `✖ failed: 3 duplicate order_id values`, `⚠ warned: …`, `○ never
 * run`; a partitioned asset's check, by its worst partition: `✖ failed in 2 partitions` (those failed or warned).
 */
export function checkTitle(check: CheckStatus, now = Date.now()): string {
  const { last, state, failedPartitions } = check;
  if (state === "never" || !last) return `${CHECK_ICONS.never} never run`;
  if (state === "passed") return `${CHECK_ICONS.passed} passed ${timeAgo(last.timestamp, now)}`;
  if (!failedPartitions) return `${CHECK_ICONS[state]} ${checkVerdict(last)}`;
  const count = failedPartitions.length;
  const verdict = state === "failed" ? "failed" : "warned";
  return `${CHECK_ICONS[state]} ${verdict} in ${formatNumber(count)} ${count === 1 ? "partition" : "partitions"}`;
}

/** `⏰ overdue by 3 h` for an overdue asset; undefined when it is fresh, has no data yet, or has no policy. */
export function freshnessSummary(freshness: FreshnessStatus | undefined): string | undefined {
  return freshness?.state === "overdue" ? `⏰ overdue by ${formatGap(freshness.overdueByMs ?? 0)}` : undefined;
}
