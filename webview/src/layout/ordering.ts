/**
 * Crossing reduction: alternate down and up sweeps, sorting each layer by the barycenter of its neighbours in the
 * layer just fixed, with nodes of one cluster kept together. The best order seen (fewest crossings) wins.
 */
import { countBilayerCrossings } from "./crossings";
import type { ProperGraph } from "./layering";

const MAX_SWEEPS = 12;
const PATIENCE = 3;

function positionsOf(layers: number[][], total: number): Int32Array {
  const position = new Int32Array(total);
  for (const layer of layers) layer.forEach((v, i) => (position[v] = i));
  return position;
}

export function countCrossings(graph: ProperGraph, layers: number[][]): number {
  const position = positionsOf(layers, graph.layerOf.length);
  let crossings = 0;
  for (let l = 0; l + 1 < layers.length; l++) {
    const top: number[] = [];
    const bottom: number[] = [];
    for (const v of layers[l]!) for (const w of graph.succ[v]!) (top.push(position[v]!), bottom.push(position[w]!));
    crossings += countBilayerCrossings(top, bottom, layers[l + 1]!.length);
  }
  return crossings;
}

/** `key` is scratch space indexed by node, reused across layers to avoid allocation. */
function sortLayer(layer: number[], neighbourSize: number, neighbours: number[][], position: Int32Array, graph: ProperGraph, key: Float64Array): void {
  const { clusters, components } = graph;
  // Positions are compared as fractions of their layer's length, so a node without neighbours keeps its relative place.
  for (const v of layer) {
    const adjacent = neighbours[v] ?? [];
    let sum = 0;
    for (const u of adjacent) sum += position[u]!;
    key[v] = adjacent.length > 0 ? (sum / adjacent.length + 0.5) / neighbourSize : (position[v]! + 0.5) / layer.length;
  }
  // A cluster sorts by the mean key of its members; nodes outside any cluster (-1) sort alone.
  const clusterSum = new Map<number, { sum: number; count: number }>();
  for (const v of layer) {
    const cluster = clusters[v]!;
    if (cluster < 0) continue;
    const entry = clusterSum.get(cluster) ?? { sum: 0, count: 0 };
    entry.sum += key[v]!;
    entry.count += 1;
    clusterSum.set(cluster, entry);
  }
  const clusterKey = (v: number): number => {
    const entry = clusterSum.get(clusters[v]!);
    return entry ? entry.sum / entry.count : key[v]!;
  };
  // With clusters (asset groups) the user's groups come first, so each group is one block per layer; without,
  // connected components are stacked, which keeps unrelated graphs from crossing each other.
  const byComponent = graph.clustered ? 0 : 1;
  layer.sort((a, b) => byComponent * (components[a]! - components[b]!) || clusterKey(a) - clusterKey(b) || clusters[a]! - clusters[b]! || key[a]! - key[b]! || position[a]! - position[b]!);
  layer.forEach((v, i) => (position[v] = i));
}

/** Crossings between edges from u and from v to one neighbouring layer, when u is placed above v. */
function pairCrossings(u: number, v: number, neighbours: number[][], position: Int32Array): number {
  let crossings = 0;
  for (const a of neighbours[u]!) for (const b of neighbours[v]!) if (position[a]! > position[b]!) crossings++;
  return crossings;
}

/**
 * Transposition (Gansner et al.): swap adjacent nodes of the same component and cluster while that removes crossings
 * with both neighbouring layers. Repeats a few rounds; cheap because each test only looks at the two nodes' edges.
 */
function transpose(graph: ProperGraph, position: Int32Array): void {
  const { layers, pred, succ, components, clusters } = graph;
  for (let round = 0; round < 4; round++) {
    let improved = false;
    for (const layer of layers) {
      for (let i = 0; i + 1 < layer.length; i++) {
        const u = layer[i]!;
        const v = layer[i + 1]!;
        if (components[u] !== components[v] || clusters[u] !== clusters[v]) continue;
        const before = pairCrossings(u, v, pred, position) + pairCrossings(u, v, succ, position);
        const after = pairCrossings(v, u, pred, position) + pairCrossings(v, u, succ, position);
        if (after < before) {
          layer[i] = v;
          layer[i + 1] = u;
          position[v] = i;
          position[u] = i + 1;
          improved = true;
        }
      }
    }
    if (!improved) return;
  }
}

/** Reorders `graph.layers` in place. Returns the number of crossings of the final order. */
export function reduceCrossings(graph: ProperGraph): number {
  const layers = graph.layers;
  const position = positionsOf(layers, graph.layerOf.length);
  const key = new Float64Array(graph.layerOf.length);
  // Start from the breadth-first order regrouped by cluster and component (no neighbours: keys are own positions).
  for (const layer of layers) sortLayer(layer, 1, [], position, graph, key);
  let best = layers.map((layer) => layer.slice());
  let bestCrossings = countCrossings(graph, layers);
  let sinceImprovement = 0;
  for (let sweep = 0; sweep < MAX_SWEEPS && bestCrossings > 0 && sinceImprovement < PATIENCE; sweep++) {
    if (sweep % 2 === 0) for (let l = 1; l < layers.length; l++) sortLayer(layers[l]!, layers[l - 1]!.length, graph.pred, position, graph, key);
    else for (let l = layers.length - 2; l >= 0; l--) sortLayer(layers[l]!, layers[l + 1]!.length, graph.succ, position, graph, key);
    transpose(graph, position);
    const crossings = countCrossings(graph, layers);
    if (crossings < bestCrossings) {
      bestCrossings = crossings;
      best = layers.map((layer) => layer.slice());
      sinceImprovement = 0;
    } else sinceImprovement++;
  }
  graph.layers.splice(0, graph.layers.length, ...best);
  return bestCrossings;
}
