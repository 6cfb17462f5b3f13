/** A laid-out visible graph: where every node and edge is, with the boxes needed for culling and group frames. */
import type { LayoutResult } from "../layout/types";
import type { VisibleGraph } from "../visible";

export const NODE_WIDTH = 230;
export const NODE_HEIGHT = 44;
const GROUP_PADDING = 14;

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface Placement {
  graph: VisibleGraph;
  layout: LayoutResult;
  indexOf: Map<string, number>;
  edgeBoxes: Box[];
  /** Frames around the shown members of each expanded group, one per run of members in a layer column. */
  groupBoxes: { id: string; group: string; box: Box }[];
}

export const intersects = (a: Box, b: Box): boolean => a.x0 <= b.x1 && b.x0 <= a.x1 && a.y0 <= b.y1 && b.y0 <= a.y1;

export function nodeBox(layout: LayoutResult, index: number): Box {
  const x = layout.x[index]!;
  const y = layout.y[index]!;
  return { x0: x - NODE_WIDTH / 2, y0: y - NODE_HEIGHT / 2, x1: x + NODE_WIDTH / 2, y1: y + NODE_HEIGHT / 2 };
}

export function edgePoints(layout: LayoutResult, edge: number): [number, number][] {
  const points: [number, number][] = [];
  for (let p = layout.edgeOffsets[edge]!; p < layout.edgeOffsets[edge + 1]!; p++) points.push([layout.edgePoints[2 * p]!, layout.edgePoints[2 * p + 1]!]);
  return points;
}

export function buildPlacement(graph: VisibleGraph, layout: LayoutResult): Placement {
  const indexOf = new Map(graph.nodes.map((node, i) => [node.id, i]));
  const edgeBoxes = graph.edges.map((_, e) => {
    const box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
    for (const [x, y] of edgePoints(layout, e)) (box.x0 = Math.min(box.x0, x)), (box.y0 = Math.min(box.y0, y)), (box.x1 = Math.max(box.x1, x)), (box.y1 = Math.max(box.y1, y));
    return box;
  });
  return { graph, layout, indexOf, edgeBoxes, groupBoxes: groupFrames(graph, layout) };
}

/**
 * A group's frame is drawn per layer column, around each run of its members (the layout keeps a group's members
 * together within a layer): one box across columns would cover other groups' nodes.
 */
function groupFrames(graph: VisibleGraph, layout: LayoutResult): { id: string; group: string; box: Box }[] {
  const columns = new Map<number, number[]>();
  graph.nodes.forEach((_, i) => {
    const column = columns.get(layout.x[i]!);
    if (column) column.push(i);
    else columns.set(layout.x[i]!, [i]);
  });
  const frames: { id: string; group: string; box: Box }[] = [];
  for (const column of columns.values()) {
    column.sort((a, b) => layout.y[a]! - layout.y[b]!);
    let run: { group: string; box: Box } | null = null;
    const close = (): void => {
      if (run) frames.push({ id: `${run.group}@${frames.length}`, ...run });
      run = null;
    };
    for (const i of column) {
      const node = graph.nodes[i]!;
      // Any other node (another group's, or a collapsed group) ends the run.
      if (node.type !== "asset" || run?.group !== node.group) close();
      if (node.type !== "asset") continue;
      const box = nodeBox(layout, i);
      if (run) run.box.y1 = box.y1 + GROUP_PADDING;
      else run = { group: node.group, box: { x0: box.x0 - GROUP_PADDING, y0: box.y0 - GROUP_PADDING - 16, x1: box.x1 + GROUP_PADDING, y1: box.y1 + GROUP_PADDING } };
    }
    close();
  }
  return frames;
}
