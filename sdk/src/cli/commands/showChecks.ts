/** What `show KEY` says of an asset's checks and freshness, below its materialization. */
import type { CheckStatus, FreshnessStatus } from "../../protocol";
import { checksSummary, checkTitle, formatGap, timeAgo } from "../../status/describe";
import { metadataLines } from "./metadataText";
import { shortRunId } from "./runIds";

/** A partitioned asset's failed partitions are listed up to this many; the rest are counted. */
const LISTED_PARTITIONS = 10;

function listed(partitions: readonly string[]): string {
  const shown = partitions.slice(0, LISTED_PARTITIONS).join(", ");
  const more = partitions.length - LISTED_PARTITIONS;
  return more > 0 ? `${shown} and ${more} more` : shown;
}

/**
 * `checks: ✖ 1 of 2 checks failed`, then per check its result, when and by which run it was evaluated (and whether on
 * an older value than the asset's newest), where it threw, and its metadata.
 */
export function checksLines(checks: readonly CheckStatus[], now = Date.now()): string[] {
  if (checks.length === 0) return [];
  const lines = [`  checks: ${checksSummary(checks)}`];
  for (const check of checks) {
    lines.push(`    ${check.name}${check.blocking ? " (blocking)" : ""}: ${checkTitle(check, now)}`);
    const { last } = check;
    if (!last) continue;
    const partition = last.partition === undefined ? "" : ` on partition ${last.partition}`;
    const older = check.outdated ? ", on an older value than the newest" : "";
    lines.push(`      evaluated ${timeAgo(last.timestamp, now)}${partition} by run ${shortRunId(last.runId)}${older}`);
    if (check.failedPartitions && check.failedPartitions.length > 0)
      lines.push(`      failed partitions: ${listed(check.failedPartitions)}`);
    const at = last.error?.location;
    if (at) lines.push(`      threw at ${at.file}:${at.line}:${at.column}`);
    lines.push(...metadataLines(last.metadata, "      "));
  }
  return lines;
}

/**
 * `freshness: ⏰ overdue by 3 h: last materialized 1 day ago, maximum lag 1 d`, or `freshness: fresh: …, maximum lag
 * 1 d; overdue in 22 h`.
 */
export function freshnessLines(freshness: FreshnessStatus | undefined, now = Date.now()): string[] {
  if (!freshness) return [];
  const { state, reason, deadline } = freshness;
  if (state === "overdue") return [`  freshness: ⏰ ${reason}`];
  const due = state === "fresh" && deadline !== undefined ? `; overdue in ${formatGap(deadline - now)}` : "";
  return [`  freshness: ${reason}${due}`];
}
