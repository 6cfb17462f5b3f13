/** The graph as the app holds it: the host's message plus lookups by key and by direction. */
import type { AssetEdge, AssetNode, AssetStatus, GraphWithStatuses } from "assetline/protocol";

export interface LineageModel {
  message: GraphWithStatuses;
  nodes: Map<string, AssetNode>;
  statuses: Map<string, AssetStatus>;
  upstream: Map<string, AssetEdge[]>;
  downstream: Map<string, AssetEdge[]>;
}

function append(map: Map<string, AssetEdge[]>, key: string, edge: AssetEdge): void {
  const list = map.get(key);
  if (list) list.push(edge);
  else map.set(key, [edge]);
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
  return {
    message,
    nodes,
    statuses: new Map(message.statuses.map((status) => [status.key, status])),
    upstream,
    downstream,
  };
}

export const emptyModel = (): LineageModel => buildModel({ graph: { nodes: [], edges: [], jobs: [] }, statuses: [] });
