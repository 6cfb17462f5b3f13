/** The layered layout itself, in Node: a valid left-to-right drawing, cycles survive, groups stay together. */
import { describe, expect, it } from "vitest";
import { randomLayeredDag } from "../../bench/webview/randomDag";
import { countBilayerCrossings } from "../../webview/src/layout/crossings";
import { layoutLayered } from "../../webview/src/layout/layered";
import type { LayoutResult } from "../../webview/src/layout/types";

const WIDTH = 200;
const HEIGHT = 40;

function layout(nodeCount: number, edges: number[], clusters?: number[]): LayoutResult {
  return layoutLayered({
    id: 1,
    nodeCount,
    edges: Int32Array.from(edges),
    clusters: clusters ? Int32Array.from(clusters) : new Int32Array(nodeCount).fill(-1),
    nodeWidth: WIDTH,
    nodeHeight: HEIGHT,
  });
}

function columns(result: LayoutResult): Map<number, number[]> {
  const byX = new Map<number, number[]>();
  result.x.forEach((x, i) => byX.set(x, [...(byX.get(x) ?? []), i]));
  for (const members of byX.values()) members.sort((a, b) => result.y[a]! - result.y[b]!);
  return byX;
}

describe("countBilayerCrossings", () => {
  it("counts each pair of edges whose ends are in opposite orders, and no pair sharing an end", () => {
    // Edges 0->1 and 1->0 cross; 0->0 shares an end with both, so crosses neither; 2->2 crosses nothing.
    expect(countBilayerCrossings([0, 1, 0, 2], [1, 0, 0, 2], 3)).toBe(1);
    expect(countBilayerCrossings([0, 1, 2], [2, 1, 0], 3)).toBe(3);
    expect(countBilayerCrossings([0, 1, 2], [0, 1, 2], 3)).toBe(0);
  });
});

describe("layoutLayered", () => {
  it("draws every edge left to right between nodes that never overlap", () => {
    const dag = randomLayeredDag(500, 7);
    const result = layout(dag.nodeCount, Array.from(dag.edges));
    for (let e = 0; e < dag.edges.length / 2; e++)
      expect(result.x[dag.edges[2 * e]!]!).toBeLessThan(result.x[dag.edges[2 * e + 1]!]!);
    for (const members of columns(result).values()) {
      for (let k = 1; k < members.length; k++)
        expect(result.y[members[k]!]! - result.y[members[k - 1]!]!).toBeGreaterThanOrEqual(HEIGHT);
    }
    // Each polyline starts on its source's right side and ends on its target's left side.
    const e = 3;
    const first = result.edgeOffsets[e]!;
    const last = result.edgeOffsets[e + 1]! - 1;
    expect(result.edgePoints[2 * first]).toBe(result.x[dag.edges[2 * e]!]! + WIDTH / 2);
    expect(result.edgePoints[2 * last]).toBe(result.x[dag.edges[2 * e + 1]!]! - WIDTH / 2);
    expect(result.width).toBeGreaterThan(0);
    expect([...result.y].every(Number.isFinite)).toBe(true);
  });

  it("lays out a cycle (the analyzer reports it; the view still shows it) with one edge drawn backwards", () => {
    const result = layout(3, [0, 1, 1, 2, 2, 0]);
    expect(result.edgeOffsets.length).toBe(4);
    expect(new Set(result.x).size).toBe(3);
    const backwards = [0, 1, 2].filter((e) => {
      const points = result.edgePoints.subarray(2 * result.edgeOffsets[e]!, 2 * result.edgeOffsets[e + 1]!);
      return points[0]! > points[points.length - 2]!;
    });
    expect(backwards).toHaveLength(1);
  });

  it("keeps the members of a group next to each other within each layer", () => {
    // Two sources per group feeding two sinks per group, interleaved in the input order.
    const clusters = [0, 1, 0, 1, 0, 1, 0, 1];
    const result = layout(8, [0, 4, 2, 6, 1, 5, 3, 7, 0, 7, 1, 6], clusters);
    for (const members of columns(result).values()) {
      const groups = members.map((i) => clusters[i]);
      const changes = groups.filter((group, k) => k > 0 && group !== groups[k - 1]).length;
      expect(changes).toBeLessThanOrEqual(1);
    }
  });

  it("gives each group one band of its own, the same in every layer, so its frame is one rectangle", () => {
    const dag = randomLayeredDag(400, 3);
    const clusters = Array.from({ length: dag.nodeCount }, (_, i) => (i * 7919) % 5);
    const result = layout(dag.nodeCount, Array.from(dag.edges), clusters);
    const bands = [0, 1, 2, 3, 4].map((cluster) => {
      const ys = clusters.flatMap((c, i) => (c === cluster ? [result.y[i]!] : []));
      return { top: Math.min(...ys) - HEIGHT / 2, bottom: Math.max(...ys) + HEIGHT / 2 };
    });
    bands.sort((a, b) => a.top - b.top);
    for (let k = 1; k < bands.length; k++) expect(bands[k]!.top).toBeGreaterThan(bands[k - 1]!.bottom);
  });

  it("finds an order without crossings when one exists", () => {
    // Two chains given in crossed order: a0->b1, a1->b0.
    expect(layout(4, [0, 3, 1, 2]).crossings).toBe(0);
  });
});
