/** A CLI run: analyze (refusing on errors), choose the assets, load the code, execute with the SQLite store. */
import { randomUUID } from "node:crypto";
import { availableParallelism } from "node:os";
import { join, relative, resolve } from "node:path";
import { createAnalyzer } from "../analyze";
import type { AnalyzerDiagnostic } from "../analyze/api";
import { FileIOManager } from "../io/fileIOManager";
import { TieredIOManager } from "../io/tieredIOManager";
import { TableIOManager } from "../warehouse/tableIOManager";
import { Warehouse } from "../warehouse/warehouse";
import { dynamicNames, type PartitionContext } from "../partitions";
import type { AssetGraph, AssetStatus, DryRun, Materialization, PlannedStep, RunEvent, RunOrigin } from "../protocol";
import type { SelectionFacts } from "../selection";
import { statusesFromStore } from "../status/staleness";
import { openStore, openStoreReader } from "../store/openStore";
import { collectUnreferencedValues, storageFolder, warehouseFile } from "../store/storeFolder";
import type { Store, StoreReader } from "../store/store";
import type { ValueTable } from "../io/tieredIOManager";
import type { Repository } from "../define/repository";
import type { ResourcePool } from "../resources/resourcePool";
import type { RecordedValue, RunEnvironment } from "./environment";
import { chooseAssets, type RunTarget } from "./chooseAssets";
import { choosePartitions } from "./choosePartitions";
import { runPlan, type RunResult } from "./executor";
import { loadWorkspace, type ModuleOf } from "./loadWorkspace";
import { partitionStatesFromStore } from "./partitionStates";
import { RunRecorder } from "./runRecorder";
import { type ExecutionStep, planGraph, planSteps } from "./plan";
import { runResources } from "./runResources";
import { resolveWithStatuses, workspaceFacts } from "./workspaceFacts";
import { validateRunConfig, type RunConfig } from "../config/validateRunConfig";

export interface WorkspaceRunOptions {
  root: string;
  storeDir: string;
  /** Relative to the root; absent: every file that defines an asset. */
  definitionsFile?: string;
  target: RunTarget;
  /** 0 or absent: the number of cores. */
  concurrency?: number;
  origin: RunOrigin;
  /** The schedule or sensor that started the run. */
  instigator?: string;
  signal: AbortSignal;
  onEvent(event: RunEvent): void;
  /** Run config by asset key (`--config`), validated before the run is recorded. */
  config?: RunConfig;
  /** Analyzed and loaded ahead (the daemon's warm run process): the run neither analyzes nor bundles. */
  warm?: WarmWorkspace;
}

/**
 * A workspace a warm run process holds: the daemon's graph (the analyzer's, free of errors, for this root and
 * definitions file) and the repository loaded from the bundle the daemon built from the same sources.
 */
export interface WarmWorkspace {
  graph: AssetGraph;
  repository: Repository;
}

/** The analyzer found errors: nothing runs until they are fixed. The CLI prints each as `check` does. */
export class WorkspaceErrors extends Error {
  constructor(readonly diagnostics: AnalyzerDiagnostic[]) {
    super(
      `the workspace has ${diagnostics.length} error${diagnostics.length > 1 ? "s" : ""}; fix ${diagnostics.length > 1 ? "them" : "it"} before materializing (see \`assetline check\`).`,
    );
  }
}

/**
 * The workspace's graph as the analyzer sees it (with a definitions file, only what that file reaches: what the
 * runner loads); throws `WorkspaceErrors` when there are any errors.
 */
export function analyzeWorkspace(
  root: string,
  definitionsFile: string | undefined,
): { graph: AssetGraph; entryFiles: string[]; moduleOf: ModuleOf } {
  const analyzer = createAnalyzer({ root, definitionsFile });
  analyzer.loadFromDisk();
  const errors = analyzer.diagnostics().filter((d) => d.severity === "error");
  if (errors.length > 0) throw new WorkspaceErrors(errors);
  // The bundle resolves imports through the same analyzer, so it loads the modules the graph was drawn from.
  return { graph: analyzer.graph(), entryFiles: analyzer.entryFiles(), moduleOf: analyzer.moduleOf };
}

/**
 * The loaded code defines an asset the analyzer did not find: made by a factory function, a loop or a call, which only
 * running the code reveals. Selections and the editor cannot see it, so no run materializes it: say so, with the fix.
 */
function unseenAssetWarning(key: string): string {
  return `the loaded code defines asset "${key}", which Assetline cannot see without running it (made by a function call or a loop?), so no selection, run or editor view includes it: define it with a top-level \`export const ... = asset(...)\` call.`;
}

type PlanOptions = Pick<WorkspaceRunOptions, "root" | "storeDir" | "definitionsFile" | "target" | "warm">;

/**
 * The clock and the dynamic partitions' keys, read once: the dry run's plan, the run's plan and its steps all see the
 * same partitions, even if a key is added while the run runs. `readKeys` reads those of a graph not read yet (the
 * loaded code's, after the analyzer's).
 */
export interface RunPartitionContext extends PartitionContext {
  readKeys(graph: AssetGraph): Promise<void>;
}

async function partitionContextOf(store: StoreReader, graph: AssetGraph): Promise<RunPartitionContext> {
  const dynamic = new Map<string, readonly string[]>();
  const context: RunPartitionContext = {
    now: new Date(),
    dynamicKeys: (name) => dynamic.get(name) ?? [],
    async readKeys(graph) {
      const names = dynamicNames(graph).filter((name) => !dynamic.has(name));
      const keys = await Promise.all(names.map((name) => store.dynamicPartitionKeys(name)));
      names.forEach((name, i) => dynamic.set(name, keys[i]!));
    },
  };
  await context.readKeys(graph);
  return context;
}

/**
 * Chooses the partitions of the chosen keys in `graph` (the analyzer's for the dry run, the loaded code's for the
 * run): each partition's state is read from the store only when `--partitions missing|failed|stale` or `--stale` asks.
 */
async function partitionsOfTarget(
  target: RunTarget,
  keys: ReadonlySet<string>,
  graph: AssetGraph,
  analyzed: AssetGraph,
  store: StoreReader,
  context: PartitionContext,
) {
  const byState = target.stale === true || (target.partitions !== undefined && "status" in target.partitions);
  const states = byState ? await partitionStatesFromStore(analyzed, store, context, keys) : undefined;
  return choosePartitions({
    graph,
    keys,
    request: target.partitions,
    onlyNotFresh: target.stale === true,
    ...(states && { states: (key: string) => states.of(key) }),
    context,
  });
}

/**
 * What every run and dry run does first: analyze (refusing on errors before the store is touched), open the store and
 * choose what to run (`choose`, given the selection facts and the partition context). Nothing of the workspace's code
 * runs. The caller closes the store.
 */
export async function chooseInWorkspace<S extends StoreReader, T>(
  options: Pick<WorkspaceRunOptions, "root" | "storeDir" | "definitionsFile" | "warm">,
  open: (storeDir: string) => Promise<S>,
  choose: (graph: AssetGraph, store: S, facts: SelectionFacts, context: PartitionContext) => Promise<T>,
) {
  const { graph, entryFiles, moduleOf } = options.warm
    ? { graph: options.warm.graph, entryFiles: [], moduleOf: () => undefined }
    : analyzeWorkspace(options.root, options.definitionsFile);
  const store = await open(options.storeDir);
  try {
    const context = await partitionContextOf(store, graph);
    const facts = (statuses?: readonly AssetStatus[]) =>
      workspaceFacts({ root: options.root, definitionsFile: options.definitionsFile, graph, statuses });
    const chosen = await resolveWithStatuses(
      (statuses) => choose(graph, store, facts(statuses), context),
      () => statusesFromStore(graph, store),
    );
    return { store, graph, entryFiles, moduleOf, context, ...chosen };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** The assets (and partitions) a run or dry run materializes, planned from the analyzer's graph. */
function chooseWorkspaceAssets<S extends StoreReader>(options: PlanOptions, open: (storeDir: string) => Promise<S>) {
  return chooseInWorkspace(options, open, async (graph, store, facts, context) => {
    const chosen = await chooseAssets(options.target, graph, store, facts);
    const partitions = await partitionsOfTarget(options.target, chosen.keys, graph, graph, store, context);
    return { chosen, planned: planGraph(graph, chosen.keys, { chosen: partitions, context }) };
  });
}

/** What `materialize --dry-run` prints: the steps a run would take, in order, and each planned asset's state now. */
/**
 * Plans as a run does (the same selection, the same steps, multi-assets whole or subset) from the analyzer alone:
 * the workspace's code is neither loaded nor run (its top-level side effects do not happen), nothing is recorded.
 */
export async function planWorkspace(options: PlanOptions): Promise<DryRun> {
  const { store, graph, chosen, planned } = await chooseWorkspaceAssets(options, openStoreReader);
  try {
    const inPlan = new Set(planned.flatMap((step) => step.assets));
    return {
      selection: chosen.label,
      steps: planned,
      statuses: (await statusesFromStore(graph, store)).filter((status) => inPlan.has(status.key)),
    };
  } finally {
    await store.close();
  }
}

/** At most this many steps of each plan are quoted: a backfill's plans have thousands. */
const QUOTED_STEPS = 8;

/**
 * Only running the code can disagree with the analyzer (a spec, `canSubset`, a partitions definition or a mapping it
 * could not read); say so, quoting the steps only one of them has (both whole when only the order differs).
 */
export function planMismatchWarning(planned: PlannedStep[], steps: ExecutionStep[]): string | undefined {
  const ids = (list: PlannedStep[]) =>
    list.map((step) => `${step.id} (after ${step.dependsOn.join(", ") || "nothing"})`);
  const [analyzed, loaded] = [ids(planned), ids(steps)];
  if (analyzed.length === loaded.length && analyzed.every((line, i) => line === loaded[i])) return undefined;
  const [inAnalyzed, inLoaded] = [new Set(analyzed), new Set(loaded)];
  const onlyLoaded = loaded.filter((line) => !inAnalyzed.has(line));
  const onlyAnalyzed = analyzed.filter((line) => !inLoaded.has(line));
  const quote = (lines: string[]) =>
    lines.length <= QUOTED_STEPS
      ? lines.join("; ")
      : `${lines.slice(0, QUOTED_STEPS).join("; ")} and ${lines.length - QUOTED_STEPS} more`;
  const [ours, theirs] =
    onlyLoaded.length + onlyAnalyzed.length === 0 ? [loaded, analyzed] : [onlyLoaded, onlyAnalyzed];
  return `the loaded code plans the steps ${quote(ours) || "(none other)"}, which is not what the analyzer (and materialize --dry-run) planned: ${quote(theirs) || "(none other)"}. Write specs, \`canSubset\`, partitions definitions and mappings literally (\`assetline check\` warns about what the analyzer cannot follow).`;
}

/** Bundles and loads the workspace's code; the definitions file's Definitions counts, at run time as in the analyzer. */
export function loadRepository(
  options: Pick<WorkspaceRunOptions, "root" | "storeDir" | "definitionsFile">,
  entryFiles: string[],
  moduleOf: ModuleOf,
): Promise<Repository> {
  return loadWorkspace(options.root, entryFiles, join(options.storeDir, "build"), moduleOf, definitionsPath(options));
}

/** The definitions file as the analyzer names it among the entry files (absolute, forward slashes). */
export function definitionsPath({ root, definitionsFile }: Pick<WorkspaceRunOptions, "root" | "definitionsFile">) {
  return definitionsFile === undefined ? undefined : resolve(root, definitionsFile).replace(/\\/g, "/");
}

/** The newest record of a value in the store, with its metadata: what a check reads of a value this run did not make. */
async function recordedIn(store: StoreReader, key: string, partition?: string): Promise<RecordedValue | undefined> {
  const record =
    partition === undefined
      ? (await store.latestMaterializations([key])).get(key)
      : await store.latestPartitionMaterialization(key, partition);
  return record && recordedValue(record);
}

/** What a step reads of a materialization record: its value's version and place, its time and metadata. */
export function recordedValue({ dataVersion, valueRef, timestamp, metadata }: Materialization): RecordedValue {
  return { dataVersion, ...(valueRef !== undefined && { valueRef }), timestamp, metadata };
}

/** Every event recorded by `recorder`, then passed on: how a CLI run emits. The caller settles `recorder`. */
export function recordThen(recorder: RunRecorder, onEvent: (event: RunEvent) => void): (event: RunEvent) => void {
  return (event) => {
    recorder.record(event);
    onEvent(event);
  };
}

/**
 * A run's surroundings in the CLI and in a worker's step process: values through the store's IO managers (tables in
 * its warehouse, the rest as JSON; files under `storage`, default the store folder's), events to `emit`. The caller
 * closes `env.warehouse`.
 */
export function storeEnvironment(
  store: Store & ValueTable,
  options: Pick<WorkspaceRunOptions, "storeDir" | "signal"> & { emit(event: RunEvent): void; storage?: string },
  repository: Repository,
  runId: string,
  context: PartitionContext,
  codeVersion: (key: string) => string,
  resources: ResourcePool,
): RunEnvironment & { warehouse: Warehouse } {
  const files = new FileIOManager(options.storage ?? storageFolder(options.storeDir));
  return {
    runId,
    resources,
    io: new TableIOManager(new TieredIOManager(store, files), files),
    defaultIo: repository.io,
    warehouse: new Warehouse({ path: warehouseFile(options.storeDir) }),
    codeVersion,
    committed: (key, partition) => store.committedValue(key, partition),
    recorded: (key, partition) => recordedIn(store, key, partition),
    produced: new Map(),
    partitionsOf: (key) => repository.byKey.get(key)?.partitionsDef,
    partitionContext: context,
    signal: options.signal,
    emit: options.emit,
  };
}

/** `src/assets.ts:12`: where the analyzer found an asset's definition, relative to the workspace. */
export function locationOf(graph: AssetGraph, root: string, key: string): string | undefined {
  const location = graph.nodes.find((node) => node.key === key)?.location;
  return location && `${relative(root, location.file).replace(/\\/g, "/")}:${location.range.start.line + 1}`;
}

/** What a run needs once its code is loaded and before it is recorded, local or queued alike. */
export interface PreparedRun<S extends StoreReader> {
  store: S;
  graph: AssetGraph;
  repository: Repository;
  selection: string;
  keys: ReadonlySet<string>;
  context: RunPartitionContext;
  partitions: ReadonlyMap<string, readonly string[]>;
  steps: ExecutionStep[];
  config: RunConfig;
  /** Checked: every resource the steps request is provided (none is set up until a step asks). */
  resources: ResourcePool;
  /** Said once, as run-level warning logs, when the run starts. */
  warnings: string[];
  /** What the run records as a key's code version: the analyzer's hash, else the one the code declares. */
  codeVersion(key: string): string;
}

/**
 * Analyzes, chooses, loads (with `load`: bundled and loaded here by default) and plans a run, validating its config:
 * everything that can refuse a run does so before it is recorded. The caller closes the store.
 */
export async function prepareRun<S extends StoreReader>(
  options: Omit<WorkspaceRunOptions, "onEvent" | "origin">,
  open: (storeDir: string) => Promise<S>,
  load: (entryFiles: string[], moduleOf: ModuleOf) => Promise<Repository> = (entryFiles, moduleOf) =>
    loadRepository(options, entryFiles, moduleOf),
): Promise<PreparedRun<S>> {
  const { store, graph, entryFiles, moduleOf, chosen, context, planned } = await chooseWorkspaceAssets(options, open);
  try {
    const repository = options.warm?.repository ?? (await load(entryFiles, moduleOf));
    const unknown = [...chosen.keys].filter((key) => !repository.byKey.has(key));
    if (unknown.length > 0) {
      throw new Error(
        `the analyzer found ${unknown.join(", ")} but the loaded code does not define ${unknown.length > 1 ? "them" : "it"}: check that ${unknown.length > 1 ? "they are" : "it is"} exported and listed in the Definitions.`,
      );
    }
    // The loaded definitions are the ones that run: their partitions are chosen again from them, by the same rule.
    await context.readKeys(repository.graph);
    const partitions = await partitionsOfTarget(options.target, chosen.keys, repository.graph, graph, store, context);
    const steps = planSteps(repository, chosen.keys, { chosen: partitions, context });
    const mismatch = planMismatchWarning(planned, steps);
    // A config that does not fit fails here, before the run is recorded: nothing ran, so there is no run to show.
    const config = await validateRunConfig(options.config ?? {}, repository.byKey, chosen.keys);
    const resources = runResources(steps, {
      provided: repository.resources,
      root: options.root,
      signal: options.signal,
      locate: (key) => locationOf(graph, options.root, key),
    });
    const analyzedKeys = new Set(graph.nodes.map((node) => node.key));
    // The analyzer hashes a node's code version when it is first read: read it only for keys this run materializes.
    const analyzed = new Map(graph.nodes.map((node) => [node.key, node]));
    const declared = new Map(repository.graph.nodes.map((node) => [node.key, node.codeVersion]));
    return {
      store,
      graph,
      repository,
      selection: chosen.label,
      keys: chosen.keys,
      context,
      partitions,
      steps,
      config,
      resources,
      warnings: [
        ...repository.graph.nodes
          .filter((node) => !analyzedKeys.has(node.key))
          .map((node) => unseenAssetWarning(node.key)),
        ...(mismatch === undefined ? [] : [mismatch]),
      ],
      codeVersion: (key) => analyzed.get(key)?.codeVersion || declared.get(key) || "",
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

export async function materializeWorkspace(options: WorkspaceRunOptions): Promise<RunResult> {
  const { store, repository, selection, context, steps, config, resources, warnings, codeVersion } = await prepareRun(
    options,
    openStore,
  );
  try {
    const runId = randomUUID();
    const configured = Object.keys(config).length > 0;
    await store.startRun({
      id: runId,
      selection,
      ...startedBy(options),
      startedAt: Date.now(),
      ...(configured && { config }),
    });
    const recorder = new RunRecorder(store);
    const env = {
      ...storeEnvironment(
        store,
        { ...options, emit: recordThen(recorder, options.onEvent) },
        repository,
        runId,
        context,
        codeVersion,
        resources,
      ),
      config,
    };
    const result = await runPlan({
      steps,
      selection,
      warnings,
      concurrency: options.concurrency || availableParallelism(),
      env,
    }).finally(() => env.warehouse.close());
    await recorder.settle();
    // The values this run replaced (and any a crashed or out-raced run left) go now, unless another run is running.
    await collectUnreferencedValues(store, options.storeDir);
    return result;
  } finally {
    await store.close();
  }
}

/** Who started a run, as the store records it: the origin, and the schedule or sensor when one did. */
export function startedBy({ origin, instigator }: Pick<WorkspaceRunOptions, "origin" | "instigator">) {
  return { origin, ...(instigator !== undefined && { instigator }) };
}
