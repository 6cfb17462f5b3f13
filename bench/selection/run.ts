/**
 * Selection benchmark: evaluates typical selections on synthetic DAGs of 10,000 and 100,000 assets and reports each
 * as a ratio to the baseline measured in the same run: indexing the graph (one pass over nodes and edges into
 * adjacency lists), the least any evaluation must do. Linear evaluation keeps the ratios flat as the graph grows.
 * Run with `npm run bench:selection`.
 */
import { indexGraph } from "../../sdk/src/selection/graphIndex";
import { parseSelection, selectAssets, type SelectionExpr, type SelectionGraph, type SelectionNode } from "../../sdk/src/selection";

const SELECTIONS = [
  "*",
  "+key:a{last}",
  "key:a0+",
  "2+key:a{mid}+2",
  "key:a1* and group:g3",
  "(group:g1 or tag:pii) and not kind:table",
  "roots(+key:a{last}) or sinks(key:a0+)",
  "key:a{mid}+ and +key:a{last}",
];
const RUNS = 15;

/** Each asset has 1–3 upstreams among the 50 before it; groups, tags and kinds spread evenly. Deterministic. */
function syntheticGraph(size: number): SelectionGraph {
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const nodes = Array.from({ length: size }, (_, i): SelectionNode => ({
    key: `a${i}`,
    group: `g${i % 10}`,
    tags: i % 7 === 0 ? { pii: "" } : {},
    kinds: i % 5 === 0 ? ["table"] : [],
    owners: [],
  }));
  const edges: { from: string; to: string }[] = [];
  for (let i = 1; i < size; i++) {
    const upstreams = 1 + Math.floor(random() * 3);
    for (let u = 0; u < upstreams; u++) edges.push({ from: `a${Math.max(0, i - 1 - Math.floor(random() * 50))}`, to: `a${i}` });
  }
  return { nodes, edges };
}

function median(run: () => unknown): number {
  run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

function parsed(text: string): SelectionExpr {
  const result = parseSelection(text);
  if (!result.ok) throw new Error(`${text}: ${result.error.message}`);
  return result.expr;
}

const sizes = [10_000, 100_000];
const perSize = new Map<number, Map<string, number>>();
for (const size of sizes) {
  const graph = syntheticGraph(size);
  const baseline = median(() => indexGraph(graph));
  console.log(`\n${size} assets, ${graph.edges.length} edges: baseline (index the graph) ${baseline.toFixed(2)} ms`);
  console.log("selection".padEnd(46) + "selected".padStart(9) + "ms".padStart(9) + "ratio".padStart(8));
  const times = new Map<string, number>();
  for (const template of SELECTIONS) {
    const text = template.replace("{last}", String(size - 1)).replace("{mid}", String(size / 2));
    const expr = parsed(text);
    const selected = selectAssets(expr, graph).size;
    const ms = median(() => selectAssets(expr, graph));
    times.set(template, ms);
    console.log(template.padEnd(46) + String(selected).padStart(9) + ms.toFixed(2).padStart(9) + `${(ms / baseline).toFixed(2)}×`.padStart(8));
  }
  perSize.set(size, times);
}

console.log(`\nGrowth from ${sizes[0]} to ${sizes[1]} assets (10× the graph; linear work grows about 10×):`);
for (const template of SELECTIONS) {
  const growth = perSize.get(sizes[1]!)!.get(template)! / perSize.get(sizes[0]!)!.get(template)!;
  console.log(`  ${template.padEnd(44)} ${growth.toFixed(1)}×`);
}
