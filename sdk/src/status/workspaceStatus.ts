import { createAnalyzer } from "../analyze";
import type { AssetGraph, AssetStatus } from "../protocol";
import { openStoreReader } from "../store/sqliteStore";
import { statusesFromStore } from "./staleness";

/**
 * Every asset's status: the graph and code versions from the analyzer (no user code runs), the history from a
 * read-only store, so an editor polling this never blocks a run.
 */
export function workspaceStatuses(root: string, storeDir: string, definitionsFile?: string): { graph: AssetGraph; statuses: AssetStatus[] } {
  const analyzer = createAnalyzer({ root, definitionsFile });
  analyzer.loadFromDisk();
  const graph = analyzer.graph();
  const store = openStoreReader(storeDir);
  try {
    return { graph, statuses: statusesFromStore(graph, store) };
  } finally {
    store.close();
  }
}
