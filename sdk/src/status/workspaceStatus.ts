import { createAnalyzer } from "../analyze";
import type { AnalyzerDiagnostic } from "../analyze/api";
import type { AssetGraph, AssetStatus, PartitionStatus } from "../protocol";
import { readStore } from "../store/openStore";
import { partitionStatuses, statusesFromStore } from "./staleness";

interface AnalyzedWorkspace {
  graph: AssetGraph;
  /** The analyzer's errors: with any, the graph may miss assets or edges, and a run would refuse to start. */
  errors: AnalyzerDiagnostic[];
}

/** The graph and code versions from the analyzer: no user code runs. */
export function analyzeGraph(root: string, definitionsFile?: string): AnalyzedWorkspace {
  const analyzer = createAnalyzer({ root, definitionsFile });
  analyzer.loadFromDisk();
  return { graph: analyzer.graph(), errors: analyzer.diagnostics().filter((d) => d.severity === "error") };
}

/**
 * Every asset's status: the graph from the analyzer, the history from a read-only store, so an editor polling this
 * never blocks a run.
 */
export async function workspaceStatuses(
  root: string,
  storeDir: string,
  definitionsFile?: string,
): Promise<AnalyzedWorkspace & { statuses: AssetStatus[] }> {
  const { graph, errors } = analyzeGraph(root, definitionsFile);
  return { graph, statuses: await readStore(storeDir, (store) => statusesFromStore(graph, store)), errors };
}

/** Each partition of the partitioned asset `key` (undefined: the graph has no such partitioned asset). */
export async function workspacePartitionStatuses(
  root: string,
  storeDir: string,
  key: string,
  definitionsFile?: string,
): Promise<AnalyzedWorkspace & { partitions: PartitionStatus[] | undefined }> {
  const { graph, errors } = analyzeGraph(root, definitionsFile);
  const partitioned = graph.nodes.some((node) => node.key === key && node.partitions);
  const partitions = partitioned
    ? await readStore(storeDir, (store) => partitionStatuses(graph, store, key))
    : undefined;
  return { graph, partitions, errors };
}
