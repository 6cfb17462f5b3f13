/** A laid-out visible graph: where every node and edge is, with the boxes needed for culling and group frames. */
import type { LayoutResult } from "../layout/types";
import type { VisibleGraph } from "../visible";

export const NODE_WIDTH = 230;
export const NODE_HEIGHT = 44;
const GROUP_PADDING = 14;
const GROUP_LABEL_HEIGHT = 16;

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
  /** One frame per expanded group, around all its shown members. */
  groupBoxes: { group: string; box: Box }[];
  /** Around every node and group frame. */
  bounds: Box;
}

export const union = (a: Box, b: Box): Box => ({
  x0: Math.min(a.x0, b.x0),
  y0: Math.min(a.y0, b.y0),
  x1: Math.max(a.x1, b.x1),
  y1: Math.max(a.y1, b.y1),
});

export const intersects = (a: Box, b: Box): boolean => a.x0 <= b.x1 && b.x0 <= a.x1 && a.y0 <= b.y1 && b.y0 <= a.y1;

export function nodeBox(layout: LayoutResult, index: number): Box {
  const x = layout.x[index]!;
  const y = layout.y[index]!;
  return { x0: x - NODE_WIDTH / 2, y0: y - NODE_HEIGHT / 2, x1: x + NODE_WIDTH / 2, y1: y + NODE_HEIGHT / 2 };
}

export function edgePoints(layout: LayoutResult, edge: number): [number, number][] {
  const points: [number, number][] = [];
  for (let p = layout.edgeOffsets[edge]!; p < layout.edgeOffsets[edge + 1]!; p++)
    points.push([layout.edgePoints[2 * p]!, layout.edgePoints[2 * p + 1]!]);
  return points;
}

/** Whether the segment from (ax, ay) to (bx, by) passes through the box. */
function segmentMeetsBox(ax: number, ay: number, bx: number, by: number, box: Box): boolean {
  if (Math.max(ax, bx) < box.x0 || Math.min(ax, bx) > box.x1 || Math.max(ay, by) < box.y0 || Math.min(ay, by) > box.y1)
    return false;
  // The segment's box overlaps: it passes through unless all four corners lie on one side of its line.
  const side = (x: number, y: number): number => Math.sign((bx - ax) * (y - ay) - (by - ay) * (x - ax));
  const corners = [side(box.x0, box.y0), side(box.x1, box.y0), side(box.x0, box.y1), side(box.x1, box.y1)];
  return !corners.every((s) => s === corners[0] && s !== 0);
}

/**
 * Whether an edge's line passes through the box. An edge's bounding box is not enough: a long edge between two
 * distant groups has a huge one, and drawing hundreds of such edges that never show costs seconds of software raster.
 */
export function edgeInView(placement: Placement, edge: number, box: Box): boolean {
  if (!intersects(placement.edgeBoxes[edge]!, box)) return false;
  const { edgeOffsets, edgePoints: points } = placement.layout;
  for (let p = edgeOffsets[edge]!; p + 1 < edgeOffsets[edge + 1]!; p++) {
    if (segmentMeetsBox(points[2 * p]!, points[2 * p + 1]!, points[2 * p + 2]!, points[2 * p + 3]!, box)) return true;
  }
  return false;
}

export function buildPlacement(graph: VisibleGraph, layout: LayoutResult): Placement {
  const indexOf = new Map(graph.nodes.map((node, i) => [node.id, i]));
  const edgeBoxes = graph.edges.map((_, e) => {
    const box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
    for (const [x, y] of edgePoints(layout, e))
      (box.x0 = Math.min(box.x0, x)),
        (box.y0 = Math.min(box.y0, y)),
        (box.x1 = Math.max(box.x1, x)),
        (box.y1 = Math.max(box.y1, y));
    return box;
  });
  const groupBoxes = groupFrames(graph, layout);
  const bounds = groupBoxes.reduce((all, { box }) => union(all, box), {
    x0: 0,
    y0: 0,
    x1: layout.width,
    y1: layout.height,
  });
  return { graph, layout, indexOf, edgeBoxes, groupBoxes, bounds };
}

/**
 * One frame per expanded group around all its shown members. The layout keeps each group in its own band in every
 * layer column, so these rectangles never overlap; a collapsed group is a node of its own and has no frame.
 */
function groupFrames(graph: VisibleGraph, layout: LayoutResult): { group: string; box: Box }[] {
  const frames = new Map<string, Box>();
  graph.nodes.forEach((node, i) => {
    if (node.type !== "asset") return;
    const box = nodeBox(layout, i);
    // Room above the top node for the group's label.
    const padded = {
      x0: box.x0 - GROUP_PADDING,
      y0: box.y0 - GROUP_PADDING - GROUP_LABEL_HEIGHT,
      x1: box.x1 + GROUP_PADDING,
      y1: box.y1 + GROUP_PADDING,
    };
    const frame = frames.get(node.group);
    frames.set(node.group, frame ? union(frame, padded) : padded);
  });
  return [...frames].map(([group, box]) => ({ group, box }));
}
