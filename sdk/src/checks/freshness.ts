/**
 * Dagster's FreshnessPolicy (maximum lag, optional cron): is an asset's newest materialization recent enough now?
 * Without a cron the data may be at most the lag old at any moment. With a cron the promise holds at each tick: at the
 * latest tick T the data must be from after T - lag, so between ticks an asset never turns overdue.
 */
import type { FreshnessPolicy, FreshnessStatus } from "../protocol/checks";
import { formatGap, timeAgo } from "../status/describe";
import { nextTick, previousTick } from "./cron";

/** `lastMaterializedAt`: the asset's newest materialization (of whichever partition), ms since the epoch. */
export function freshnessStatus(
  policy: FreshnessPolicy,
  lastMaterializedAt: number | undefined,
  now: number,
): FreshnessStatus {
  const lag = formatGap(policy.maximumLagMs);
  if (lastMaterializedAt === undefined)
    return { policy, state: "unknown", reason: `never materialized: no data to be fresh (maximum lag ${lag})` };
  const deadline = becomesOverdueAt(policy, lastMaterializedAt, now);
  const last = `last materialized ${timeAgo(lastMaterializedAt, now)}`;
  const promise = policy.cron ? `maximum lag ${lag} at each tick of "${policy.cron}"` : `maximum lag ${lag}`;
  if (deadline !== undefined && deadline <= now) {
    const overdueByMs = now - deadline;
    return {
      policy,
      state: "overdue",
      overdueByMs,
      deadline,
      reason: `overdue by ${formatGap(overdueByMs)}: ${last}, ${promise}`,
    };
  }
  return {
    policy,
    state: "fresh",
    ...(deadline !== undefined && { deadline }),
    reason: `fresh: ${last}, ${promise}`,
  };
}

/**
 * The moment data from `last` stops being fresh enough: `last + lag`; with a cron, the first tick T with
 * T - lag > last (a tick already passed when the data missed it). Undefined: a cron that never ticks again.
 */
function becomesOverdueAt(policy: FreshnessPolicy, last: number, now: number): number | undefined {
  const { cron, cronTimezone, maximumLagMs } = policy;
  if (cron === undefined) return last + maximumLagMs;
  const passed = previousTick(cron, cronTimezone, now);
  // Missed already: it turned overdue at the first tick past last + lag. Else: at the first such tick still to come.
  const missed = passed !== undefined && passed - maximumLagMs > last;
  return nextTick(cron, cronTimezone, missed ? last + maximumLagMs : Math.max(now, last + maximumLagMs));
}
