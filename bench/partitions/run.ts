/**
 * Partitions benchmark: an asset with 3 years of daily partitions (1,096) and a chain of 4 more assets after it, each
 * partition after the same day upstream: a full backfill is 5,480 steps. Reports, measured in the same run:
 * - baseline: the same runner over 5,480 unpartitioned no-op assets of the same shape (5 layers of 1,096, each asset
 *   after its counterpart in the layer before), through the same CLI and store;
 * - the backfill, as the ratio of its run time (`run_finished.durationMs`: plan executed, every record stored) to the
 *   baseline's (target ≤ 1.5×), and the whole CLI's wall time beside it;
 * - `status` at that scale: the statuses of the 5 assets with their partition summaries, computed from the store as
 *   the CLI does (target ≤ 200 ms);
 * - the store's size per materialized partition, beside the baseline's per asset.
 * Run with `npm run bench:partitions` (builds the sdk first).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createAnalyzer } from "../../sdk/src/analyze";
import { statusesFromStore } from "../../sdk/src/status/staleness";
import { openStoreReader } from "../../sdk/src/store/sqliteStore";

const DAYS = 1096;
const CHAIN = 5;
const STEPS = DAYS * CHAIN;
const RUNS = 3;
const STATUS_RUNS = 5;
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "assetline-bench-partitions-"));
  mkdirSync(join(root, "src"), { recursive: true });
  mkdirSync(join(root, "node_modules"), { recursive: true });
  symlinkSync(join(repoRoot, "sdk"), join(root, "node_modules", "assetline"), "dir");
  writeFileSync(join(root, "package.json"), JSON.stringify({ name: "bench", private: true }));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, "src", name), text);
  return root;
}

/** The backfill's workspace: one definition shared by the chain, each asset after the one before (identity). */
function partitioned(): string {
  const lines = [
    `import { asset, DailyPartitionsDefinition } from "assetline";`,
    `export const days = DailyPartitionsDefinition({ startDate: "2023-12-01", endDate: "2026-12-01" });`,
    `export const p0 = asset({ partitionsDef: days }, () => undefined);`,
  ];
  for (let i = 1; i < CHAIN; i++)
    lines.push(`export const p${i} = asset({ partitionsDef: days, deps: [p${i - 1}] }, () => undefined);`);
  return workspace({ "chain.ts": `${lines.join("\n")}\n` });
}

/** The baseline's workspace: the same 5,480 steps as unpartitioned assets, one file per layer. */
function unpartitioned(): string {
  const files: Record<string, string> = {};
  for (let layer = 0; layer < CHAIN; layer++) {
    const lines = [`import { asset } from "assetline";`];
    for (let day = 0; day < DAYS; day++) {
      const deps = layer === 0 ? "" : `deps: ["a${layer - 1}_${day}"] `;
      lines.push(`export const a${layer}_${day} = asset({ ${deps}}, () => undefined);`);
    }
    files[`layer${layer}.ts`] = `${lines.join("\n")}\n`;
  }
  return workspace(files);
}

interface Timing {
  /** The run itself, from its first event to its last (`run_finished.durationMs`). */
  runMs: number;
  /** The whole CLI: analysis, bundling, loading, planning, the run, closing the store. */
  wallMs: number;
}

function materialize(root: string): Timing {
  rmSync(join(root, ".assetline"), { recursive: true, force: true });
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    [join(repoRoot, "sdk", "bin", "assetline.js"), "materialize", "--json", root],
    { encoding: "utf8", maxBuffer: 1 << 30 },
  );
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`the CLI failed (exit ${result.status}): ${result.stderr}`);
  const lines = result.stdout.trim().split("\n");
  const finished = JSON.parse(lines.at(-1)!) as { type: string; durationMs: number; succeeded: number };
  if (finished.type !== "run_finished" || finished.succeeded !== STEPS)
    throw new Error(`the run did not materialize ${STEPS} steps: ${lines.at(-1)}`);
  return { runMs: finished.durationMs, wallMs };
}

/** The store's files (the database and stored values), without the bundled code in `build/`. */
function storeBytes(dir: string, top = true): number {
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (top && entry.name === "build") continue;
    const path = join(dir, entry.name);
    bytes += entry.isDirectory() ? storeBytes(path, false) : statSync(path).size;
  }
  return bytes;
}

/** `status`'s work over the backfilled store: the analyzer's graph (built once) and the statuses from the store. */
function statusMs(root: string): number {
  const analyzer = createAnalyzer({ root });
  analyzer.loadFromDisk();
  const graph = analyzer.graph();
  const times: number[] = [];
  for (let i = 0; i < STATUS_RUNS; i++) {
    const store = openStoreReader(join(root, ".assetline"));
    const started = performance.now();
    const statuses = statusesFromStore(graph, store);
    times.push(performance.now() - started);
    store.close();
    if (statuses.length !== CHAIN) throw new Error(`status listed ${statuses.length} assets, not ${CHAIN}`);
  }
  return median(times);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${value.toFixed(0)} ms`;
const verdict = (ok: boolean) => (ok ? "ok" : "MISSED");

execFileSync(process.execPath, ["scripts/build.mjs", "sdk"], { cwd: repoRoot, stdio: "inherit" });
const roots = [partitioned(), unpartitioned()] as const;
try {
  const [backfillRoot, baselineRoot] = roots;
  // Alternate the two, so that load on the machine weighs on both alike.
  const backfill: Timing[] = [];
  const baseline: Timing[] = [];
  for (let i = 0; i < RUNS; i++) {
    baseline.push(materialize(baselineRoot));
    backfill.push(materialize(backfillRoot));
  }
  const [backfillRun, baselineRun] = [median(backfill.map((t) => t.runMs)), median(baseline.map((t) => t.runMs))];
  const ratio = backfillRun / baselineRun;
  const status = statusMs(backfillRoot);
  const perPartition = storeBytes(join(backfillRoot, ".assetline")) / STEPS;
  const perAsset = storeBytes(join(baselineRoot, ".assetline")) / STEPS;
  console.log(
    `partitions benchmark: ${DAYS} daily partitions × ${CHAIN} chained assets = ${STEPS} steps, store on; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores; median of ${RUNS}`,
  );
  console.log(
    `  baseline: ${STEPS} unpartitioned no-op assets   run ${ms(baselineRun)}, whole CLI ${ms(median(baseline.map((t) => t.wallMs)))}`,
  );
  console.log(
    `  backfill of ${STEPS} partitions            run ${ms(backfillRun)}, whole CLI ${ms(median(backfill.map((t) => t.wallMs)))}`,
  );
  console.log(
    `    backfill / baseline (run)             ${ratio.toFixed(2)}× (target ≤ 1.5×) ${verdict(ratio <= 1.5)}`,
  );
  console.log(
    `  status over ${CHAIN} partitioned assets        ${status.toFixed(1)} ms (target ≤ 200 ms) ${verdict(status <= 200)}`,
  );
  console.log(
    `  store size                              ${(perPartition / 1024).toFixed(2)} KiB per materialized partition (unpartitioned: ${(perAsset / 1024).toFixed(2)} KiB per asset)`,
  );
} finally {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
}
