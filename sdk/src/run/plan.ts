import type { DefinitionInfo } from "../define/definition";
import { refKey, upstreamEdges } from "../define/definition";
import type { Repository } from "../define/repository";
import type { CheckDefinitionInfo } from "../checks/definition";
import { defaultMapping, type PartitionContext, partitionIndex, upstreamPartitions } from "../partitions";
import type {
  AssetGraph,
  BackfillPolicy,
  PartitionMappingData,
  PartitionsDefinitionData,
  PlannedStep,
} from "../protocol";
import { splitCheckKey } from "../protocol/checks";
import { blockingStepsByValue, type CheckStep, type CheckUnit, checkSteps } from "./planChecks";
import { valueId } from "./values";

/** An upstream key of a definition, with the partition mapping written on the edge (absent: the default). */
export interface ProducerUpstream {
  key: string;
  mapping?: PartitionMappingData;
}

/**
 * What planning needs of the definition that produces a key, wherever it comes from: the loaded code (a run) or the
 * analyzer's graph (a dry run). `definition` identifies it: keys with the same one run in the same step.
 */
export interface Producer<D> {
  definition: D;
  /** Every key it produces, in spec order. */
  members: string[];
  canSubset: boolean;
  upstream: ProducerUpstream[];
  partitions?: PartitionsDefinitionData;
  backfillPolicy?: BackfillPolicy;
}

/** The partitions a plan materializes: chosen per selected key (`choosePartitions`), in the definition's order. */
export interface PlanPartitions {
  chosen: ReadonlyMap<string, readonly string[]>;
  context: PartitionContext;
}

/** No partition chosen: a plan of unpartitioned assets (a partitioned one gets no step). */
const NO_PARTITIONS: PlanPartitions = { chosen: new Map(), context: { now: new Date(0), dynamicKeys: () => [] } };

/** A planned step with the definition it runs. */
export interface Step<D> extends PlannedStep {
  definition: D;
  /** Members of a multi-asset without `canSubset` that run only because a selected member shares its function. */
  unselected: string[];
}

export type AssetStep = Step<DefinitionInfo>;
export type ExecutionStep = AssetStep | CheckStep<CheckDefinitionInfo>;

export function isCheckStep<C>(step: Step<unknown> | CheckStep<C>): step is CheckStep<C> {
  return "check" in step;
}

/** `key[2026-03-01]`, `key[2026-03-01...2026-03-31]`: a partitioned step's id, from its assets' and its partitions. */
export function partitionStepId(base: string, partitions: readonly string[]): string {
  return `${base}[${partitions.length === 1 ? partitions[0] : `${partitions[0]}...${partitions.at(-1)}`}]`;
}

/**
 * The partitions of one definition split into its steps: one per partition (`multi-run`), or one per run of
 * consecutive partitions (`single-run`: the function gets each range whole; a gap, as `--partitions missing` can
 * leave, starts another range).
 */
function partitionGroups(
  producer: Producer<unknown>,
  keys: readonly string[],
  context: PartitionContext,
): (readonly string[])[] {
  if (producer.backfillPolicy !== "single-run") return keys.map((key) => [key]);
  const groups: string[][] = [];
  let previous = Number.NaN;
  for (const key of keys) {
    const at = partitionIndex(producer.partitions!, key, context) ?? Number.NaN;
    if (at === previous + 1) groups.at(-1)!.push(key);
    else groups.push([key]);
    previous = at;
  }
  return groups;
}

/**
 * One step per definition that produces a selected key, in dependency order; a partitioned definition has one step
 * per chosen partition (`multi-run`) or per range (`single-run`). A multi-asset runs whole (its function produces
 * every member) unless it has `canSubset`: then its step covers only the selected members, in spec order, and its id
 * joins just those keys (still unique: a key belongs to one definition). `producerOf` answers nothing for external
 * assets (specs), which are produced elsewhere and never planned. A step waits for the steps of the upstream
 * partitions its mapping reads (`upstreamPartitions`), when they are in the plan; the others are read from the store.
 * Each value the plan materializes is then checked by the `checks` about its asset (`checkSteps`), after its step;
 * a step reading a value also waits for that value's blocking checks, whose failure skips it.
 */
export function planProducers<D, C = never>(
  producerOf: (key: string) => Producer<D> | undefined,
  selection: Iterable<string>,
  partitions: PlanPartitions = NO_PARTITIONS,
  checks: readonly CheckUnit<C>[] = [],
): (Step<D> | CheckStep<C>)[] {
  const selected = new Set(selection);
  const chosen = new Map<D, { producer: Producer<D>; first: string }>();
  for (const key of selected) {
    const producer = producerOf(key);
    if (producer && !chosen.has(producer.definition)) chosen.set(producer.definition, { producer, first: key });
  }
  /** The step that materializes a key (unpartitioned) or one of its partitions: `valueId`. */
  const stepOf = new Map<string, Step<D>>();
  const steps: { step: Step<D>; producer: Producer<D> }[] = [];
  for (const { producer, first } of chosen.values()) {
    const { definition, members, canSubset } = producer;
    const assets = canSubset ? members.filter((key) => selected.has(key)) : members;
    const unselected = assets.filter((key) => !selected.has(key));
    const base = assets.join(",");
    if (!producer.partitions) {
      const step: Step<D> = { id: base, assets, dependsOn: [], definition, unselected };
      steps.push({ step, producer });
      for (const key of assets) stepOf.set(key, step);
      continue;
    }
    const keys = partitions.chosen.get(first) ?? [];
    for (const group of keys.length === 0 ? [] : partitionGroups(producer, keys, partitions.context)) {
      const id = partitionStepId(base, group);
      const step: Step<D> = { id, assets, dependsOn: [], partitions: [...group], definition, unselected };
      steps.push({ step, producer });
      for (const key of assets) for (const partition of group) stepOf.set(valueId(key, partition), step);
    }
  }
  const checked = checkSteps(
    checks,
    steps.flatMap(({ step }) =>
      step.assets.flatMap((key) => (step.partitions ?? [undefined]).map((partition) => ({ key, partition }))),
    ),
  );
  const blocking = blockingStepsByValue(checked);
  const stepsOfKey = new Map<string, string[]>();
  for (const { step } of steps)
    for (const key of step.assets) (stepsOfKey.get(key) ?? stepsOfKey.set(key, []).get(key)!).push(step.id);
  // A value a check reads but does not check: the same partition's step, the unpartitioned one, else all of the key's
  // steps this run makes (waiting longer than a mapping needs only orders steps; reading a value being written would
  // check the previous one).
  const readSteps = (key: string, partition: string | undefined): string[] => {
    const step = stepOf.get(valueId(key, partition)) ?? stepOf.get(key);
    return step ? [step.id] : (stepsOfKey.get(key) ?? []);
  };
  for (const step of checked)
    step.dependsOn = [
      ...new Set([
        ...step.planned.flatMap((check) => stepOf.get(valueId(check.asset, step.partition))?.id ?? []),
        ...step.reads.flatMap((key) => readSteps(key, step.partition)),
      ]),
    ];
  for (const { step, producer } of steps) {
    const needs = new Set<string>();
    const need = (id: string) => {
      const before = stepOf.get(id);
      if (before && before !== step) {
        needs.add(before.id);
        for (const check of blocking.get(id) ?? []) needs.add(check);
      }
    };
    for (const { key, mapping } of producer.upstream) {
      const upstream = producerOf(key)?.partitions;
      if (!upstream) {
        need(key);
        continue;
      }
      const read = upstreamPartitions(
        mapping ?? defaultMapping(upstream, producer.partitions),
        upstream,
        producer.partitions,
        step.partitions,
        partitions.context,
      );
      for (const partition of read.keys) need(valueId(key, partition));
    }
    step.dependsOn = [...needs];
  }
  // Each asset step is followed by its check steps: the order among peers stays readable.
  const after = new Map<string | undefined, CheckStep<C>[]>();
  for (const step of checked)
    (after.get(step.dependsOn[0]) ?? after.set(step.dependsOn[0], []).get(step.dependsOn[0])!).push(step);
  return topologicalOrder<Step<D> | CheckStep<C>>(steps.flatMap(({ step }) => [step, ...(after.get(step.id) ?? [])]));
}

/** The plan of a run of loaded code (and of `materialize()` in tests). */
export function planSteps(
  repository: Repository,
  selection: Iterable<string>,
  partitions?: PlanPartitions,
): ExecutionStep[] {
  // Once per definition: a multi-asset's members all ask for the same one.
  const producers = new Map<DefinitionInfo, Producer<DefinitionInfo>>();
  return planProducers(
    (key) => {
      const info = repository.byKey.get(key);
      if (!info || info.type === "spec") return undefined;
      let producer = producers.get(info);
      if (!producer) {
        producer = {
          definition: info,
          members: info.assets.map((asset) => asset.key!),
          canSubset: info.canSubset ?? false,
          upstream: upstreamEdges(info).map(({ ref, mapping }) => ({ key: refKey(ref), ...(mapping && { mapping }) })),
          ...(info.partitionsDef && { partitions: info.partitionsDef }),
          ...(info.backfillPolicy && { backfillPolicy: info.backfillPolicy }),
        };
        producers.set(info, producer);
      }
      return producer;
    },
    selection,
    partitions,
    repositoryCheckUnits(repository),
  );
}

/** The loaded code's check definitions (a `multiAssetCheck`'s checks share one), each spec with its key. */
export function repositoryCheckUnits(repository: Repository): CheckUnit<CheckDefinitionInfo>[] {
  return repository.checks.map(({ info, keys, reads }) => ({
    definition: info,
    checks: keys.map((key, i) => ({ key, asset: splitCheckKey(key).asset, blocking: info.specs[i]!.blocking })),
    reads,
  }));
}

/**
 * The plan from the analyzer's graph alone, the one a run of the same code takes (a multi-asset's members share the
 * step of its first member; partitions and mappings as the analyzer read them), without loading that code: what
 * `materialize --dry-run` prints.
 */
export function planGraph(graph: AssetGraph, selection: Iterable<string>, partitions?: PlanPartitions): PlannedStep[] {
  const byKey = new Map<string, Producer<string>>();
  for (const node of graph.nodes) {
    if (node.kind === "external") continue;
    const definition = node.multiAsset?.firstKey ?? node.key;
    const producer = byKey.get(definition) ?? {
      definition,
      members: [],
      canSubset: node.multiAsset?.canSubset ?? false,
      upstream: [],
      ...(node.partitions && { partitions: definitionData(node.partitions) }),
      ...(node.backfillPolicy && { backfillPolicy: node.backfillPolicy }),
    };
    producer.members.push(node.key);
    byKey.set(node.key, producer);
  }
  for (const { from, to, mapping } of graph.edges)
    byKey.get(to)?.upstream.push({ key: from, ...(mapping && { mapping }) });
  return plannedSteps(planProducers((key) => byKey.get(key), selection, partitions, graphCheckUnits(graph)));
}

/** The graph's checks by definition: a `multiAssetCheck`'s nodes share the call that defines them. */
export function graphCheckUnits(graph: AssetGraph): CheckUnit<string>[] {
  const units = new Map<string, CheckUnit<string>>();
  for (const node of graph.checks ?? []) {
    const start = node.location?.range.start;
    const where = start && `${node.location!.file}:${start.line}:${start.character}`;
    const definition = node.form === "multiAssetCheck" ? (where ?? node.definedBy ?? node.key) : node.key;
    const unit = units.get(definition) ?? units.set(definition, { definition, checks: [], reads: [] }).get(definition)!;
    unit.checks.push({ key: node.key, asset: node.asset, blocking: node.blocking });
    unit.reads = [...new Set([...unit.reads, ...(node.additionalAssets ?? [])])].sort();
  }
  return [...units.values()];
}

/** A graph node's partitions without the analyzer's `count`: the definition itself. */
export function definitionData(
  partitions: PartitionsDefinitionData & { count?: number | undefined },
): PartitionsDefinitionData {
  const { count: _count, ...definition } = partitions;
  return definition as PartitionsDefinitionData;
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
  return steps.map(({ id, assets, dependsOn, partitions, checks }) => ({
    id,
    assets,
    dependsOn,
    ...(partitions && { partitions }),
    ...(checks && { checks }),
  }));
}
