import { createAnalyzer } from "../analyze";
import type { AssetGraph, AssetStatus } from "../protocol";
import { readStore } from "../store/sqliteStore";
import { statusesFromStore } from "./staleness";

/**
 * Every asset's status: the graph and code versions from the analyzer (no user code runs), the history from a
 * read-only store, so an editor polling this never blocks a run.
 */
export function workspaceStatuses(
  root: string,
  storeDir: string,
  definitionsFile?: string,
): { graph: AssetGraph; statuses: AssetStatus[] } {
  const analyzer = createAnalyzer({ root, definitionsFile });
  analyzer.loadFromDisk();
  const graph = analyzer.graph();
  return { graph, statuses: readStore(storeDir, (store) => statusesFromStore(graph, store)) };
}
