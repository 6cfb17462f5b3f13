import type { AssetGraph, AssetStatus, Materialization } from "../protocol";
import type { StoreReader, StoredFailure } from "../store/store";

export interface StalenessInput {
  /** The graph as the analyzer sees the code now: its code versions are compared with the stored ones. */
  graph: AssetGraph;
  materializations: Map<string, Materialization>;
  failures: Map<string, StoredFailure>;
}

/** "4 min", "12 s", "2 h": how much later an upstream was materialized. */
export function formatGap(ms: number): string {
  const seconds = Math.max(0, ms) / 1000;
  if (seconds < 1) return "moments";
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} d`;
}

/** Upstream keys of each key, from both data (`ins`) and ordering (`deps`) edges. */
function upstreamOf(graph: AssetGraph): Map<string, string[]> {
  const upstream = new Map<string, string[]>(graph.nodes.map((node) => [node.key, []]));
  for (const edge of graph.edges) upstream.get(edge.to)?.push(edge.from);
  return upstream;
}

/**
 * Each asset's state with every reason in words. Stale means: code changed since the last materialization, an upstream
 * was materialized after the value this asset consumed, or an upstream is itself not fresh (so staleness propagates).
 * External assets are produced elsewhere: they are never stale and make nothing stale.
 */
export function computeStatuses({ graph, materializations, failures }: StalenessInput): AssetStatus[] {
  const upstream = upstreamOf(graph);
  const nodes = new Map(graph.nodes.map((node) => [node.key, node]));
  const statuses = new Map<string, AssetStatus>();

  const statusOf = (key: string, visiting: Set<string>): AssetStatus | undefined => {
    const known = statuses.get(key);
    if (known) return known;
    const node = nodes.get(key);
    if (!node || visiting.has(key)) return undefined;
    visiting.add(key);
    const last = materializations.get(key) ?? null;
    const failure = failures.get(key);
    const status: AssetStatus = { key, state: "fresh", reasons: [], lastMaterialization: last };
    if (failure && (!last || failure.timestamp > last.timestamp)) status.lastFailure = failure;

    if (node.kind !== "external") {
      if (status.lastFailure) {
        status.state = "failed";
        status.reasons.push(`last run failed: ${status.lastFailure.error}`);
      } else if (!last) {
        status.state = "never";
        status.reasons.push("never materialized");
      } else if (node.codeVersion && last.codeVersion !== node.codeVersion) {
        status.reasons.push("code changed since last materialization");
      }
      for (const from of upstream.get(key) ?? []) {
        const up = statusOf(from, visiting);
        if (!up || nodes.get(from)?.kind === "external") continue;
        if (up.state !== "fresh") status.reasons.push(up.state === "failed" ? `upstream ${from} failed` : up.state === "never" ? `upstream ${from} was never materialized` : `upstream ${from} is stale`);
        const upLast = up.lastMaterialization;
        if (last && upLast && upLast.timestamp > last.timestamp) {
          status.reasons.push(`upstream ${from} materialized ${formatGap(upLast.timestamp - last.timestamp)} after this one`);
        }
      }
      if (status.state === "fresh" && status.reasons.length > 0) status.state = "stale";
    }
    visiting.delete(key);
    statuses.set(key, status);
    return status;
  };

  return graph.nodes.map((node) => statusOf(node.key, new Set())!);
}

/** Statuses of the graph's assets from what a store recorded. */
export function statusesFromStore(graph: AssetGraph, store: StoreReader): AssetStatus[] {
  return computeStatuses({ graph, materializations: store.latestMaterializations(), failures: store.latestFailures() });
}
