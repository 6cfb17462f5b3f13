/**
 * Vertical placement within layers. Each sweep moves every node toward the weighted mean of its neighbours in the
 * layer just placed, then projects the layer back onto its order with minimum gaps: the least-squares projection
 * is isotonic regression, solved exactly in linear time by pooling adjacent violators. Long-edge dummies weigh more,
 * so long edges run straight (the same idea as the edge weights of Gansner et al.'s network-simplex placement).
 */
import type { ProperGraph } from "./layering";

const SWEEPS = 8;

export interface Spacing {
  nodeHeight: number;
  /** Gap between two real nodes of a layer; dummies take less room. */
  nodeGap: number;
  dummyGap: number;
  /** Extra room between two real nodes of different clusters: the group frame and its label go there. */
  clusterGap: number;
}

function edgeWeight(graph: ProperGraph, a: number, b: number): number {
  const dummies = (a >= graph.realCount ? 1 : 0) + (b >= graph.realCount ? 1 : 0);
  return dummies === 2 ? 8 : dummies === 1 ? 2 : 1;
}

/** Minimises Σ w·(y − desired)² subject to y[i+1] − y[i] ≥ gap[i], for one layer in order. */
function project(desired: Float64Array, weight: Float64Array, gap: Float64Array, out: Float64Array): void {
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
  let i = 0;
  for (let b = 0; b < blockValue.length; b++) for (let k = 0; k < blockSize[b]!; k++, i++) out[i] = blockValue[b]! + offset[i]!;
}

/** Returns the centre y of every node (real and dummy), top at 0. */
export function assignCoordinates(graph: ProperGraph, spacing: Spacing): Float64Array {
  const y = new Float64Array(graph.layerOf.length);
  const isDummy = (v: number): boolean => v >= graph.realCount;
  const gapsOf = graph.layers.map((layer) => {
    const gap = new Float64Array(Math.max(0, layer.length - 1));
    for (let i = 0; i + 1 < layer.length; i++) {
      const a = layer[i]!;
      const b = layer[i + 1]!;
      const half = (v: number): number => (isDummy(v) ? spacing.dummyGap / 2 : spacing.nodeHeight / 2);
      const between = isDummy(a) || isDummy(b) ? spacing.dummyGap : spacing.nodeGap;
      const clusterChange = !isDummy(a) && !isDummy(b) && graph.clusters[a] !== graph.clusters[b] ? spacing.clusterGap : 0;
      gap[i] = half(a) + half(b) + between + clusterChange;
    }
    return gap;
  });
  // Start packed and centred on 0, so sweeps begin from a balanced picture.
  graph.layers.forEach((layer, l) => {
    const gap = gapsOf[l]!;
    let total = 0;
    for (const g of gap) total += g;
    let at = -total / 2;
    layer.forEach((v, i) => {
      y[v] = at;
      at += gap[i] ?? 0;
    });
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
    project(desired, weight, gapsOf[l]!, placed);
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
