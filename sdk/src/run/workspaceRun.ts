/** A CLI run: analyze (refusing on errors), choose the assets, load the code, execute with the SQLite store. */
import { randomUUID } from "node:crypto";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { createAnalyzer } from "../analyze";
import type { AnalyzerDiagnostic } from "../analyze/api";
import { FileIOManager } from "../io/fileIOManager";
import { TieredIOManager } from "../io/tieredIOManager";
import type { AssetGraph, DryRun, PlannedStep, RunEvent, RunOrigin } from "../protocol";
import { statusesFromStore } from "../status/staleness";
import { openStore, openStoreReader } from "../store/sqliteStore";
import { collectUnreferencedValues, storageFolder } from "../store/storeFolder";
import type { StoreReader } from "../store/store";
import { chooseAssets, type RunTarget } from "./chooseAssets";
import { runPlan, type RunResult } from "./executor";
import { loadWorkspace, type ModuleOf } from "./loadWorkspace";
import { type ExecutionStep, planGraph, planSteps } from "./plan";
import { statesOf, workspaceFacts } from "./workspaceFacts";

export interface WorkspaceRunOptions {
  root: string;
  storeDir: string;
  /** Relative to the root; absent: every file that defines an asset. */
  definitionsFile?: string;
  target: RunTarget;
  /** 0 or absent: the number of cores. */
  concurrency?: number;
  origin: RunOrigin;
  signal: AbortSignal;
  onEvent(event: RunEvent): void;
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
function analyzeWorkspace(
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

type PlanOptions = Pick<WorkspaceRunOptions, "root" | "storeDir" | "definitionsFile" | "target">;

/**
 * What both a run and a dry run do first: analyze (refusing on errors before the store is touched), open the store,
 * choose the assets and plan their steps from the analyzer's graph. Nothing of the workspace's code runs. The caller
 * closes the store.
 */
function chooseWorkspaceAssets<S extends StoreReader>(options: PlanOptions, open: (storeDir: string) => S) {
  const { graph, entryFiles, moduleOf } = analyzeWorkspace(options.root, options.definitionsFile);
  const store = open(options.storeDir);
  try {
    const facts = workspaceFacts({
      root: options.root,
      definitionsFile: options.definitionsFile,
      graph,
      states: () => statesOf(statusesFromStore(graph, store)),
    });
    const chosen = chooseAssets(options.target, graph, store, facts);
    return { store, graph, entryFiles, moduleOf, chosen, planned: planGraph(graph, chosen.keys) };
  } catch (error) {
    store.close();
    throw error;
  }
}

/** What `materialize --dry-run` prints: the steps a run would take, in order, and each planned asset's state now. */
/**
 * Plans as a run does (the same selection, the same steps, multi-assets whole or subset) from the analyzer alone:
 * the workspace's code is neither loaded nor run (its top-level side effects do not happen), nothing is recorded.
 */
export function planWorkspace(options: PlanOptions): DryRun {
  const { store, graph, chosen, planned } = chooseWorkspaceAssets(options, openStoreReader);
  try {
    const inPlan = new Set(planned.flatMap((step) => step.assets));
    return {
      selection: chosen.label,
      steps: planned,
      statuses: statusesFromStore(graph, store).filter((status) => inPlan.has(status.key)),
    };
  } finally {
    store.close();
  }
}

/** Only running the code can disagree with the analyzer (a spec or `canSubset` it could not read); say so, with both. */
function planMismatchWarning(planned: PlannedStep[], steps: ExecutionStep[]): string | undefined {
  const ids = (list: PlannedStep[]) =>
    list.map((step) => `${step.id} (after ${step.dependsOn.join(", ") || "nothing"})`);
  const [analyzed, loaded] = [ids(planned), ids(steps)];
  if (analyzed.join("; ") === loaded.join("; ")) return undefined;
  return `the loaded code plans the steps ${loaded.join("; ")}, which is not what the analyzer (and materialize --dry-run) planned: ${analyzed.join("; ")}. Write specs and \`canSubset\` literally (\`assetline check\` warns about what the analyzer cannot follow).`;
}

export async function materializeWorkspace(options: WorkspaceRunOptions): Promise<RunResult> {
  const { store, graph, entryFiles, moduleOf, chosen, planned } = chooseWorkspaceAssets(options, openStore);
  try {
    const { root, definitionsFile } = options;
    // The definitions file's Definitions is the one that counts, at run time as in the analyzer.
    const definitionsPath =
      definitionsFile === undefined ? undefined : resolve(root, definitionsFile).replace(/\\/g, "/");
    const repository = await loadWorkspace(
      root,
      entryFiles,
      join(options.storeDir, "build"),
      moduleOf,
      definitionsPath,
    );
    const unknown = [...chosen.keys].filter((key) => !repository.byKey.has(key));
    if (unknown.length > 0) {
      throw new Error(
        `the analyzer found ${unknown.join(", ")} but the loaded code does not define ${unknown.length > 1 ? "them" : "it"}: check that ${unknown.length > 1 ? "they are" : "it is"} exported and listed in the Definitions.`,
      );
    }
    const steps = planSteps(repository, chosen.keys);
    const mismatch = planMismatchWarning(planned, steps);
    const analyzedKeys = new Set(graph.nodes.map((node) => node.key));
    // The analyzer hashes a node's code version when it is first read: read it only for keys this run materializes.
    const analyzed = new Map(graph.nodes.map((node) => [node.key, node]));
    const declared = new Map(repository.graph.nodes.map((node) => [node.key, node.codeVersion]));
    const runId = randomUUID();
    store.startRun({ id: runId, selection: chosen.label, origin: options.origin, startedAt: Date.now() });
    const result = await runPlan({
      steps,
      selection: chosen.label,
      warnings: [
        ...repository.graph.nodes
          .filter((node) => !analyzedKeys.has(node.key))
          .map((node) => unseenAssetWarning(node.key)),
        ...(mismatch === undefined ? [] : [mismatch]),
      ],
      concurrency: options.concurrency || availableParallelism(),
      env: {
        runId,
        io: new TieredIOManager(store, new FileIOManager(storageFolder(options.storeDir))),
        codeVersion: (key) => analyzed.get(key)?.codeVersion || declared.get(key) || "",
        committed: (key) => store.committedValue(key),
        produced: new Map(),
        signal: options.signal,
        emit: (event) => {
          store.record(event);
          options.onEvent(event);
        },
      },
    });
    // The values this run replaced (and any a crashed or out-raced run left) go now, unless another run is running.
    collectUnreferencedValues(store, options.storeDir);
    return result;
  } finally {
    store.close();
  }
}
