/**
 * What an asset's checks and freshness policy add to its status. As in Dagster, neither changes the asset's `state`
 * (its value is still fresh or stale): a failed or warned check and an overdue asset each add a reason.
 */
import { freshnessStatus } from "../checks/freshness";
import type { AssetCheckNode, AssetNode, AssetStatus, CheckEvaluation, CheckStatus } from "../protocol";
import { checkVerdict } from "./describe";

/** What the store knows of checks' evaluations. */
export interface CheckFacts {
  /** Check key → its newest evaluation, of whichever partition. */
  latest: ReadonlyMap<string, CheckEvaluation>;
  /** Partition → the check's newest evaluation of it; asked for partitioned assets' checks only. */
  partitions(checkKey: string): ReadonlyMap<string, CheckEvaluation>;
}

/** A partitioned asset's partitions, in the definition's order, and each one's current data version. */
export interface CheckedPartitions {
  keys: readonly string[];
  dataVersion(partition: string): string | undefined;
}

type CheckState = CheckStatus["state"];

/** Worse is higher: a partitioned asset's check takes its worst partition's state. */
const SEVERITY: Record<CheckState, number> = { never: 0, passed: 1, warning: 2, failed: 3 };

/** `failed` only with severity error: a failed `warn` check is a warning. */
export function evaluationState({ passed, severity }: CheckEvaluation): Exclude<CheckState, "never"> {
  return passed ? "passed" : severity === "warn" ? "warning" : "failed";
}

/** The worst state of several (`never` for none): the asset-wide state `status:check_failed` selects by. */
export function worstCheckState(states: Iterable<CheckState>): CheckState {
  let worst: CheckState = "never";
  for (const state of states) if (SEVERITY[state] > SEVERITY[worst]) worst = state;
  return worst;
}

/**
 * Adds `checks` (when the asset has some) and `freshness` (when it has a policy) to a status whose state is settled,
 * with a reason for each failed or warned check and for being overdue. `partitions`: the asset is partitioned.
 */
export function addChecksAndFreshness(
  status: AssetStatus,
  node: AssetNode,
  checks: readonly AssetCheckNode[],
  facts: CheckFacts,
  now: number,
  partitions?: CheckedPartitions,
): void {
  if (checks.length > 0) {
    status.checks = [];
    for (const check of checks) {
      const { checkStatus, reason } = partitions
        ? partitionedCheck(check, facts, partitions)
        : unpartitionedCheck(check, facts, status.lastMaterialization?.dataVersion);
      status.checks.push(checkStatus);
      if (reason) status.reasons.push(reason);
    }
  }
  if (node.freshness) {
    status.freshness = freshnessStatus(node.freshness, status.lastMaterialization?.timestamp, now);
    if (status.freshness.state === "overdue") status.reasons.push(status.freshness.reason);
  }
}

interface AssessedCheck {
  checkStatus: CheckStatus;
  /** "check unique_order_id failed: 3 duplicate order_id values"; none when it passed or never ran. */
  reason?: string;
}

/** An evaluation is outdated when the asset's value changed after it was read (or was first stored after). */
function statusOf(check: AssetCheckNode, last: CheckEvaluation | null, current: string | undefined) {
  const outdated = last !== null && last.dataVersion !== current;
  return { key: check.key, name: check.name, blocking: check.blocking, last, outdated };
}

/**
 * A check judged by one evaluation against the value it is about now: an unpartitioned asset's, or one partition's
 * (`show KEY --partition P`).
 */
export function singleCheckStatus(
  check: AssetCheckNode,
  evaluation: CheckEvaluation | undefined,
  dataVersion: string | undefined,
): CheckStatus {
  const last = evaluation ?? null;
  return { ...statusOf(check, last, dataVersion), state: last ? evaluationState(last) : "never" };
}

function unpartitionedCheck(check: AssetCheckNode, facts: CheckFacts, current: string | undefined): AssessedCheck {
  const last = facts.latest.get(check.key);
  return {
    checkStatus: singleCheckStatus(check, last, current),
    ...(last && !last.passed && { reason: `check ${check.name} ${checkVerdict(last)}` }),
  };
}

/**
 * The worst state over each partition's newest evaluation, with the partitions that failed or warned; the reason
 * counts the partitions of the worst state: "check not_null_id failed in 2 partitions (newest: 3 null id values)".
 */
function partitionedCheck(check: AssetCheckNode, facts: CheckFacts, partitions: CheckedPartitions): AssessedCheck {
  const last = facts.latest.get(check.key) ?? null;
  const evaluations = facts.partitions(check.key);
  const failedPartitions: string[] = [];
  const states: CheckState[] = [];
  for (const partition of partitions.keys) {
    const evaluation = evaluations.get(partition);
    if (!evaluation) continue;
    states.push(evaluationState(evaluation));
    if (!evaluation.passed) failedPartitions.push(partition);
  }
  const state = worstCheckState(states);
  const checkStatus: CheckStatus = {
    ...statusOf(check, last, last?.partition === undefined ? undefined : partitions.dataVersion(last.partition)),
    state,
    failedPartitions,
  };
  if (state !== "failed" && state !== "warning") return { checkStatus };
  const worst = failedPartitions
    .map((partition) => evaluations.get(partition)!)
    .filter((evaluation) => evaluationState(evaluation) === state);
  const newest = worst.reduce((a, b) => (b.timestamp > a.timestamp ? b : a));
  const count = `${worst.length} ${worst.length === 1 ? "partition" : "partitions"}`;
  const verdict = state === "failed" ? "failed" : "warned";
  const description = newest.description ? ` (newest: ${newest.description})` : "";
  return { checkStatus, reason: `check ${check.name} ${verdict} in ${count}${description}` };
}
