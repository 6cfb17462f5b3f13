/** The graph as the app holds it: the host's message plus lookups by key and by direction. */
import type { AssetCheckNode, AssetEdge, AssetNode, AssetStatus, GraphWithStatuses } from "assetline/protocol";

export interface LineageModel {
  message: GraphWithStatuses;
  nodes: Map<string, AssetNode>;
  statuses: Map<string, AssetStatus>;
  /** Each asset's checks, by asset key. */
  checks: Map<string, AssetCheckNode[]>;
  upstream: Map<string, AssetEdge[]>;
  downstream: Map<string, AssetEdge[]>;
}

function append<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

export function buildModel(message: GraphWithStatuses): LineageModel {
  const nodes = new Map(message.graph.nodes.map((node) => [node.key, node]));
  const upstream = new Map<string, AssetEdge[]>();
  const downstream = new Map<string, AssetEdge[]>();
  for (const edge of message.graph.edges) {
    if (!nodes.has(edge.from) || !nodes.has(edge.to)) continue;
    append(upstream, edge.to, edge);
    append(downstream, edge.from, edge);
  }
  const checks = new Map<string, AssetCheckNode[]>();
  for (const check of message.graph.checks ?? []) append(checks, check.asset, check);
  return {
    message,
    nodes,
    checks,
    statuses: new Map(message.statuses.map((status) => [status.key, status])),
    upstream,
    downstream,
  };
}

export const emptyModel = (): LineageModel => buildModel({ graph: { nodes: [], edges: [], jobs: [] }, statuses: [] });
