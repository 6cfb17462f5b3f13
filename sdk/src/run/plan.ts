import type { DefinitionInfo } from "../define/definition";
import { refKey } from "../define/definition";
import type { Repository } from "../define/repository";
import type { PlannedStep } from "../protocol";

/** A planned step with the definition it runs. */
export interface ExecutionStep extends PlannedStep {
  definition: DefinitionInfo;
}

export function upstreamKeys(info: DefinitionInfo): string[] {
  return [...Object.values(info.ins), ...info.deps].map(refKey);
}

/**
 * One step per definition that produces a selected key, in dependency order. A multi-asset always runs whole
 * (its function produces every member); external assets (specs) are produced elsewhere and never planned.
 */
export function planSteps(repository: Repository, selected: Iterable<string>): ExecutionStep[] {
  const chosen = new Set<DefinitionInfo>();
  for (const key of selected) {
    const info = repository.byKey.get(key);
    if (info && info.type !== "spec") chosen.add(info);
  }
  const stepOf = new Map<string, ExecutionStep>();
  const steps: ExecutionStep[] = [];
  for (const info of chosen) {
    const assets = info.assets.map((asset) => asset.key!);
    const step: ExecutionStep = { id: assets.join(","), assets, dependsOn: [], definition: info };
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

function topologicalOrder(steps: ExecutionStep[]): ExecutionStep[] {
  const byId = new Map(steps.map((step) => [step.id, step]));
  const state = new Map<string, "visiting" | "done">();
  const ordered: ExecutionStep[] = [];
  const visit = (step: ExecutionStep, path: string[]) => {
    const seen = state.get(step.id);
    if (seen === "done") return;
    if (seen === "visiting") throw new Error(`the assets form a cycle (${[...path, step.id].join(" -> ")}): remove one of these dependencies.`);
    state.set(step.id, "visiting");
    for (const id of step.dependsOn) visit(byId.get(id)!, [...path, step.id]);
    state.set(step.id, "done");
    ordered.push(step);
  };
  for (const step of steps) visit(step, []);
  return ordered;
}

export function plannedSteps(steps: ExecutionStep[]): PlannedStep[] {
  return steps.map(({ id, assets, dependsOn }) => ({ id, assets, dependsOn }));
}
