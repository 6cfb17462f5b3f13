/**
 * Selection benchmark: evaluates typical selections on synthetic DAGs of 10,000 and 100,000 assets and reports each
 * as a ratio to a baseline timed alternately with it: indexing the graph (one pass over nodes and edges into
 * adjacency lists), the least any evaluation must do. Linear evaluation keeps the ratios flat as the graph grows
 * tenfold; raw times on a shared machine are too noisy to compare across sizes, ratios are not.
 * Run with `npm run bench:selection`.
 */
import { indexGraph } from "../../sdk/src/selection/graphIndex";
import {
  parseSelection,
  selectAssets,
  type SelectionExpr,
  type SelectionGraph,
  type SelectionNode,
} from "../../sdk/src/selection";

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
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const nodes = Array.from(
    { length: size },
    (_, i): SelectionNode => ({
      key: `a${i}`,
      group: `g${i % 10}`,
      tags: i % 7 === 0 ? { pii: "" } : {},
      kinds: i % 5 === 0 ? ["table"] : [],
      owners: [],
    }),
  );
  const edges: { from: string; to: string }[] = [];
  for (let i = 1; i < size; i++) {
    const upstreams = 1 + Math.floor(random() * 3);
    for (let u = 0; u < upstreams; u++)
      edges.push({ from: `a${Math.max(0, i - 1 - Math.floor(random() * 50))}`, to: `a${i}` });
  }
  return { nodes, edges };
}

/** Median times of `baseline` and `run`, measured alternately so both see the same machine load. */
function pairedMedians(baseline: () => unknown, run: () => unknown): { baseline: number; run: number } {
  baseline();
  run();
  const times = { baseline: [] as number[], run: [] as number[] };
  for (let i = 0; i < RUNS; i++) {
    for (const [name, work] of [
      ["baseline", baseline],
      ["run", run],
    ] as const) {
      const started = performance.now();
      work();
      times[name].push(performance.now() - started);
    }
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
  return { baseline: median(times.baseline), run: median(times.run) };
}

function parsed(text: string): SelectionExpr {
  const result = parseSelection(text);
  if (!result.ok) throw new Error(`${text}: ${result.error.message}`);
  return result.expr;
}

const sizes = [10_000, 100_000];
for (const size of sizes) {
  const graph = syntheticGraph(size);
  console.log(
    `\n${size} assets, ${graph.edges.length} edges; baseline: indexing the graph, timed beside each selection`,
  );
  console.log(
    "selection".padEnd(46) + "selected".padStart(9) + "ms".padStart(9) + "base ms".padStart(9) + "ratio".padStart(8),
  );
  for (const template of SELECTIONS) {
    const text = template.replace("{last}", String(size - 1)).replace("{mid}", String(size / 2));
    const expr = parsed(text);
    const selected = selectAssets(expr, graph).size;
    const { baseline, run } = pairedMedians(
      () => indexGraph(graph),
      () => selectAssets(expr, graph),
    );
    const row = [
      String(selected).padStart(9),
      run.toFixed(2).padStart(9),
      baseline.toFixed(2).padStart(9),
      `${(run / baseline).toFixed(2)}×`.padStart(8),
    ];
    console.log(template.padEnd(46) + row.join(""));
  }
}
