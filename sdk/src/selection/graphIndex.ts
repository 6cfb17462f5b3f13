/**
 * The graph a selection is evaluated on, indexed once per evaluation: node numbers and adjacency lists in both
 * directions, so every operator runs in time linear in nodes plus edges.
 */

import type { AutomationTarget } from "../protocol/automation";
import type { AssetKind } from "../protocol/graph";

/** What a selection can filter on. A protocol `AssetNode` fits. */
export interface SelectionNode {
  key: string;
  /** `external` for an `AssetSpec` (is:external); absent counts as materializable. */
  kind?: AssetKind;
  group: string;
  tags: Record<string, string>;
  kinds: string[];
  owners: string[];
  /** Its automation condition (only the top-level label is read, for automation_type:). */
  automationCondition?: { label?: string };
}

/** A protocol `AssetGraph` fits. */
export interface SelectionGraph {
  nodes: readonly SelectionNode[];
  edges: readonly { from: string; to: string }[];
  /** What `job:NAME` looks up; absent: `job:` throws SelectionNeedsFacts. */
  jobs?: readonly { name: string; selection: string }[];
  /** What `schedule:NAME` and `sensor:NAME` look up; absent: they throw SelectionNeedsFacts. */
  schedules?: readonly { name: string; target?: AutomationTarget }[];
  sensors?: readonly { name: string; target?: AutomationTarget }[];
}

/** Compressed adjacency: the neighbours of node `i` are `targets[offsets[i]]` up to `targets[offsets[i + 1]]`. */
export interface Adjacency {
  offsets: Int32Array;
  targets: Int32Array;
}

export interface GraphIndex {
  /** Nodes by number; a key defined twice keeps its first node (the analyzer reports the duplicate). */
  nodes: SelectionNode[];
  numberOf: Map<string, number>;
  parents: Adjacency;
  children: Adjacency;
}

export function indexGraph(graph: SelectionGraph): GraphIndex {
  const nodes: SelectionNode[] = [];
  const numberOf = new Map<string, number>();
  for (const node of graph.nodes) {
    if (numberOf.has(node.key)) continue;
    numberOf.set(node.key, nodes.length);
    nodes.push(node);
  }
  // Edges to keys the graph lacks (a missing upstream) cannot be walked.
  const from: number[] = [];
  const to: number[] = [];
  for (const edge of graph.edges) {
    const source = numberOf.get(edge.from);
    const target = numberOf.get(edge.to);
    if (source === undefined || target === undefined) continue;
    from.push(source);
    to.push(target);
  }
  return { nodes, numberOf, parents: adjacency(nodes.length, to, from), children: adjacency(nodes.length, from, to) };
}

/** Typed arrays built by counting sort: two passes, no per-node arrays for the garbage collector. */
function adjacency(size: number, sources: number[], targets: number[]): Adjacency {
  const offsets = new Int32Array(size + 1);
  for (const source of sources) offsets[source + 1]!++;
  for (let i = 0; i < size; i++) offsets[i + 1]! += offsets[i]!;
  const next = offsets.slice(0, size);
  const sorted = new Int32Array(targets.length);
  sources.forEach((source, e) => {
    sorted[next[source]!++] = targets[e]!;
  });
  return { offsets, targets: sorted };
}
