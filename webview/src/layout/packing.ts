/**
 * Packs a graph's separate parts side by side, wrapping like text, so a narrow panel shows rows of small parts
 * instead of one very wide strip. A part is a set of assets joined by edges or by a group (a group's frame must stay
 * one rectangle, so a group is never split across parts). Each part gets its own layered layout; parts go along the
 * layers' axis (across, when top to bottom) until the next would pass `wrap`, then a new shelf starts past the
 * deepest part of this one. One part, or no `wrap`, is the plain layered layout.
 */
import { layoutLayered } from "./layered";
import type { LayoutRequest, LayoutResult } from "./types";

/** Between parts and between shelves: room for two group frames (padding and label) and a clear gap. */
const PART_GAP = 56;

function partsOf(request: LayoutRequest): Int32Array {
  const parent = Int32Array.from({ length: request.nodeCount }, (_, i) => i);
  const root = (v: number): number => {
    while (parent[v] !== v) v = parent[v] = parent[parent[v]!]!;
    return v;
  };
  const join = (a: number, b: number): void => {
    parent[root(a)] = root(b);
  };
  for (let e = 0; e + 1 < request.edges.length; e += 2) join(request.edges[e]!, request.edges[e + 1]!);
  const firstOfCluster = new Map<number, number>();
  request.clusters.forEach((cluster, v) => {
    if (cluster < 0) return;
    const first = firstOfCluster.get(cluster);
    if (first === undefined) firstOfCluster.set(cluster, v);
    else join(v, first);
  });
  // Parts numbered in the order of their first node, so the packing follows the graph's own order.
  const number = new Map<number, number>();
  return Int32Array.from({ length: request.nodeCount }, (_, v) => {
    const r = root(v);
    if (!number.has(r)) number.set(r, number.size);
    return number.get(r)!;
  });
}

export function layoutPacked(request: LayoutRequest): LayoutResult {
  const { wrap } = request;
  const part = partsOf(request);
  const partCount = part.reduce((count, p) => Math.max(count, p + 1), 0);
  if (!wrap || partCount <= 1) return layoutLayered(request);
  const down = request.direction === "down";
  const members: number[][] = Array.from({ length: partCount }, () => []);
  const localIndex = new Int32Array(request.nodeCount);
  for (let v = 0; v < request.nodeCount; v++) localIndex[v] = members[part[v]!]!.push(v) - 1;
  const partEdges: number[][] = Array.from({ length: partCount }, () => []);
  const edgeCount = request.edges.length / 2;
  for (let e = 0; e < edgeCount; e++) partEdges[part[request.edges[2 * e]!]!]!.push(e);

  const x = new Float64Array(request.nodeCount);
  const y = new Float64Array(request.nodeCount);
  const placedEdges: { points: Float64Array; dx: number; dy: number }[] = new Array(edgeCount);
  let crossings = 0;
  let width = 0;
  let height = 0;
  // Along: the axis along each layer (x when top to bottom); across: the layers' axis.
  let along = 0;
  let shelf = 0;
  let shelfDepth = 0;
  members.forEach((nodes, p) => {
    const edges = partEdges[p]!;
    const result = layoutLayered({
      ...request,
      nodeCount: nodes.length,
      edges: Int32Array.from(
        edges.flatMap((e) => [localIndex[request.edges[2 * e]!]!, localIndex[request.edges[2 * e + 1]!]!]),
      ),
      clusters: Int32Array.from(nodes, (v) => request.clusters[v]!),
      overview: undefined,
      wrap: undefined,
    });
    const [extentAlong, extentAcross] = down ? [result.width, result.height] : [result.height, result.width];
    if (along > 0 && along + extentAlong > wrap) (shelf += shelfDepth + PART_GAP), (along = 0), (shelfDepth = 0);
    const [dx, dy] = down ? [along, shelf] : [shelf, along];
    nodes.forEach((v, i) => ((x[v] = result.x[i]! + dx), (y[v] = result.y[i]! + dy)));
    edges.forEach((e, i) => {
      const points = result.edgePoints.subarray(2 * result.edgeOffsets[i]!, 2 * result.edgeOffsets[i + 1]!);
      placedEdges[e] = { points, dx, dy };
    });
    crossings += result.crossings;
    width = Math.max(width, dx + result.width);
    height = Math.max(height, dy + result.height);
    along += extentAlong + PART_GAP;
    shelfDepth = Math.max(shelfDepth, extentAcross);
  });
  const edgeOffsets = new Int32Array(edgeCount + 1);
  placedEdges.forEach(({ points }, e) => (edgeOffsets[e + 1] = edgeOffsets[e]! + points.length / 2));
  const edgePoints = new Float64Array(2 * edgeOffsets[edgeCount]!);
  placedEdges.forEach(({ points, dx, dy }, e) => {
    for (let i = 0; i < points.length; i += 2) {
      edgePoints[2 * edgeOffsets[e]! + i] = points[i]! + dx;
      edgePoints[2 * edgeOffsets[e]! + i + 1] = points[i + 1]! + dy;
    }
  });
  return { id: request.id, x, y, edgeOffsets, edgePoints, width, height, crossings };
}
