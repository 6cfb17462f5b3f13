/**
 * `anyDepsMatch` / `allDepsMatch`: the sub-condition is evaluated on each upstream (its own facts, on the partitions
 * the candidates read through the edge's partition mapping), and a candidate matches an upstream when any partition
 * it reads there does, as Dagster maps a dep's true subset down to its children.
 */
import { defaultMapping, upstreamPartitions } from "../../partitions";
import type { PartitionsDefinitionData } from "../../protocol/partitions";
import type { Condition } from "./condition";
import { describe } from "./describe";
import { type Evaluate, type Evaluated, keep, NONE } from "./node";
import { type AssetInfo, type Dep, type Scope, WHOLE } from "./scope";
import { sentence, type Words } from "./words";

type DepsCondition = Extract<Condition, { type: "anyDepsMatch" | "allDepsMatch" }>;

interface DepResult {
  asset: AssetInfo;
  evaluated: Evaluated;
  /** The upstream partitions a candidate reads. */
  reads(partition: string): readonly string[];
}

const WHOLE_ONLY: readonly string[] = [WHOLE];
const WHOLE_SET: ReadonlySet<string> = new Set(WHOLE_ONLY);

export function evaluateDeps(
  condition: DepsCondition,
  scope: Scope,
  candidates: ReadonlySet<string>,
  evaluate: Evaluate,
): Evaluated {
  const deps = selectedDeps(condition, scope).map((dep): DepResult => {
    const asset = scope.tick.assets.get(dep.key)!;
    const definition = asset.partitions;
    if (!definition) {
      const wanted = candidates.size === 0 ? NONE : WHOLE_SET;
      return {
        asset,
        reads: () => WHOLE_ONLY,
        evaluated: evaluate(condition.condition, scope.upstream(asset), wanted),
      };
    }
    const read = new Map<string, readonly string[]>();
    const wanted = new Set<string>();
    for (const partition of candidates) {
      const keys = partitionsRead(scope, definition, dep, partition);
      read.set(partition, keys);
      for (const upstream of keys) wanted.add(upstream);
    }
    return {
      asset,
      reads: (partition) => read.get(partition)!,
      evaluated: evaluate(condition.condition, scope.upstream(asset), wanted),
    };
  });
  const matching = (dep: DepResult, partition: string) =>
    dep.reads(partition).find((upstream) => dep.evaluated.trueSet.has(upstream));

  if (condition.type === "anyDepsMatch") {
    return {
      trueSet: keep(candidates, (partition) => deps.some((dep) => matching(dep, partition) !== undefined)),
      words: (partition, value) => {
        if (!value) return noneMatch(condition, deps.length);
        const dep = deps.find((each) => matching(each, partition) !== undefined)!;
        return dep.evaluated.words(matching(dep, partition)!, true);
      },
    };
  }
  return {
    trueSet: keep(candidates, (partition) => deps.every((dep) => matching(dep, partition) !== undefined)),
    words: (partition, value) => {
      if (value) return everyMatches(condition, deps, partition, matching);
      const dep = deps.find((each) => matching(each, partition) === undefined)!;
      const [first] = dep.reads(partition);
      if (first === undefined)
        return {
          subject: `upstream ${dep.asset.key}`,
          predicate:
            partition === WHOLE ? "has no partitions yet" : `has no partition that partition ${partition} reads`,
          upstream: true,
        };
      return dep.evaluated.words(first, false);
    },
  };
}

function selectedDeps(condition: DepsCondition, scope: Scope): Dep[] {
  const { allow, ignore } = condition;
  const allowed = allow === undefined ? undefined : scope.tick.select(allow);
  const ignored = ignore === undefined ? undefined : scope.tick.select(ignore);
  return scope.asset.deps.filter(
    (dep) => scope.tick.assets.has(dep.key) && allowed?.has(dep.key) !== false && ignored?.has(dep.key) !== true,
  );
}

function partitionsRead(
  scope: Scope,
  upstream: PartitionsDefinitionData,
  dep: Dep,
  partition: string,
): readonly string[] {
  const downstream = scope.asset.partitions;
  const mapping = dep.mapping ?? defaultMapping(upstream, downstream);
  const keys = downstream ? [partition] : undefined;
  return upstreamPartitions(mapping, upstream, downstream, keys, scope.tick.partitionContext).keys;
}

function noneMatch(condition: DepsCondition, count: number): Words {
  if (count === 0) return { predicate: "it has no upstream" };
  return { subject: "no upstream", predicate: describe(condition.condition), upstream: true };
}

/** "every upstream was updated since the 06:00 tick" when every upstream says the same, else the condition's words. */
function everyMatches(
  condition: DepsCondition,
  deps: readonly DepResult[],
  partition: string,
  matching: (dep: DepResult, partition: string) => string | undefined,
): Words {
  if (deps.length === 0) return { predicate: "it has no upstream", quiet: true };
  const said = deps.map((dep) => dep.evaluated.words(matching(dep, partition)!, true));
  const alike = said.every(
    (words) => sentence({ ...words, subject: undefined }) === sentence({ ...said[0]!, subject: undefined }),
  );
  return alike
    ? { ...said[0]!, subject: "every upstream", upstream: true }
    : { subject: "every upstream", predicate: describe(condition.condition), upstream: true };
}
