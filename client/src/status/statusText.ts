/** The status bar's text, from the running step or the assets' states. */
import type { GraphWithStatuses } from "assetline/protocol";

export interface StatusInput {
  /** The step running now (its assets), when a run is going on. */
  running: string[] | undefined;
  graph: GraphWithStatuses | undefined;
  trusted: boolean;
}

export interface StatusText {
  text: string;
  tooltip: string;
}

/**
 * Assets that a run would materialize: not fresh, including never materialized and failed as the runner's `--stale`
 * does. The store lists nothing before the first run, so an asset without a status counts as never materialized;
 * external assets are produced elsewhere and never count.
 */
function staleCount({ graph, statuses }: GraphWithStatuses): { stale: number; total: number } {
  const state = new Map(statuses.map((status) => [status.key, status.state]));
  const own = graph.nodes.filter((node) => node.kind !== "external");
  return { stale: own.filter((node) => state.get(node.key) !== "fresh").length, total: own.length };
}

export function statusText({ running, graph, trusted }: StatusInput): StatusText {
  const click = "Click to open the lineage.";
  if (running) return { text: `$(sync~spin) ${running.join(", ")}`, tooltip: `Assetline: materializing. ${click}` };
  if (!trusted)
    return {
      text: "$(workspace-untrusted) Assetline",
      tooltip: `Restricted mode: assets are analyzed but not materialized. ${click}`,
    };
  if (!graph) return { text: "$(sync~spin) Assetline", tooltip: "Assetline: analyzing the workspace." };
  const { stale, total } = staleCount(graph);
  if (stale === 0) return { text: "$(check) Assets fresh", tooltip: `All ${total} assets are fresh. ${click}` };
  return { text: `$(warning) ${stale} stale`, tooltip: `${stale} of ${total} assets need materializing. ${click}` };
}
