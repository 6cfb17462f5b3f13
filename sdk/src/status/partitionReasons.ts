/**
 * Why a partition is not materialized and current, as data: put in words per partition for `status --partitions`, and
 * counted per kind for the asset's summary, so 1,096 stale partitions make a few lines, not 1,096.
 */
import type { AssetState, PartitionState } from "../protocol";
import { formatGap } from "./describe";

/** An upstream's partition (`partition`), or the upstream itself when it is unpartitioned. */
interface Upstream {
  from: string;
  partition?: string;
}

export type PartitionReason =
  | { kind: "missing" }
  | { kind: "failed"; error: string }
  | { kind: "code" }
  | (Upstream & { kind: "upstream-newer"; gapMs: number })
  | (Upstream & { kind: "upstream-consumed" })
  | (Upstream & { kind: "upstream-not-current"; state: PartitionState | AssetState });

const upstreamName = ({ from, partition }: Upstream) =>
  partition === undefined ? `upstream ${from}` : `upstream ${from} partition ${partition}`;

const NOT_CURRENT: Partial<Record<PartitionState | AssetState, string>> = {
  missing: "is missing",
  never: "was never materialized",
  failed: "failed",
};

/** One partition's reason in words: "upstream orders partition 2026-03-01 materialized 2 h after this one". */
export function reasonText(reason: PartitionReason): string {
  switch (reason.kind) {
    case "missing":
      return "never materialized";
    case "failed":
      return `last attempt failed: ${reason.error}`;
    case "code":
      return "code changed since this partition was materialized";
    case "upstream-newer":
      return `${upstreamName(reason)} materialized ${formatGap(reason.gapMs)} after this one`;
    case "upstream-consumed":
      return `${upstreamName(reason)} changed since this one consumed it`;
    case "upstream-not-current":
      return `${upstreamName(reason)} ${NOT_CURRENT[reason.state] ?? "is stale"}`;
  }
}

const noneMaterialized = (count: number) =>
  count === 1 ? "its only partition is not materialized" : `none of its ${count} partitions is materialized`;

const partitions = (count: number) => `${count} ${count === 1 ? "partition" : "partitions"}`;

/** What a stale reason says of its partitions, one phrase per kind and upstream. */
function staleGist(reason: PartitionReason): string {
  switch (reason.kind) {
    case "code":
      return "code changed since materialized";
    case "upstream-newer":
      return `upstream ${reason.from} materialized since`;
    case "upstream-consumed":
      return `upstream ${reason.from} changed since consumed`;
    case "upstream-not-current":
      return `upstream ${reason.from} not current`;
    default:
      return reasonText(reason);
  }
}

/**
 * The asset's reasons summed up from its partitions': "2 partitions failed (newest: boom)", "3 partitions missing",
 * "4 partitions stale: code changed since materialized". A partition stale for two reasons counts under both.
 */
export function summariseReasons(
  states: readonly PartitionState[],
  reasons: readonly (readonly PartitionReason[])[],
  newestError: string | undefined,
): string[] {
  let failed = 0;
  let missing = 0;
  const stale = new Map<string, number>();
  states.forEach((state, index) => {
    if (state === "failed") failed++;
    else if (state === "missing") missing++;
    else if (state === "stale")
      for (const gist of new Set(reasons[index]!.map(staleGist))) stale.set(gist, (stale.get(gist) ?? 0) + 1);
  });
  const summary: string[] = [];
  if (failed > 0) summary.push(`${partitions(failed)} failed${newestError ? ` (newest: ${newestError})` : ""}`);
  if (missing > 0)
    summary.push(missing === states.length ? noneMaterialized(missing) : `${partitions(missing)} missing`);
  for (const [gist, count] of stale) summary.push(`${partitions(count)} stale: ${gist}`);
  return summary;
}

/**
 * What a partitioned upstream's partitions say against an unpartitioned asset that read them, one line per kind:
 * "upstream orders: 3 partitions materialized after this one, the newest 2 h after".
 */
export function upstreamSummary(from: string, mapped: number, reasons: readonly PartitionReason[]): string[] {
  const notCurrent = new Map<string, number>();
  const newer = reasons.filter((reason) => reason.kind === "upstream-newer");
  const consumed = reasons.filter((reason) => reason.kind === "upstream-consumed");
  for (const reason of reasons)
    if (reason.kind === "upstream-not-current") notCurrent.set(reason.state, (notCurrent.get(reason.state) ?? 0) + 1);
  const summary: string[] = [];
  if (mapped > 0 && notCurrent.get("missing") === mapped) summary.push(`upstream ${from} was never materialized`);
  else if (notCurrent.size > 0)
    summary.push(
      `upstream ${from} is not current: ${[...notCurrent].map(([state, count]) => `${partitions(count)} ${state}`).join(", ")}`,
    );
  if (newer.length === 1) summary.push(reasonText(newer[0]!));
  else if (newer.length > 1) {
    const gap = Math.max(...newer.map((reason) => (reason.kind === "upstream-newer" ? reason.gapMs : 0)));
    summary.push(
      `upstream ${from}: ${partitions(newer.length)} materialized after this one, the newest ${formatGap(gap)} after`,
    );
  }
  if (consumed.length === 1) summary.push(reasonText(consumed[0]!));
  else if (consumed.length > 1)
    summary.push(`upstream ${from}: ${partitions(consumed.length)} changed since this one consumed them`);
  return summary;
}
