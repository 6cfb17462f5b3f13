/**
 * Crossing reduction: alternate down and up sweeps, sorting each layer by the barycenter of its neighbours in the
 * layer just fixed, with the nodes of one cluster kept in one band whose place is the same in every layer (so a
 * group's frame is one rectangle). The best order seen (fewest crossings) wins.
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

function countCrossings(graph: ProperGraph, layers: number[][]): number {
  const position = positionsOf(layers, graph.layerOf.length);
  let crossings = 0;
  for (let l = 0; l + 1 < layers.length; l++) {
    const top: number[] = [];
    const bottom: number[] = [];
    for (const v of layers[l]!) for (const w of graph.succ[v]!) top.push(position[v]!), bottom.push(position[w]!);
    crossings += countBilayerCrossings(top, bottom, layers[l + 1]!.length);
  }
  return crossings;
}

/**
 * Sorts one layer by the barycenter of its neighbours in the layer just fixed (`key` is scratch space indexed by
 * node, reused across layers). With clusters (asset groups) nodes sort by their cluster's band first, so every group
 * is one block in the same band order in each layer; without, connected components are stacked, which keeps
 * unrelated graphs from crossing each other.
 */
function sortLayer(
  layer: number[],
  neighbourSize: number,
  neighbours: number[][],
  position: Int32Array,
  graph: ProperGraph,
  key: Float64Array,
  bandOf: Int32Array,
): void {
  // Positions are compared as fractions of their layer's length, so a node without neighbours keeps its relative place.
  for (const v of layer) {
    const adjacent = neighbours[v] ?? [];
    let sum = 0;
    for (const u of adjacent) sum += position[u]!;
    key[v] = adjacent.length > 0 ? (sum / adjacent.length + 0.5) / neighbourSize : (position[v]! + 0.5) / layer.length;
  }
  const first = graph.clustered ? bandOf : graph.components;
  layer.sort((a, b) => first[a]! - first[b]! || key[a]! - key[b]! || position[a]! - position[b]!);
  layer.forEach((v, i) => (position[v] = i));
}

/**
 * Orders the clusters once for all layers by the mean key (barycenter) of their nodes, and returns each node's band
 * (its cluster's rank) together with the cluster order.
 */
function rankBands(graph: ProperGraph, key: Float64Array): { bandOf: Int32Array; bands: number[] } {
  const totals = new Map<number, { sum: number; count: number }>();
  graph.clusters.forEach((cluster, v) => {
    const total = totals.get(cluster) ?? { sum: 0, count: 0 };
    total.sum += key[v]!;
    total.count += 1;
    totals.set(cluster, total);
  });
  const bands = [...totals]
    .sort(([a, x], [b, y]) => x.sum / x.count - y.sum / y.count || a - b)
    .map(([cluster]) => cluster);
  const rank = new Map(bands.map((cluster, r) => [cluster, r]));
  return { bandOf: graph.clusters.map((cluster) => rank.get(cluster)!), bands };
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

/** Reorders `graph.layers` in place and sets `graph.bands`. Returns the number of crossings of the final order. */
export function reduceCrossings(graph: ProperGraph): number {
  const layers = graph.layers;
  const position = positionsOf(layers, graph.layerOf.length);
  const key = new Float64Array(graph.layerOf.length);
  // Start from the breadth-first order, bands ranked by where their nodes start, regrouped by band or component.
  for (const layer of layers) layer.forEach((v, i) => (key[v] = (i + 0.5) / layer.length));
  let ranked = rankBands(graph, key);
  for (const layer of layers) sortLayer(layer, 1, [], position, graph, key, ranked.bandOf);
  let best = { layers: layers.map((layer) => layer.slice()), bands: ranked.bands };
  let bestCrossings = countCrossings(graph, layers);
  let sinceImprovement = 0;
  for (let sweep = 0; sweep < MAX_SWEEPS && bestCrossings > 0 && sinceImprovement < PATIENCE; sweep++) {
    const { bandOf } = ranked;
    if (sweep % 2 === 0)
      for (let l = 1; l < layers.length; l++)
        sortLayer(layers[l]!, layers[l - 1]!.length, graph.pred, position, graph, key, bandOf);
    else
      for (let l = layers.length - 2; l >= 0; l--)
        sortLayer(layers[l]!, layers[l + 1]!.length, graph.succ, position, graph, key, bandOf);
    transpose(graph, position);
    const crossings = countCrossings(graph, layers);
    if (crossings < bestCrossings) {
      bestCrossings = crossings;
      best = { layers: layers.map((layer) => layer.slice()), bands: ranked.bands };
      sinceImprovement = 0;
    } else sinceImprovement++;
    // The next sweep orders the bands by this sweep's barycenters.
    if (graph.clustered) ranked = rankBands(graph, key);
  }
  graph.layers.splice(0, graph.layers.length, ...best.layers);
  graph.bands = best.bands;
  return bestCrossings;
}
