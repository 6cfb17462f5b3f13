/** A CLI run: analyze (refusing on errors), choose the assets, load the code, execute with the SQLite store. */
import { randomUUID } from "node:crypto";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { createAnalyzer } from "../analyze";
import type { AnalyzerDiagnostic } from "../analyze/api";
import { FileIOManager } from "../io/fileIOManager";
import { TieredIOManager } from "../io/tieredIOManager";
import type { AssetGraph, DryRun, RunEvent, RunOrigin } from "../protocol";
import { statusesFromStore } from "../status/staleness";
import { openStore, openStoreReader } from "../store/sqliteStore";
import type { StoreReader } from "../store/store";
import { chooseAssets, type RunTarget } from "./chooseAssets";
import { runPlan, type RunResult } from "./executor";
import { loadWorkspace } from "./loadWorkspace";
import { plannedSteps, planSteps } from "./plan";

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
): { graph: AssetGraph; entryFiles: string[] } {
  const analyzer = createAnalyzer({ root, definitionsFile });
  analyzer.loadFromDisk();
  const errors = analyzer.diagnostics().filter((d) => d.severity === "error");
  if (errors.length > 0) throw new WorkspaceErrors(errors);
  return { graph: analyzer.graph(), entryFiles: analyzer.entryFiles() };
}

/**
 * The loaded code defines an asset the analyzer did not find: made by a factory function, a loop or a call, which only
 * running the code reveals. Selections and the editor cannot see it, so no run materializes it: say so, with the fix.
 */
function unseenAssetWarning(key: string): string {
  return `the loaded code defines asset "${key}", which Assetline cannot see without running it (made by a function call or a loop?), so no selection, run or editor view includes it: define it with a top-level \`export const ... = asset(...)\` call.`;
}

/**
 * What both a run and a dry run do before executing: analyze (refusing on errors before the store is touched), open the
 * store, choose, load the code and plan its steps. The caller closes the store.
 */
async function prepareRun<S extends StoreReader>(options: PlanOptions, open: (storeDir: string) => S) {
  const { root, storeDir } = options;
  const { graph, entryFiles } = analyzeWorkspace(root, options.definitionsFile);
  const store = open(storeDir);
  try {
    const chosen = chooseAssets(options.target, graph, store);
    // The definitions file's Definitions is the one that counts, at run time as in the analyzer.
    const definitionsPath =
      options.definitionsFile === undefined ? undefined : resolve(root, options.definitionsFile).replace(/\\/g, "/");
    const repository = await loadWorkspace(root, entryFiles, join(storeDir, "build"), definitionsPath);
    const unknown = [...chosen.keys].filter((key) => !repository.byKey.has(key));
    if (unknown.length > 0) {
      throw new Error(
        `the analyzer found ${unknown.join(", ")} but the loaded code does not define ${unknown.length > 1 ? "them" : "it"}: check that ${unknown.length > 1 ? "they are" : "it is"} exported and listed in the Definitions.`,
      );
    }
    return { store, graph, chosen, repository, steps: planSteps(repository, chosen.keys) };
  } catch (error) {
    store.close();
    throw error;
  }
}

type PlanOptions = Pick<WorkspaceRunOptions, "root" | "storeDir" | "definitionsFile" | "target">;

/** What `materialize --dry-run` prints: the steps a run would take, in order, and each planned asset's state now. */
/**
 * Plans as a run does (the same selection, the same steps, multi-assets whole or subset) without executing an asset or
 * writing to the store: the code is loaded only to learn its steps.
 */
export async function planWorkspace(options: PlanOptions): Promise<DryRun> {
  const { store, graph, chosen, steps } = await prepareRun(options, openStoreReader);
  try {
    const planned = new Set(steps.flatMap((step) => step.assets));
    return {
      selection: chosen.label,
      steps: plannedSteps(steps),
      statuses: statusesFromStore(graph, store).filter((status) => planned.has(status.key)),
    };
  } finally {
    store.close();
  }
}

export async function materializeWorkspace(options: WorkspaceRunOptions): Promise<RunResult> {
  const { store, graph, chosen, repository, steps } = await prepareRun(options, openStore);
  try {
    const analyzedKeys = new Set(graph.nodes.map((node) => node.key));
    // The analyzer hashes a node's code version when it is first read: read it only for keys this run materializes.
    const analyzed = new Map(graph.nodes.map((node) => [node.key, node]));
    const declared = new Map(repository.graph.nodes.map((node) => [node.key, node.codeVersion]));
    const dataVersions = new Map([...store.latestMaterializations()].map(([key, m]) => [key, m.dataVersion]));
    const runId = randomUUID();
    store.startRun({ id: runId, selection: chosen.label, origin: options.origin, startedAt: Date.now() });
    return await runPlan({
      steps,
      selection: chosen.label,
      warnings: repository.graph.nodes
        .filter((node) => !analyzedKeys.has(node.key))
        .map((node) => unseenAssetWarning(node.key)),
      concurrency: options.concurrency || availableParallelism(),
      env: {
        runId,
        io: new TieredIOManager(store, new FileIOManager(join(options.storeDir, "storage"))),
        codeVersion: (key) => analyzed.get(key)?.codeVersion || declared.get(key) || "",
        dataVersions,
        signal: options.signal,
        emit: (event) => {
          store.record(event);
          options.onEvent(event);
        },
      },
    });
  } finally {
    store.close();
  }
}
