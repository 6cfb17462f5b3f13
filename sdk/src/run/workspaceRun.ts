/** A CLI run: analyze (refusing on errors), choose the assets, load the code, execute with the SQLite store. */
import { randomUUID } from "node:crypto";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { createAnalyzer } from "../analyze";
import type { AnalyzerDiagnostic } from "../analyze/api";
import { FileIOManager } from "../io/fileIOManager";
import { TieredIOManager } from "../io/tieredIOManager";
import type { AssetGraph, RunEvent, RunOrigin } from "../protocol";
import { openStore } from "../store/sqliteStore";
import { chooseAssets, type RunTarget } from "./chooseAssets";
import { runPlan, type RunResult } from "./executor";
import { loadWorkspace } from "./loadWorkspace";
import { planSteps } from "./plan";

export interface WorkspaceRunOptions {
  root: string;
  storeDir: string;
  target: RunTarget;
  /** 0 or absent: the number of cores. */
  concurrency?: number;
  origin: RunOrigin;
  signal: AbortSignal;
  onEvent(event: RunEvent): void;
}

export function formatDiagnostic(d: AnalyzerDiagnostic): string {
  return `${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.code}: ${d.message}`;
}

/** The workspace's graph as the analyzer sees it; throws with every error when there are any. */
export function analyzeWorkspace(root: string): { graph: AssetGraph; entryFiles: string[] } {
  const analyzer = createAnalyzer({ root });
  analyzer.loadFromDisk();
  const errors = analyzer.diagnostics().filter((d) => d.severity === "error");
  if (errors.length > 0) {
    throw new Error(`the workspace has ${errors.length} error${errors.length > 1 ? "s" : ""}; fix ${errors.length > 1 ? "them" : "it"} before materializing:\n${errors.map(formatDiagnostic).join("\n")}`);
  }
  return { graph: analyzer.graph(), entryFiles: analyzer.entryFiles() };
}

export async function materializeWorkspace(options: WorkspaceRunOptions): Promise<RunResult> {
  const { root, storeDir } = options;
  const { graph, entryFiles } = analyzeWorkspace(root);
  const store = openStore(storeDir);
  try {
    const chosen = chooseAssets(options.target, graph, store);
    const repository = await loadWorkspace(root, entryFiles, join(storeDir, "build"));
    const unknown = [...chosen.keys].filter((key) => !repository.byKey.has(key));
    if (unknown.length > 0) {
      throw new Error(`the analyzer found ${unknown.join(", ")} but the loaded code does not define ${unknown.length > 1 ? "them" : "it"}: check that ${unknown.length > 1 ? "they are" : "it is"} exported and listed in the Definitions.`);
    }
    const steps = planSteps(repository, chosen.keys);
    const codeVersions = new Map(repository.graph.nodes.map((node) => [node.key, node.codeVersion]));
    for (const node of graph.nodes) if (node.codeVersion) codeVersions.set(node.key, node.codeVersion);
    const dataVersions = new Map([...store.latestMaterializations()].map(([key, m]) => [key, m.dataVersion]));
    const runId = randomUUID();
    store.startRun({ id: runId, selection: chosen.label, origin: options.origin, startedAt: Date.now() });
    return await runPlan({
      steps,
      selection: chosen.label,
      concurrency: options.concurrency || availableParallelism(),
      env: {
        runId,
        io: new TieredIOManager(store, new FileIOManager(join(storeDir, "storage"))),
        codeVersion: (key) => codeVersions.get(key) ?? "",
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
