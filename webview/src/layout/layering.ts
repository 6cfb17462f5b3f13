/**
 * Layer assignment for a left-to-right DAG: break cycles, assign longest-path layers, then split every edge that
 * spans several layers into a chain of dummy nodes so that each edge of the "proper" graph joins adjacent layers.
 */

export interface ProperGraph {
  /** Real nodes are 0..realCount-1, dummies follow. */
  realCount: number;
  layerOf: Int32Array;
  /** Node indices per layer, in their initial order. */
  layers: number[][];
  pred: number[][];
  succ: number[][];
  /** Per input edge: the nodes its line passes through, left to right (empty for self-loops). */
  chains: number[][];
  /**
   * Per node: cluster number. A dummy of an edge between two clusters takes its source's cluster for the first half
   * of the edge and its target's for the rest, so the line runs in its ends' bands and crosses over once.
   */
  clusters: Int32Array;
  /** Whether any real node has a cluster. */
  clustered: boolean;
  /** Clusters from top to bottom (set by ordering): each cluster's nodes lie in one band, the same in every layer. */
  bands: number[];
  /** Per node: its connected component, numbered by size, largest first; components are stacked, never interleaved. */
  components: Int32Array;
}

function connectedComponents(pred: number[][], succ: number[][]): Int32Array {
  const component = new Int32Array(pred.length).fill(-1);
  const sizes: number[] = [];
  for (let root = 0; root < pred.length; root++) {
    if (component[root] !== -1) continue;
    const id = sizes.length;
    const stack = [root];
    component[root] = id;
    let size = 0;
    while (stack.length > 0) {
      const v = stack.pop()!;
      size++;
      for (const list of [pred[v]!, succ[v]!])
        for (const w of list) if (component[w] === -1) (component[w] = id), stack.push(w);
    }
    sizes.push(size);
  }
  const rank = new Int32Array(sizes.length);
  sizes
    .map((size, id) => [size, id] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .forEach(([, id], r) => (rank[id] = r));
  return component.map((id) => rank[id]!);
}

/** Edges that close a cycle are laid out reversed (found by an iterative depth-first search). */
function findBackEdges(nodeCount: number, edges: Int32Array): Uint8Array {
  const out: number[][] = Array.from({ length: nodeCount }, () => []);
  for (let e = 0; e < edges.length / 2; e++) out[edges[2 * e]!]!.push(e);
  const state = new Uint8Array(nodeCount); // 0 new, 1 on stack, 2 done
  const back = new Uint8Array(edges.length / 2);
  const stackNode: number[] = [];
  const stackEdge: number[] = [];
  for (let root = 0; root < nodeCount; root++) {
    if (state[root] !== 0) continue;
    stackNode.push(root);
    stackEdge.push(0);
    state[root] = 1;
    while (stackNode.length > 0) {
      const top = stackNode.length - 1;
      const node = stackNode[top]!;
      const next = stackEdge[top]!;
      if (next === out[node]!.length) {
        state[node] = 2;
        stackNode.pop();
        stackEdge.pop();
        continue;
      }
      stackEdge[top] = next + 1;
      const edge = out[node]![next]!;
      const target = edges[2 * edge + 1]!;
      if (state[target] === 1) back[edge] = 1;
      else if (state[target] === 0) {
        state[target] = 1;
        stackNode.push(target);
        stackEdge.push(0);
      }
    }
  }
  return back;
}

/** Longest path from the sources; sources are then pulled right next to their nearest successor to shorten edges. */
function assignLayers(nodeCount: number, from: Int32Array, to: Int32Array): Int32Array {
  const layer = new Int32Array(nodeCount);
  const indegree = new Int32Array(nodeCount);
  const out: number[][] = Array.from({ length: nodeCount }, () => []);
  for (let e = 0; e < from.length; e++) {
    if (from[e] === to[e]) continue;
    out[from[e]!]!.push(to[e]!);
    indegree[to[e]!]! += 1;
  }
  const queue: number[] = [];
  for (let v = 0; v < nodeCount; v++) if (indegree[v] === 0) queue.push(v);
  const sources = queue.slice();
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    for (const w of out[v]!) {
      layer[w] = Math.max(layer[w]!, layer[v]! + 1);
      if (--indegree[w]! === 0) queue.push(w);
    }
  }
  for (const source of sources) {
    if (out[source]!.length === 0) continue;
    let nearest = Infinity;
    for (const w of out[source]!) nearest = Math.min(nearest, layer[w]!);
    layer[source] = nearest - 1;
  }
  return layer;
}

export function buildProperGraph(nodeCount: number, edges: Int32Array, clusters: Int32Array): ProperGraph {
  const edgeCount = edges.length / 2;
  const back = findBackEdges(nodeCount, edges);
  const from = new Int32Array(edgeCount);
  const to = new Int32Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) {
    const reversed = back[e] === 1;
    from[e] = edges[2 * e + (reversed ? 1 : 0)]!;
    to[e] = edges[2 * e + (reversed ? 0 : 1)]!;
  }
  const realLayer = assignLayers(nodeCount, from, to);

  let dummyCount = 0;
  for (let e = 0; e < edgeCount; e++)
    if (from[e] !== to[e]) dummyCount += realLayer[to[e]!]! - realLayer[from[e]!]! - 1;
  const total = nodeCount + dummyCount;
  const layerOf = new Int32Array(total);
  layerOf.set(realLayer);
  const nodeClusters = new Int32Array(total).fill(-1);
  nodeClusters.set(clusters);
  const pred: number[][] = Array.from({ length: total }, () => []);
  const succ: number[][] = Array.from({ length: total }, () => []);
  const chains: number[][] = [];
  let nextDummy = nodeCount;
  for (let e = 0; e < edgeCount; e++) {
    const source = from[e]!;
    const target = to[e]!;
    if (source === target) {
      chains.push([]);
      continue;
    }
    const chain = [source];
    const middle = (realLayer[source]! + realLayer[target]!) / 2;
    for (let l = realLayer[source]! + 1; l < realLayer[target]!; l++) {
      layerOf[nextDummy] = l;
      nodeClusters[nextDummy] = l <= middle ? clusters[source]! : clusters[target]!;
      chain.push(nextDummy++);
    }
    chain.push(target);
    for (let i = 1; i < chain.length; i++) {
      succ[chain[i - 1]!]!.push(chain[i]!);
      pred[chain[i]!]!.push(chain[i - 1]!);
    }
    chains.push(back[e] === 1 ? chain.reverse() : chain);
  }

  let layerCount = 0;
  for (let v = 0; v < total; v++) layerCount = Math.max(layerCount, layerOf[v]! + 1);
  const layers: number[][] = Array.from({ length: layerCount }, () => []);
  // Initial order: breadth-first from the sources, so connected nodes start near each other.
  const seen = new Uint8Array(total);
  const queue: number[] = [];
  for (let v = 0; v < total; v++) if (pred[v]!.length === 0) queue.push(v), (seen[v] = 1);
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    layers[layerOf[v]!]!.push(v);
    for (const w of succ[v]!) if (!seen[w]) (seen[w] = 1), queue.push(w);
  }
  const bands = [...new Set(nodeClusters)];
  return {
    realCount: nodeCount,
    layerOf,
    layers,
    pred,
    succ,
    chains,
    clusters: nodeClusters,
    clustered: clusters.some((cluster) => cluster >= 0),
    bands,
    components: connectedComponents(pred, succ),
  };
}
