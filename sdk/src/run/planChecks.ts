/**
 * Check steps: one per check definition per partition of the values a plan checks (a `multiAssetCheck` is one step
 * for all its specs of that partition). Planned from loaded code (a run) or from the analyzer's graph (a dry run).
 */
import { type PlannedStep, splitCheckKey } from "../protocol";
import { valueId } from "./values";

/** One check a definition declares, as planning needs it. */
export interface PlannedCheck {
  /** `asset:name`. */
  key: string;
  asset: string;
  blocking: boolean;
}

/** A check definition with its checks; `definition` identifies it (the checks of one definition share its steps). */
export interface CheckUnit<C> {
  definition: C;
  checks: PlannedCheck[];
  /** Other assets its function reads (`ins`, a multi-asset check's other specs): a run making them is waited for. */
  reads: string[];
}

/** A planned check step with the definition it runs and its checks. */
export interface CheckStep<C> extends PlannedStep {
  checks: string[];
  check: C;
  /** The checks this step evaluates, in spec order. */
  planned: PlannedCheck[];
  /** The partition checked; absent for unpartitioned assets. */
  partition?: string;
  reads: string[];
}

/** `check:orders:unique_order_id`, `check:orders:a,customers:b[2026-03-01]`. */
export function checkStepId(keys: readonly string[], partition: string | undefined): string {
  return `check:${keys.join(",")}${partition === undefined ? "" : `[${partition}]`}`;
}

/**
 * The check steps over `values` (each an asset key with its partition, in plan order): for each definition (in the
 * order of their first check's key), one step per partition that any of its checks' assets has among them,
 * evaluating the checks whose asset value is there.
 */
export function checkSteps<C>(
  units: readonly CheckUnit<C>[],
  values: Iterable<{ key: string; partition?: string | undefined }>,
): CheckStep<C>[] {
  const partitionsOf = new Map<string, Set<string | undefined>>();
  for (const { key, partition } of values)
    (partitionsOf.get(key) ?? partitionsOf.set(key, new Set()).get(key)!).add(partition);
  const steps: CheckStep<C>[] = [];
  // By key: the analyzer lists checks in source order, loaded modules by export name, and both must plan alike.
  const byKey = [...units].sort((a, b) => compare(a.checks[0]!.key, b.checks[0]!.key));
  for (const { definition, checks, reads } of byKey) {
    const byPartition = new Map<string | undefined, PlannedCheck[]>();
    for (const check of checks)
      for (const partition of partitionsOf.get(check.asset) ?? [])
        (byPartition.get(partition) ?? byPartition.set(partition, []).get(partition)!).push(check);
    for (const [partition, planned] of byPartition) {
      const keys = planned.map((check) => check.key);
      steps.push({
        id: checkStepId(keys, partition),
        assets: [],
        dependsOn: [],
        checks: keys,
        check: definition,
        planned,
        reads,
        ...(partition !== undefined && { partitions: [partition], partition }),
      });
    }
  }
  return steps;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The blocking check steps by the value they check (`valueId`): its downstream steps wait for them. */
export function blockingStepsByValue(steps: readonly CheckStep<unknown>[]): Map<string, string[]> {
  const blocking = new Map<string, string[]>();
  for (const step of steps)
    for (const check of step.planned) {
      if (!check.blocking) continue;
      const id = valueId(check.asset, step.partition);
      const list = blocking.get(id) ?? blocking.set(id, []).get(id)!;
      if (!list.includes(step.id)) list.push(step.id);
    }
  return blocking;
}

/** "unique_order_id on orders", "… on orders[2026-03-01]": how messages name one check of one value. */
export function checkLabel(check: PlannedCheck, partition: string | undefined): string {
  return `${splitCheckKey(check.key).name} on ${valueId(check.asset, partition)}`;
}
