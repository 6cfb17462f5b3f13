/** The baseline: elkjs layered, left to right, on the same graph and node size, returning the drawing to count. */
import ELK, { type ElkNode } from "elkjs/lib/elk.bundled.js";
import type { RandomDag } from "./randomDag";
import type { Drawing } from "./segmentCrossings";

const elk = new ELK();

export async function elkDrawing(dag: RandomDag, nodeWidth: number, nodeHeight: number): Promise<Drawing> {
  const children = Array.from({ length: dag.nodeCount }, (_, i) => ({
    id: `n${i}`,
    width: nodeWidth,
    height: nodeHeight,
  }));
  const edges = Array.from({ length: dag.edges.length / 2 }, (_, e) => ({
    id: `e${e}`,
    sources: [`n${dag.edges[2 * e]}`],
    targets: [`n${dag.edges[2 * e + 1]}`],
  }));
  const graph: ElkNode = {
    id: "root",
    layoutOptions: { "elk.algorithm": "layered", "elk.direction": "RIGHT" },
    children,
    edges,
  };
  const laidOut = await elk.layout(graph);
  return (laidOut.edges ?? []).map((edge) =>
    (edge.sections ?? []).flatMap((section) =>
      [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].flatMap((p) => [p.x, p.y]),
    ),
  );
}
