/** Conditions that read one fact of one asset (partition): the store's, the previous evaluation's, the clock's. */
import type { Condition } from "./condition";
import { latestWindowTest } from "./latestWindow";
import { type Evaluated, keep, NONE, NOTHING } from "./node";
import { factsPartition, isOwn, type Scope, subjectOf, WHOLE } from "./scope";
import { tickName, type Words } from "./words";

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
  // Most leaves of a quiet asset get no candidates (an `and` past a false operand): nothing to read.
  if (candidates.size === 0) return NOTHING;
  const { facts, previous } = scope.tick;
  const key = scope.asset.key;
  const said = (predicate: string, partition: string): Words => ({
    subject: subjectOf(scope, partition),
    predicate,
    upstream: !isOwn(scope),
  });
  switch (condition.type) {
    case "missing":
      return {
        trueSet: keep(candidates, (p) => facts.latestMaterialization(key, factsPartition(p)) === undefined),
        words: (p, value) => said(value ? "is missing" : "is materialized", p),
      };
    case "inProgress":
      return {
        trueSet: keep(candidates, (p) => facts.inProgress(key, factsPartition(p))),
        words: (p, value) =>
          !value
            ? said("is not in progress", p)
            : isOwn(scope)
              ? { predicate: "already in progress" }
              : said("is in progress", p),
      };
    case "executionFailed":
      return {
        trueSet: keep(candidates, (p) => facts.latestAttemptFailed(key, factsPartition(p))),
        words: (p, value) => said(value ? "failed in its latest run" : "did not fail in its latest run", p),
      };
    case "newlyUpdated": {
      const since = previous?.evaluatedAt;
      return {
        trueSet:
          since === undefined
            ? NONE
            : keep(candidates, (p) => (facts.latestMaterialization(key, factsPartition(p)) ?? since) > since),
        words: (p, value) =>
          value
            ? { ...said("was updated", p), update: true }
            : said(since === undefined ? "was not updated yet" : "was not updated since the previous evaluation", p),
        never: (p) => said("has not updated", p),
        event: () => (isOwn(scope) ? "this asset's last materialization" : `the last materialization of ${key}`),
      };
    }
    case "newlyRequested": {
      const requested = scope.tick.previouslyRequested(key);
      return {
        trueSet: keep(candidates, requested),
        words: (p, value) =>
          said(value ? "was requested by the previous evaluation" : "was not requested by the previous evaluation", p),
        event: () => (isOwn(scope) ? "the last request" : `the last request of ${key}`),
      };
    }
    case "codeVersionChanged": {
      const before = previous?.assets[key]?.codeVersion;
      const changed = before !== undefined && facts.codeVersion(key) !== before;
      return {
        trueSet: changed ? candidates : NONE,
        words: (p, value) =>
          said(
            value
              ? `has a new code version (was ${before})`
              : "has the same code version as at the previous evaluation",
            p,
          ),
      };
    }
    case "cronTickPassed":
      return cronTickPassed(condition, scope, candidates);
    case "inLatestTimeWindow": {
      const upstream = !isOwn(scope);
      return {
        trueSet: keep(candidates, latestWindowTest(scope.asset, condition.lookback, scope.tick.now)),
        words: (p, value) =>
          value
            ? { ...said("is in the latest time window", p), quiet: true }
            : {
                subject: upstream || p === WHOLE ? subjectOf(scope, p) : `partition ${p}`,
                predicate: "is not in the latest time window",
                upstream,
              },
      };
    }
    case "willBeRequested": {
      const requested = scope.tick.requested.get(key);
      return {
        trueSet: requested === undefined ? NONE : keep(candidates, (p) => requested.has(p)),
        words: (p, value) => said(value ? "will be requested" : "will not be requested", p),
      };
    }
  }
}

/** A tick of the cron in (previous evaluation, now]; never on the first evaluation, as Dagster. */
function cronTickPassed(
  condition: Extract<Condition, { type: "cronTickPassed" }>,
  scope: Scope,
  candidates: ReadonlySet<string>,
): Evaluated {
  const tick = scope.tick.latestTick(condition.cron, condition.timezone);
  const since = scope.tick.previous?.evaluatedAt;
  const passed = since !== undefined && tick !== undefined && tick > since;
  const name = tick === undefined ? `the tick of "${condition.cron}"` : tickName(tick, condition.timezone);
  const noTick = `no tick of "${condition.cron}" passed`;
  return {
    trueSet: passed ? candidates : NONE,
    words: (_, value) =>
      value
        ? { predicate: `${name} passed`, anchor: name }
        : { predicate: since === undefined ? `${noTick} yet` : `${noTick} since the previous evaluation` },
    never: () => ({ predicate: noTick }),
    event: () => name,
  };
}
