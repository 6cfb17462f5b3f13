/**
 * The graph a selection is evaluated on, indexed once per evaluation: node numbers and adjacency lists in both
 * directions, so every operator runs in time linear in nodes plus edges.
 */

/** What a selection can filter on. A protocol `AssetNode` fits. */
export interface SelectionNode {
  key: string;
  group: string;
  tags: Record<string, string>;
  kinds: string[];
  owners: string[];
}

/** A protocol `AssetGraph` fits. */
export interface SelectionGraph {
  nodes: readonly SelectionNode[];
  edges: readonly { from: string; to: string }[];
}

export interface GraphIndex {
  /** Nodes by number; a key defined twice keeps its first node (the analyzer reports the duplicate). */
  nodes: SelectionNode[];
  numberOf: Map<string, number>;
  parents: number[][];
  children: number[][];
}

export function indexGraph(graph: SelectionGraph): GraphIndex {
  const nodes: SelectionNode[] = [];
  const numberOf = new Map<string, number>();
  for (const node of graph.nodes) {
    if (numberOf.has(node.key)) continue;
    numberOf.set(node.key, nodes.length);
    nodes.push(node);
  }
  const parents: number[][] = nodes.map(() => []);
  const children: number[][] = nodes.map(() => []);
  for (const edge of graph.edges) {
    // Edges to keys the graph lacks (a missing upstream) cannot be walked.
    const from = numberOf.get(edge.from);
    const to = numberOf.get(edge.to);
    if (from === undefined || to === undefined) continue;
    parents[to]!.push(from);
    children[from]!.push(to);
  }
  return { nodes, numberOf, parents, children };
}
