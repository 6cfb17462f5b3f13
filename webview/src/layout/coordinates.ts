/**
 * Vertical placement within layers. Each sweep moves every node toward the weighted mean of its neighbours in the
 * layer just placed, then projects the layer back onto its order with minimum gaps: the least-squares projection
 * is isotonic regression, solved exactly in linear time by pooling adjacent violators. Long-edge dummies weigh more,
 * so long edges run straight (the same idea as the edge weights of Gansner et al.'s network-simplex placement).
 * With clusters, each cluster gets one horizontal band over the layers it occupies, as tall as its tallest run in any
 * layer, and its nodes stay inside it in every layer: so each group's frame is one rectangle overlapping no other.
 */
import type { ProperGraph } from "./layering";

const SWEEPS = 8;

export interface Spacing {
  nodeHeight: number;
  /** Gap between two real nodes of a layer; dummies take less room. */
  nodeGap: number;
  dummyGap: number;
  /** Extra room between two clusters' bands: the group frames and their labels go there. */
  clusterGap: number;
}

function edgeWeight(graph: ProperGraph, a: number, b: number): number {
  const dummies = (a >= graph.realCount ? 1 : 0) + (b >= graph.realCount ? 1 : 0);
  return dummies === 2 ? 8 : dummies === 1 ? 2 : 1;
}

/**
 * Minimises Σ w·(y − desired)² subject to y[i+1] − y[i] ≥ gap[i], y[0] ≥ lower and y[n−1] ≤ upper, for one run of
 * nodes in order. Clamping the unbounded solution is exact because the bounds are the same for every shifted value.
 */
function project(
  desired: Float64Array,
  weight: Float64Array,
  gap: Float64Array,
  out: Float64Array,
  lower: number,
  upper: number,
): void {
  const n = desired.length;
  // Shift by the cumulative gaps so that the constraint becomes plain monotonicity.
  const offset = new Float64Array(n);
  for (let i = 1; i < n; i++) offset[i] = offset[i - 1]! + gap[i - 1]!;
  const blockValue: number[] = [];
  const blockWeight: number[] = [];
  const blockSize: number[] = [];
  for (let i = 0; i < n; i++) {
    let value = desired[i]! - offset[i]!;
    let w = weight[i]!;
    let size = 1;
    while (blockValue.length > 0 && blockValue[blockValue.length - 1]! > value) {
      const previousWeight = blockWeight.pop()!;
      value = (blockValue.pop()! * previousWeight + value * w) / (previousWeight + w);
      w += previousWeight;
      size += blockSize.pop()!;
    }
    blockValue.push(value);
    blockWeight.push(w);
    blockSize.push(size);
  }
  const highest = upper - (offset[n - 1] ?? 0);
  let i = 0;
  for (let b = 0; b < blockValue.length; b++) {
    const value = Math.min(highest, Math.max(lower, blockValue[b]!));
    for (let k = 0; k < blockSize[b]!; k++, i++) out[i] = value + offset[i]!;
  }
}

interface Run {
  start: number;
  end: number;
  cluster: number;
}

/** A layer's runs of nodes of one cluster (one run per layer without clusters). */
function runsOf(graph: ProperGraph, layer: number[]): Run[] {
  if (!graph.clustered) return [{ start: 0, end: layer.length, cluster: -1 }];
  const runs: Run[] = [];
  layer.forEach((v, i) => {
    const cluster = graph.clusters[v]!;
    if (runs.at(-1)?.cluster === cluster) runs.at(-1)!.end = i + 1;
    else runs.push({ start: i, end: i + 1, cluster });
  });
  return runs;
}

/** Returns the centre y of every node (real and dummy), top at 0. */
export function assignCoordinates(graph: ProperGraph, spacing: Spacing): Float64Array {
  const y = new Float64Array(graph.layerOf.length);
  const isDummy = (v: number): boolean => v >= graph.realCount;
  const half = (v: number): number => (isDummy(v) ? spacing.dummyGap / 2 : spacing.nodeHeight / 2);
  const gapsOf = graph.layers.map((layer) => {
    const gap = new Float64Array(Math.max(0, layer.length - 1));
    for (let i = 0; i + 1 < layer.length; i++) {
      const a = layer[i]!;
      const b = layer[i + 1]!;
      gap[i] = half(a) + half(b) + (isDummy(a) || isDummy(b) ? spacing.dummyGap : spacing.nodeGap);
    }
    return gap;
  });
  const runsByLayer = graph.layers.map((layer) => runsOf(graph, layer));
  const extent = (l: number, run: Run): number => {
    const layer = graph.layers[l]!;
    let total = half(layer[run.start]!) + half(layer[run.end - 1]!);
    for (let i = run.start; i + 1 < run.end; i++) total += gapsOf[l]![i]!;
    return total;
  };
  // Band limits, in band order: a band starts below every earlier band that shares a layer with it, and no higher
  // than the band before it; groups in different layers sit side by side. Unbounded without clusters.
  const band = new Map<number, { top: number; bottom: number }>();
  if (graph.clustered) {
    const spans = new Map<number, { first: number; last: number; height: number }>();
    runsByLayer.forEach((runs, l) =>
      runs.forEach((run) => {
        const span = spans.get(run.cluster) ?? { first: l, last: l, height: 0 };
        span.last = l;
        span.height = Math.max(span.height, extent(l, run));
        spans.set(run.cluster, span);
      }),
    );
    const placed: { first: number; last: number; bottom: number }[] = [];
    let previousTop = 0;
    for (const cluster of graph.bands) {
      const span = spans.get(cluster);
      if (!span) continue;
      let top = previousTop;
      for (const other of placed)
        if (other.first <= span.last && span.first <= other.last)
          top = Math.max(top, other.bottom + spacing.nodeGap + spacing.clusterGap);
      band.set(cluster, { top, bottom: top + span.height });
      placed.push({ first: span.first, last: span.last, bottom: top + span.height });
      previousTop = top;
    }
  }
  const limits = (run: Run): { top: number; bottom: number } =>
    band.get(run.cluster) ?? { top: -Infinity, bottom: Infinity };
  // Start packed and centred in the band (on 0 without clusters), so sweeps begin from a balanced picture.
  runsByLayer.forEach((runs, l) => {
    const layer = graph.layers[l]!;
    for (const run of runs) {
      const { top, bottom } = limits(run);
      const centre = Number.isFinite(top) ? (top + bottom) / 2 : 0;
      let at = centre - extent(l, run) / 2 + half(layer[run.start]!);
      for (let i = run.start; i < run.end; i++) {
        y[layer[i]!] = at;
        at += gapsOf[l]![i] ?? 0;
      }
    }
  });

  const sweep = (l: number, neighbours: number[][][]): void => {
    const layer = graph.layers[l]!;
    const desired = new Float64Array(layer.length);
    const weight = new Float64Array(layer.length);
    layer.forEach((v, i) => {
      let sum = 0;
      let total = 0;
      for (const list of neighbours) {
        for (const u of list[v]!) {
          const w = edgeWeight(graph, u, v);
          sum += w * y[u]!;
          total += w;
        }
      }
      desired[i] = total > 0 ? sum / total : y[v]!;
      weight[i] = total > 0 ? total : 0.5;
    });
    const placed = new Float64Array(layer.length);
    for (const run of runsByLayer[l]!) {
      const { top, bottom } = limits(run);
      const range = (array: Float64Array): Float64Array => array.subarray(run.start, run.end);
      project(
        range(desired),
        range(weight),
        gapsOf[l]!.subarray(run.start, Math.max(run.start, run.end - 1)),
        range(placed),
        top + half(layer[run.start]!),
        bottom - half(layer[run.end - 1]!),
      );
    }
    layer.forEach((v, i) => (y[v] = placed[i]!));
  };
  for (let s = 0; s < SWEEPS; s++) {
    if (s % 2 === 0) for (let l = 1; l < graph.layers.length; l++) sweep(l, [graph.pred]);
    else for (let l = graph.layers.length - 2; l >= 0; l--) sweep(l, [graph.succ]);
  }
  // A final pass that listens to both sides balances nodes between their inputs and outputs.
  for (let l = 0; l < graph.layers.length; l++) sweep(l, [graph.pred, graph.succ]);

  let top = Infinity;
  for (let v = 0; v < y.length; v++) top = Math.min(top, y[v]! - (isDummy(v) ? 0 : spacing.nodeHeight / 2));
  for (let v = 0; v < y.length; v++) y[v]! -= top;
  return y;
}
