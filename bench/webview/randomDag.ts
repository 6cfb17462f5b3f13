/**
 * Layered random DAGs like real lineage graphs: nodes fall into layers of varying width, each non-source node takes
 * 1–2 inputs (mean in-degree 1.5), mostly from the previous layer and sometimes from further back.
 */

export interface RandomDag {
  nodeCount: number;
  /** from0, to0, from1, to1, ... */
  edges: Int32Array;
}

/** Mulberry32: a small seeded generator, so every run and every layout sees the same graphs. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomLayeredDag(nodeCount: number, seed = 1): RandomDag {
  const random = seeded(seed);
  const layerCount = Math.max(2, Math.round(Math.sqrt(nodeCount) / 2));
  const layerOf = Array.from({ length: nodeCount }, (_, i) => (i < layerCount ? i : Math.floor(random() * layerCount)));
  const byLayer: number[][] = Array.from({ length: layerCount }, () => []);
  layerOf.forEach((layer, node) => byLayer[layer]!.push(node));
  const edges: number[] = [];
  for (let node = 0; node < nodeCount; node++) {
    const layer = layerOf[node]!;
    if (layer === 0) continue;
    const inputs = random() < 0.5 ? 1 : 2;
    const chosen = new Set<number>();
    for (let k = 0; k < inputs; k++) {
      // Span 1 most of the time; longer spans with geometrically falling odds.
      let span = 1;
      while (span < layer && random() < 0.3) span++;
      const candidates = byLayer[layer - span]!;
      const from = candidates[Math.floor(random() * candidates.length)]!;
      if (chosen.has(from)) continue;
      chosen.add(from);
      edges.push(from, node);
    }
  }
  return { nodeCount, edges: Int32Array.from(edges) };
}
