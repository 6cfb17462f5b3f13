import type { DefinitionInfo } from "../define/definition";
import { refKey } from "../define/definition";
import type { Repository } from "../define/repository";
import type { PlannedStep } from "../protocol";

/** A planned step with the definition it runs. */
export interface ExecutionStep extends PlannedStep {
  definition: DefinitionInfo;
  /** Members of a multi-asset without `canSubset` that run only because a selected member shares its function. */
  unselected: string[];
}

export function upstreamKeys(info: DefinitionInfo): string[] {
  return [...Object.values(info.ins), ...info.deps].map(refKey);
}

/**
 * One step per definition that produces a selected key, in dependency order. A multi-asset runs whole (its function
 * produces every member) unless it has `canSubset`: then its step covers only the selected members, in spec order,
 * and its id joins just those keys (still unique: a key belongs to one definition). External assets (specs) are
 * produced elsewhere and never planned.
 */
export function planSteps(repository: Repository, selection: Iterable<string>): ExecutionStep[] {
  const selected = new Set(selection);
  const chosen = new Set<DefinitionInfo>();
  for (const key of selected) {
    const info = repository.byKey.get(key);
    if (info && info.type !== "spec") chosen.add(info);
  }
  const stepOf = new Map<string, ExecutionStep>();
  const steps: ExecutionStep[] = [];
  for (const info of chosen) {
    const members = info.assets.map((asset) => asset.key!);
    const assets = info.canSubset ? members.filter((key) => selected.has(key)) : members;
    const unselected = assets.filter((key) => !selected.has(key));
    const step: ExecutionStep = { id: assets.join(","), assets, dependsOn: [], definition: info, unselected };
    steps.push(step);
    for (const key of assets) stepOf.set(key, step);
  }
  for (const step of steps) {
    const needs = new Set<string>();
    for (const key of upstreamKeys(step.definition)) {
      const upstream = stepOf.get(key);
      if (upstream && upstream !== step) needs.add(upstream.id);
    }
    step.dependsOn = [...needs];
  }
  return topologicalOrder(steps);
}

/** Kahn's algorithm: iterative, so a chain of 10,000 assets needs no deep recursion. Keeps the input order among peers. */
function topologicalOrder(steps: ExecutionStep[]): ExecutionStep[] {
  const waiting = new Map(steps.map((step) => [step.id, step.dependsOn.length]));
  const dependents = new Map<string, ExecutionStep[]>(steps.map((step) => [step.id, []]));
  for (const step of steps) for (const id of step.dependsOn) dependents.get(id)!.push(step);
  const ordered = steps.filter((step) => step.dependsOn.length === 0);
  for (let i = 0; i < ordered.length; i++) {
    for (const next of dependents.get(ordered[i]!.id)!) {
      const left = waiting.get(next.id)! - 1;
      waiting.set(next.id, left);
      if (left === 0) ordered.push(next);
    }
  }
  if (ordered.length < steps.length) {
    const stuck = steps.filter((step) => waiting.get(step.id)! > 0).map((step) => step.id);
    throw new Error(
      `the assets ${stuck.join(", ")} depend on each other in a cycle: remove one of these dependencies (assetline check shows where).`,
    );
  }
  return ordered;
}

export function plannedSteps(steps: ExecutionStep[]): PlannedStep[] {
  return steps.map(({ id, assets, dependsOn }) => ({ id, assets, dependsOn }));
}
