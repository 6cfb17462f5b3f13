/**
 * Layout benchmark: our layered layout against elkjs layered on the same layered random DAGs, in the same run.
 * Prints time, the ratio (elkjs time / ours), edge crossings of both drawings (counted the same way), and the
 * webview's first paint in Chromium. Run with `npm run bench:webview` (add `--sizes 100,1000` to choose sizes).
 */
import { layoutLayered } from "../../webview/src/layout/layered";
import type { LayoutResult } from "../../webview/src/layout/types";
import { elkDrawing } from "./elkLayout";
import { measureFirstPaint } from "./firstPaint";
import { countDrawingCrossings, type Drawing } from "./segmentCrossings";
import { randomLayeredDag, type RandomDag } from "./randomDag";

const NODE_WIDTH = 180;
const NODE_HEIGHT = 36;

function ourDrawing(result: LayoutResult): Drawing {
  const edges: number[][] = [];
  for (let e = 0; e + 1 < result.edgeOffsets.length; e++)
    edges.push(Array.from(result.edgePoints.subarray(2 * result.edgeOffsets[e]!, 2 * result.edgeOffsets[e + 1]!)));
  return edges;
}

function ours(dag: RandomDag): LayoutResult {
  return layoutLayered({
    id: 0,
    nodeCount: dag.nodeCount,
    edges: dag.edges,
    clusters: new Int32Array(dag.nodeCount).fill(-1),
    nodeWidth: NODE_WIDTH,
    nodeHeight: NODE_HEIGHT,
  });
}

async function timed<T>(run: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

const sizesArgument = process.argv.indexOf("--sizes");
const sizes = sizesArgument > 0 ? process.argv[sizesArgument + 1]!.split(",").map(Number) : [100, 1000, 5000];

// Warm both engines up (JIT, elkjs's start-up) so the first size measures layout, not loading.
ours(randomLayeredDag(300, 99));
await elkDrawing(randomLayeredDag(300, 99), NODE_WIDTH, NODE_HEIGHT);
const dags = sizes.map((size) => randomLayeredDag(size));
const firstPaint = await measureFirstPaint(dags);
const rows = [];
for (const [index, dag] of dags.entries()) {
  const size = dag.nodeCount;
  const mine = await timed(() => ours(dag));
  const elk = await timed(() => elkDrawing(dag, NODE_WIDTH, NODE_HEIGHT));
  const ourCrossings = countDrawingCrossings(ourDrawing(mine.value));
  const elkCrossings = countDrawingCrossings(elk.value);
  rows.push({
    nodes: size,
    edges: dag.edges.length / 2,
    "ours ms": Math.round(mine.ms),
    "elkjs ms": Math.round(elk.ms),
    "speed-up ×": +(elk.ms / mine.ms).toFixed(1),
    "ours crossings": ourCrossings,
    "elkjs crossings": elkCrossings,
    "crossings ratio": +(ourCrossings / Math.max(1, elkCrossings)).toFixed(2),
    "first paint ms (Chromium)": Math.round(firstPaint[index]!),
  });
}
console.table(rows);
