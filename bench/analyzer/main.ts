/**
 * Analyzer benchmark: full analysis against a bare `ts.createSourceFile` parse of the same files (same run, same
 * parse settings, both reading from disk), one-file update time, and heap retained after analysis. Times are CPU
 * time of this process, the best of interleaved rounds.
 * Run with `npm run bench:analyzer` (needs --expose-gc, which the script passes).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAnalyzer, type Analyzer } from "../../sdk/src/analyze";
import { parseSource } from "../../sdk/src/analyze/extract";
import { generateWorkspace } from "./generate";

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("Run with node --expose-gc (npm run bench:analyzer does).");

const heapAfterGc = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

/**
 * Milliseconds of CPU this process spent in `run`: on a shared machine wall time mostly measures the neighbours.
 * (Node's GC helper threads count too, so allocation-heavy code is not flattered.)
 */
function time(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const spent = process.cpuUsage(start);
  return (spent.user + spent.system) / 1000;
}

/** The best of `rounds`: the least disturbed by GC pauses and the other processes on this machine. */
function best(rounds: number, run: () => void): number {
  let min = Infinity;
  for (let i = 0; i < rounds; i++) min = Math.min(min, time(run));
  return min;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function bench(assets: number): void {
  const root = mkdtempSync(join(tmpdir(), `assetline-bench-${assets}-`));
  const texts = generateWorkspace(root, assets);
  const files = [...texts.keys()];
  try {
    // The baseline drops each tree once parsed, as the analyzer does (holding them all would slow it with GC work).
    let statements = 0;
    const parse = () => {
      for (const file of files) statements += parseSource(file, readFileSync(file, "utf8")).statements.length;
    };
    let analyzer: Analyzer | undefined;
    const analyze = () => {
      analyzer = createAnalyzer({ root });
      analyzer.loadFromDisk();
      analyzer.graph();
      analyzer.diagnostics();
    };
    // Warm both paths up once, then interleave the measured rounds.
    parse();
    analyze();
    let parseMs = Infinity;
    let analyzeMs = Infinity;
    for (let round = 0; round < 5; round++) {
      parseMs = Math.min(parseMs, best(1, parse));
      analyzeMs = Math.min(analyzeMs, best(1, analyze));
    }

    const treesHeap = (() => {
      analyzer = undefined;
      const before = heapAfterGc();
      const trees = files.map((file) => parseSource(file, readFileSync(file, "utf8")));
      const after = heapAfterGc();
      // Reading `trees` after the GC keeps them alive through it.
      if (trees.length !== files.length) throw new Error("Not every file parsed.");
      return after - before;
    })();
    const before = heapAfterGc();
    analyze();
    const retained = heapAfterGc() - before;

    // One-file updates: alternate a body edit (graph unchanged) with a key rename (diagnostics move elsewhere).
    const target = files[Math.floor(files.length / 2)]!;
    const original = texts.get(target)!;
    const bodyEdit = original.replace("Building", "Now building");
    const keyEdit = original.replace(
      /export const (asset_\d+_0) = asset\(\{ /,
      'export const $1 = asset({ key: "renamed_for_bench", ',
    );
    const updates: Record<string, number[]> = { body: [], key: [] };
    for (let i = 0; i < 40; i++) {
      updates.body!.push(time(() => analyzer!.update(target, bodyEdit)));
      analyzer!.update(target, original);
      updates.key!.push(time(() => analyzer!.update(target, keyEdit)));
      analyzer!.update(target, original);
    }

    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    const nodes = analyzer!.graph().nodes.length;
    const edges = analyzer!.graph().edges.length;
    if (statements === 0) throw new Error("The baseline parsed nothing.");
    console.log(
      `\n${assets.toLocaleString("en")} assets (${files.length} files, ${nodes} nodes, ${edges} edges, ${analyzer!.diagnostics().length} diagnostics)`,
    );
    console.log(`  bare parse (ts.createSourceFile)   ${parseMs.toFixed(0)} ms`);
    console.log(
      `  full analysis                      ${analyzeMs.toFixed(0)} ms   ratio ${(analyzeMs / parseMs).toFixed(2)}x   (target <= 1.5x)`,
    );
    console.log(`  one-file update, body edit         ${median(updates.body!).toFixed(2)} ms median`);
    console.log(
      `  one-file update, key rename        ${median(updates.key!).toFixed(2)} ms median   (target <= 10 ms at 10,000)`,
    );
    console.log(
      `  retained heap after analysis       ${mb(retained)}   (target <= 100 MB at 10,000; the parsed trees alone: ${mb(treesHeap)})`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
for (const assets of sizes.length ? sizes : [1000, 10000]) bench(assets);
