/**
 * What the view shows: the whole graph, or the focused asset with its neighbourhood (2 levels up and down by
 * default, plus nodes the user expanded in place), narrowed by the filter, with collapsed groups drawn as one node.
 */
import type { EdgeKind } from "assetline/protocol";
import type { LineageModel } from "./model";

export interface ViewOptions {
  focus: string | null;
  wholeGraph: boolean;
  depth: number;
  /** Nodes whose every neighbour is shown, whatever the depth. */
  expanded: Set<string>;
  filter: Set<string> | null;
  collapsedGroups: Set<string>;
}

export type VisibleNode =
  | { id: string; type: "asset"; key: string; group: string; hiddenNeighbours: number }
  | { id: string; type: "group"; group: string; members: string[] };

export interface VisibleEdge {
  from: string;
  to: string;
  kind: EdgeKind;
}

export interface VisibleGraph {
  nodes: VisibleNode[];
  edges: VisibleEdge[];
}

const groupNodeId = (group: string): string => `group:${group}`;

/** The assets one edge away from `key`, upstream then downstream, once per edge. */
function neighboursOf(model: LineageModel, key: string): string[] {
  return [
    ...(model.upstream.get(key) ?? []).map((edge) => edge.from),
    ...(model.downstream.get(key) ?? []).map((edge) => edge.to),
  ];
}

function neighbourhood(model: LineageModel, focus: string, depth: number, expanded: Set<string>): Set<string> {
  const shown = new Set([focus]);
  for (const [edges, end] of [
    [model.upstream, "from"],
    [model.downstream, "to"],
  ] as const) {
    let frontier = [focus];
    for (let level = 0; level < depth && frontier.length > 0; level++) {
      const next: string[] = [];
      for (const key of frontier) {
        for (const edge of edges.get(key) ?? []) if (!shown.has(edge[end])) shown.add(edge[end]), next.push(edge[end]);
      }
      frontier = next;
    }
  }
  for (const key of expanded) if (shown.has(key)) for (const other of neighboursOf(model, key)) shown.add(other);
  return shown;
}

export function visibleGraph(model: LineageModel, options: ViewOptions): VisibleGraph {
  const useNeighbourhood = !options.wholeGraph && options.focus !== null && model.nodes.has(options.focus);
  let keys = useNeighbourhood
    ? neighbourhood(model, options.focus!, options.depth, options.expanded)
    : new Set(model.nodes.keys());
  if (options.filter) keys = new Set([...keys].filter((key) => options.filter!.has(key)));

  const idOf = (key: string): string => {
    const group = model.nodes.get(key)!.group;
    return options.collapsedGroups.has(group) ? groupNodeId(group) : key;
  };
  const nodes: VisibleNode[] = [];
  const groups = new Map<string, string[]>();
  for (const key of keys) {
    const group = model.nodes.get(key)!.group;
    if (options.collapsedGroups.has(group)) {
      const members = groups.get(group);
      if (members) members.push(key);
      else groups.set(group, [key]);
      continue;
    }
    const hiddenNeighbours = neighboursOf(model, key).filter((other) => !keys.has(other)).length;
    nodes.push({ id: key, type: "asset", key, group, hiddenNeighbours });
  }
  for (const [group, members] of groups) nodes.push({ id: groupNodeId(group), type: "group", group, members });

  const edges = new Map<string, VisibleEdge>();
  for (const edge of model.message.graph.edges) {
    if (!keys.has(edge.from) || !keys.has(edge.to)) continue;
    const from = idOf(edge.from);
    const to = idOf(edge.to);
    if (from === to) continue;
    const id = `${from}\u0000${to}`;
    // Between collapsed groups a data edge wins over an order edge: some value does flow.
    if (!edges.has(id) || edge.kind === "data") edges.set(id, { from, to, kind: edge.kind });
  }
  return { nodes, edges: [...edges.values()] };
}
