/**
 * Evaluates a selection on a graph. Each sub-expression yields a membership mask over the indexed nodes, so the
 * whole evaluation costs O(expression size × (nodes + edges)).
 */
import type { Depth, SelectionExpr } from "./ast";
import { indexGraph, type Adjacency, type GraphIndex, type SelectionGraph, type SelectionNode } from "./graphIndex";

type Mask = Uint8Array;

/** The keys the selection picks, in the graph's node order. */
export function selectAssets(expr: SelectionExpr, graph: SelectionGraph): Set<string> {
  const index = indexGraph(graph);
  const mask = evaluate(expr, index);
  const selected = new Set<string>();
  index.nodes.forEach((node, i) => {
    if (mask[i]) selected.add(node.key);
  });
  return selected;
}

function evaluate(expr: SelectionExpr, index: GraphIndex): Mask {
  switch (expr.type) {
    case "all":
      return new Uint8Array(index.nodes.length).fill(1);
    case "key":
      return matchKey(expr.pattern, index);
    case "group":
      return filter(index, (node) => node.group === expr.value);
    case "kind":
      return filter(index, (node) => node.kinds.includes(expr.value));
    case "owner":
      return filter(index, (node) => node.owners.includes(expr.value));
    case "tag":
      return filter(
        index,
        (node) =>
          Object.hasOwn(node.tags, expr.key) && (expr.value === undefined || node.tags[expr.key] === expr.value),
      );
    case "not":
      return evaluate(expr.operand, index).map((member) => 1 - member);
    case "and": {
      const right = evaluate(expr.right, index);
      return evaluate(expr.left, index).map((member, i) => member & right[i]!);
    }
    case "or": {
      const right = evaluate(expr.right, index);
      return evaluate(expr.left, index).map((member, i) => member | right[i]!);
    }
    case "traverse": {
      const start = evaluate(expr.operand, index);
      const result = start.slice();
      if (expr.up !== undefined) walk(start, index.parents, expr.up, result);
      if (expr.down !== undefined) walk(start, index.children, expr.down, result);
      return result;
    }
    case "roots":
      return withoutNeighbourInside(evaluate(expr.operand, index), index.parents);
    case "sinks":
      return withoutNeighbourInside(evaluate(expr.operand, index), index.children);
  }
}

function filter(index: GraphIndex, test: (node: SelectionNode) => boolean): Mask {
  return Uint8Array.from(index.nodes, (node) => (test(node) ? 1 : 0));
}

function matchKey(pattern: string, index: GraphIndex): Mask {
  if (!pattern.includes("*")) {
    const mask = new Uint8Array(index.nodes.length);
    const i = index.numberOf.get(pattern);
    if (i !== undefined) mask[i] = 1;
    return mask;
  }
  const regex = wildcardRegex(pattern);
  return filter(index, (node) => regex.test(node.key));
}

/** `*` matches any run of characters, `/` included; everything else is literal. */
function wildcardRegex(pattern: string): RegExp {
  const body = pattern
    .split("*")
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${body}$`);
}

/** Breadth-first from every member of `start` along `neighbours`, `depth` layers deep, marking what it reaches. */
function walk(start: Mask, { offsets, targets }: Adjacency, depth: Depth, result: Mask): void {
  const limit = depth === "all" ? Infinity : depth;
  const seen = start.slice();
  let frontier: number[] = [];
  start.forEach((member, i) => {
    if (member) frontier.push(i);
  });
  for (let layer = 0; layer < limit && frontier.length > 0; layer++) {
    const next: number[] = [];
    for (const node of frontier) {
      for (let e = offsets[node]!; e < offsets[node + 1]!; e++) {
        const neighbour = targets[e]!;
        if (seen[neighbour]) continue;
        seen[neighbour] = 1;
        result[neighbour] = 1;
        next.push(neighbour);
      }
    }
    frontier = next;
  }
}

/** Members none of whose `neighbours` are members: roots (by parents) or sinks (by children) of the set. */
function withoutNeighbourInside(members: Mask, { offsets, targets }: Adjacency): Mask {
  return members.map((member, i) => {
    if (!member) return 0;
    for (let e = offsets[i]!; e < offsets[i + 1]!; e++) if (members[targets[e]!]) return 0;
    return 1;
  });
}
