import { createAnalyzer } from "../analyze";
import type { AnalyzerDiagnostic } from "../analyze/api";
import type { AssetGraph, AssetStatus } from "../protocol";
import { readStore } from "../store/sqliteStore";
import { statusesFromStore } from "./staleness";

/**
 * Every asset's status: the graph and code versions from the analyzer (no user code runs), the history from a
 * read-only store, so an editor polling this never blocks a run. `errors` are the analyzer's errors: with any, the
 * graph may miss assets or edges, and a run would refuse to start.
 */
export function workspaceStatuses(
  root: string,
  storeDir: string,
  definitionsFile?: string,
): { graph: AssetGraph; statuses: AssetStatus[]; errors: AnalyzerDiagnostic[] } {
  const analyzer = createAnalyzer({ root, definitionsFile });
  analyzer.loadFromDisk();
  const graph = analyzer.graph();
  const errors = analyzer.diagnostics().filter((d) => d.severity === "error");
  return { graph, statuses: readStore(storeDir, (store) => statusesFromStore(graph, store)), errors };
}
