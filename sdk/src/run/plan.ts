import type { DefinitionInfo } from "../define/definition";
import { refKey } from "../define/definition";
import type { Repository } from "../define/repository";
import type { AssetGraph, PlannedStep } from "../protocol";

/**
 * What planning needs of the definition that produces a key, wherever it comes from: the loaded code (a run) or the
 * analyzer's graph (a dry run). `definition` identifies it: keys with the same one run in the same step.
 */
export interface Producer<D> {
  definition: D;
  /** Every key it produces, in spec order. */
  members: string[];
  canSubset: boolean;
  upstream: string[];
}

/** A planned step with the definition it runs. */
export interface Step<D> extends PlannedStep {
  definition: D;
  /** Members of a multi-asset without `canSubset` that run only because a selected member shares its function. */
  unselected: string[];
}

export type ExecutionStep = Step<DefinitionInfo>;

export function upstreamKeys(info: DefinitionInfo): string[] {
  return [...Object.values(info.ins), ...info.deps].map(refKey);
}

/**
 * One step per definition that produces a selected key, in dependency order. A multi-asset runs whole (its function
 * produces every member) unless it has `canSubset`: then its step covers only the selected members, in spec order,
 * and its id joins just those keys (still unique: a key belongs to one definition). `producerOf` answers nothing for
 * external assets (specs), which are produced elsewhere and never planned.
 */
export function planProducers<D>(
  producerOf: (key: string) => Producer<D> | undefined,
  selection: Iterable<string>,
): Step<D>[] {
  const selected = new Set(selection);
  const chosen = new Map<D, Producer<D>>();
  for (const key of selected) {
    const producer = producerOf(key);
    if (producer && !chosen.has(producer.definition)) chosen.set(producer.definition, producer);
  }
  const stepOf = new Map<string, Step<D>>();
  const steps: { step: Step<D>; upstream: string[] }[] = [];
  for (const { definition, members, canSubset, upstream } of chosen.values()) {
    const assets = canSubset ? members.filter((key) => selected.has(key)) : members;
    const unselected = assets.filter((key) => !selected.has(key));
    const step: Step<D> = { id: assets.join(","), assets, dependsOn: [], definition, unselected };
    steps.push({ step, upstream });
    for (const key of assets) stepOf.set(key, step);
  }
  for (const { step, upstream } of steps) {
    const needs = new Set<string>();
    for (const key of upstream) {
      const before = stepOf.get(key);
      if (before && before !== step) needs.add(before.id);
    }
    step.dependsOn = [...needs];
  }
  return topologicalOrder(steps.map(({ step }) => step));
}

/** The plan of a run of loaded code (and of `materialize()` in tests). */
export function planSteps(repository: Repository, selection: Iterable<string>): ExecutionStep[] {
  // Once per definition: a multi-asset's members all ask for the same one.
  const producers = new Map<DefinitionInfo, Producer<DefinitionInfo>>();
  return planProducers((key) => {
    const info = repository.byKey.get(key);
    if (!info || info.type === "spec") return undefined;
    let producer = producers.get(info);
    if (!producer) {
      const members = info.assets.map((asset) => asset.key!);
      producer = { definition: info, members, canSubset: info.canSubset ?? false, upstream: upstreamKeys(info) };
      producers.set(info, producer);
    }
    return producer;
  }, selection);
}

/**
 * The plan from the analyzer's graph alone, the one a run of the same code takes (a multi-asset's members share the
 * step of its first member), without loading that code: what `materialize --dry-run` prints.
 */
export function planGraph(graph: AssetGraph, selection: Iterable<string>): PlannedStep[] {
  const byKey = new Map<string, Producer<string>>();
  for (const node of graph.nodes) {
    if (node.kind === "external") continue;
    const definition = node.multiAsset?.firstKey ?? node.key;
    const producer = byKey.get(definition) ?? {
      definition,
      members: [],
      canSubset: node.multiAsset?.canSubset ?? false,
      upstream: [],
    };
    producer.members.push(node.key);
    byKey.set(node.key, producer);
  }
  for (const edge of graph.edges) byKey.get(edge.to)?.upstream.push(edge.from);
  return plannedSteps(planProducers((key) => byKey.get(key), selection));
}

/** Kahn's algorithm: iterative, so a chain of 10,000 assets needs no deep recursion. Keeps the input order among peers. */
function topologicalOrder<S extends PlannedStep>(steps: S[]): S[] {
  const waiting = new Map(steps.map((step) => [step.id, step.dependsOn.length]));
  const dependents = new Map<string, S[]>(steps.map((step) => [step.id, []]));
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

export function plannedSteps(steps: PlannedStep[]): PlannedStep[] {
  return steps.map(({ id, assets, dependsOn }) => ({ id, assets, dependsOn }));
}
