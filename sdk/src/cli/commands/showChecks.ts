/** What `show KEY` says of an asset's checks and freshness, below its materialization. */
import { automationLine } from "./automation";
import type { AssetGraph, CheckStatus, FreshnessStatus, Materialization } from "../../protocol";
import { singleCheckStatus } from "../../status/assetChecks";
import { checksSummary, checkTitle, formatGap, timeAgo } from "../../status/describe";
import { assetStatusFromStore } from "../../status/staleness";
import type { StoreReader } from "../../store/store";
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
function checksLines(checks: readonly CheckStatus[], now = Date.now()): string[] {
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
function freshnessLines(freshness: FreshnessStatus | undefined, now = Date.now()): string[] {
  if (!freshness) return [];
  const { state, reason, deadline } = freshness;
  if (state === "overdue") return [`  freshness: ⏰ ${reason}`];
  const due = state === "fresh" && deadline !== undefined ? `; overdue in ${formatGap(deadline - now)}` : "";
  return [`  freshness: ${reason}${due}`];
}

/**
 * The lines below `show`'s materialization: what the asset's checks and freshness policy say now (a partitioned
 * asset's checks by their worst partition). Of one `partition` (`--partition`): each check's newest evaluation of it;
 * freshness is the whole asset's, left to `show KEY`.
 */
export async function watchLines(
  graph: AssetGraph,
  store: StoreReader,
  last: Materialization,
  partition: string | undefined,
  now = Date.now(),
): Promise<string[]> {
  const { key } = last;
  if (partition === undefined) {
    const status = await assetStatusFromStore(graph, store, key, new Date(now));
    return [
      ...checksLines(status?.checks ?? [], now),
      ...freshnessLines(status?.freshness, now),
      ...automationLine(status?.automation, now),
    ];
  }
  const checks = await Promise.all(
    (graph.checks ?? [])
      .filter((check) => check.asset === key)
      .map(async (check) =>
        singleCheckStatus(
          check,
          (await store.latestPartitionCheckEvaluations(check.key)).get(partition),
          last.dataVersion,
        ),
      ),
  );
  return checksLines(checks, now);
}
