/** Conditions that read one fact of one asset (partition): the store's, the previous evaluation's, the clock's. */
import { type Evaluated, keep } from "./node";
import { latestWindowTest } from "./latestWindow";
import { factsPartition, isOwn, type Scope, subjectOf, WHOLE } from "./scope";
import { tickName, type Words } from "./words";
import type { Condition } from "./condition";

export type LeafCondition = Extract<
  Condition,
  {
    type:
      | "missing"
      | "inProgress"
      | "executionFailed"
      | "newlyUpdated"
      | "newlyRequested"
      | "codeVersionChanged"
      | "cronTickPassed"
      | "inLatestTimeWindow"
      | "willBeRequested";
  }
>;

export function evaluateLeaf(condition: LeafCondition, scope: Scope, candidates: ReadonlySet<string>): Evaluated {
  const { facts, previous, now } = scope.tick;
  const key = scope.asset.key;
  const upstream = !isOwn(scope);
  /** A clause about the asset (partition) the node reads. */
  const said =
    (predicate: string) =>
    (partition: string): Words => ({ subject: subjectOf(scope, partition), predicate, upstream });
  const leaf = (test: (partition: string) => boolean, yes: (p: string) => Words, no: (p: string) => Words) => ({
    trueSet: keep(candidates, test),
    words: (partition: string, value: boolean) => (value ? yes : no)(partition),
  });

  switch (condition.type) {
    case "missing":
      return leaf(
        (p) => facts.latestMaterialization(key, factsPartition(p)) === undefined,
        said("is missing"),
        said("is materialized"),
      );
    case "inProgress":
      return leaf(
        (p) => facts.inProgress(key, factsPartition(p)),
        upstream ? said("is in progress") : () => ({ predicate: "already in progress" }),
        said("is not in progress"),
      );
    case "executionFailed":
      return leaf(
        (p) => facts.latestAttemptFailed(key, factsPartition(p)),
        said("failed in its latest run"),
        said("did not fail in its latest run"),
      );
    case "newlyUpdated": {
      const since = previous?.evaluatedAt;
      return {
        ...leaf(
          (p) => {
            const at = facts.latestMaterialization(key, factsPartition(p));
            return since !== undefined && at !== undefined && at > since;
          },
          (p) => ({ ...said("was updated")(p), update: true }),
          said(since === undefined ? "was not updated yet" : "was not updated since the previous evaluation"),
        ),
        never: said("has not updated"),
        event: () => (upstream ? `the last materialization of ${key}` : "this asset's last materialization"),
      };
    }
    case "newlyRequested": {
      const requested = new Set(previous?.assets[key]?.requested);
      return {
        ...leaf(
          (p) => requested.has(p),
          said("was requested by the previous evaluation"),
          said("was not requested by the previous evaluation"),
        ),
        event: () => (upstream ? `the last request of ${key}` : "the last request"),
      };
    }
    case "codeVersionChanged": {
      const before = previous?.assets[key]?.codeVersion;
      const changed = before !== undefined && facts.codeVersion(key) !== before;
      return leaf(
        () => changed,
        said(`has a new code version (was ${before})`),
        said("has the same code version as at the previous evaluation"),
      );
    }
    case "cronTickPassed": {
      const tick = scope.tick.latestTick(condition.cron, condition.timezone);
      const since = previous?.evaluatedAt;
      const passed = since !== undefined && tick !== undefined && tick > since;
      const name = tick === undefined ? `the tick of "${condition.cron}"` : tickName(tick, condition.timezone);
      const noTick = `no tick of "${condition.cron}" passed`;
      return {
        ...leaf(
          () => passed,
          () => ({ predicate: `${name} passed`, anchor: name }),
          () => ({ predicate: since === undefined ? `${noTick} yet` : `${noTick} since the previous evaluation` }),
        ),
        never: () => ({ predicate: noTick }),
        event: () => name,
      };
    }
    case "inLatestTimeWindow": {
      const inLatest = latestWindowTest(scope.asset, condition.lookback, now);
      return leaf(
        inLatest,
        (p) => ({ ...said("is in the latest time window")(p), quiet: true }),
        (p) => ({
          subject: upstream || p === WHOLE ? subjectOf(scope, p) : `partition ${p}`,
          predicate: "is not in the latest time window",
          upstream,
        }),
      );
    }
    case "willBeRequested": {
      const requested = scope.tick.requested.get(key);
      return leaf(
        (p) => requested?.has(p) === true,
        said("will be requested"),
        said("will not be requested"),
      );
    }
  }
}
