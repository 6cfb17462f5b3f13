/**
 * Partitions benchmark: an asset with 3 years of daily partitions (1,096) and a chain of 4 more below it, each
 * partitioned alike (identity mappings), in a temporary workspace: a full backfill is 5 × 1,096 = 5,480 steps.
 * Reports, measured in the same run:
 * - baseline: the no-op runner at the same step count, as bench/runner measures it: the CLI materializing 5,480
 *   unpartitioned no-op assets of the same shape (1,096 chains of 5, each asset after the one before it), store on;
 *   the bare in-process Promise scheduler over the same 5,480 functions is printed too, as bench/runner does;
 * - the backfill (`materialize --partitions FIRST...LAST`) as a ratio to that baseline (target ≤ 1.5×): of the run
 *   itself (`run_finished.durationMs`: the plan executed, every record stored), the part partitions can make slower,
 *   since the baseline analyzes 5,480 definitions where the backfill analyzes 5; and of the whole CLI, wall and CPU;
 * - `status` on the filled store: the status computation (store opened, every asset's and partition's state) timed
 *   in process, with the graph analyzed once as the editor keeps it (target ≤ 200 ms), and the whole command;
 * - the store's size per materialized partition (database and value files, not the bundled code), beside the
 *   baseline's per asset.
 * Run with `npm run bench:partitions` (builds the sdk first).
 */
import { execFileSync } from "node:child_process";
import { readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join, relative } from "node:path";
import { createAnalyzer } from "../../sdk/src/analyze";
import { statusesFromStore } from "../../sdk/src/status/staleness";
import { readStore } from "../../sdk/src/store/openStore";
import {
  bareScheduler,
  benchWorkspace,
  median,
  type NoOpLayers,
  repoRoot,
  type Timing,
  timeCli,
  writeNoOpLayers,
} from "../cliWorkspace";

const FIRST_DAY = "2023-01-01";
const LAST_DAY = "2025-12-31";
/** 2023, 2024 (a leap year) and 2025. */
const DAYS = 1_096;
const CHAIN = 5;
const STEPS = DAYS * CHAIN;
const CLI_RUNS = 3;
const STATUS_RUNS = 7;

/** One file: the daily definition and the chain p0 → p1 → … → p4, each a no-op after the one before. */
function writePartitioned(root: string): void {
  const lines = [
    `import { asset, DailyPartitionsDefinition } from "assetline";`,
    // endDate is exclusive, as in Dagster: the last partition is LAST_DAY, whatever the date the bench runs.
    `const days = DailyPartitionsDefinition({ startDate: "${FIRST_DAY}", endDate: "2026-01-01" });`,
  ];
  for (let level = 0; level < CHAIN; level++) {
    const deps = level === 0 ? "" : `, deps: ["p${level - 1}"]`;
    lines.push(`export const p${level} = asset({ partitionsDef: days${deps} }, () => undefined);`);
  }
  writeFileSync(join(root, "src", "chain.ts"), `${lines.join("\n")}\n`);
}

/** The same steps unpartitioned: 5 layers of 1,096 assets, each after its day's asset on the layer above. */
const baselineShape: NoOpLayers = {
  layers: CHAIN,
  width: DAYS,
  key: (level, day) => `a_${level}_${day}`,
  upstreamOf: (level, day) => (level === 0 ? [] : [baselineShape.key(level - 1, day)]),
};

interface RunTiming extends Timing {
  /** The run itself, from its first event to its last (`run_finished.durationMs`). */
  runMs: number;
}

/** A run on an empty store, which must materialize every one of the 5,480 steps. */
function timeRun(root: string, extra: string[]): RunTiming {
  rmSync(join(root, ".assetline"), { recursive: true, force: true });
  const timing = timeCli(["materialize", "--json", ...extra, root]);
  const last = timing.stdout.trim().split("\n").at(-1)!;
  const finished = JSON.parse(last) as { type: string; durationMs: number; succeeded: number };
  if (finished.type !== "run_finished" || finished.succeeded !== STEPS)
    throw new Error(`the run did not materialize ${STEPS} steps: ${last}`);
  return { wallMs: timing.wallMs, cpuMs: timing.cpuMs, runMs: finished.durationMs };
}

/**
 * The status computation alone, on the filled store, in wall and CPU time (this process's user + system: what it
 * costs when other work shares the cores); the graph is analyzed once beforehand, as the editor keeps it.
 */
async function timeStatus(root: string): Promise<Timing> {
  const analyzer = createAnalyzer({ root });
  analyzer.loadFromDisk();
  const graph = analyzer.graph();
  const storeDir = join(root, ".assetline");
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < STATUS_RUNS; i++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const statuses = await readStore(storeDir, (store) => statusesFromStore(graph, store));
    walls.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
    const materialized = statuses.reduce((sum, status) => sum + (status.partitions?.materialized ?? 0), 0);
    if (materialized !== STEPS) throw new Error(`status counts ${materialized} materialized partitions, not ${STEPS}`);
  }
  return { wallMs: median(walls), cpuMs: median(cpus) };
}

/** Bytes of the store: the database, its WAL and the value files, not the bundled code in `build/`. */
function storeBytes(storeDir: string): number {
  return readdirSync(storeDir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && !relative(storeDir, entry.parentPath).startsWith("build"))
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
}

const ms = (value: number) => `${value.toFixed(3)} ms`;
const verdict = (ok: boolean) => (ok ? "ok" : "MISSED");

execFileSync(process.execPath, ["scripts/build.mjs", "sdk"], { cwd: repoRoot, stdio: "inherit" });
const partitioned = benchWorkspace("partitions");
const baseline = benchWorkspace("partitions-baseline");
try {
  writePartitioned(partitioned);
  writeNoOpLayers(baseline, baselineShape);
  const schedulers: number[] = [];
  for (let i = 0; i < 5; i++) schedulers.push(await bareScheduler(baselineShape));
  // Alternated, so both sides see the same machine load.
  const baselineRuns: RunTiming[] = [];
  const backfills: RunTiming[] = [];
  for (let i = 0; i < CLI_RUNS; i++) {
    baselineRuns.push(timeRun(baseline, []));
    backfills.push(timeRun(partitioned, ["--partitions", `${FIRST_DAY}...${LAST_DAY}`]));
  }
  const status = await timeStatus(partitioned);
  const statusCommands = Array.from({ length: STATUS_RUNS }, () => timeCli(["status", "--json", partitioned]));
  const bytesPerPartition = storeBytes(join(partitioned, ".assetline")) / STEPS;
  const bytesPerAsset = storeBytes(join(baseline, ".assetline")) / STEPS;

  console.log(
    `partitions benchmark: ${DAYS} daily partitions × a chain of ${CHAIN} assets = ${STEPS} steps, store on; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores; medians of ${CLI_RUNS}`,
  );
  console.log(`  bare Promise scheduler                      ${ms(median(schedulers) / STEPS)} per step`);
  for (const [label, pick] of [
    ["run (run_finished.durationMs)", (t: RunTiming) => t.runMs],
    ["whole CLI, wall", (t: RunTiming) => t.wallMs],
    ["whole CLI, CPU", (t: RunTiming) => t.cpuMs],
  ] as const) {
    const base = baselineRuns.map(pick);
    const fill = backfills.map(pick);
    if (base.includes(undefined) || fill.includes(undefined)) continue;
    const perBase = median(base as number[]) / STEPS;
    const perFill = median(fill as number[]) / STEPS;
    const ratio = perFill / perBase;
    console.log(`  ${label}`);
    console.log(`    no-op runner baseline, unpartitioned      ${ms(perBase)} per step`);
    console.log(
      `    full backfill                             ${ms(perFill)} per step: ${ratio.toFixed(2)}× baseline (target ≤ 1.5×) ${verdict(ratio <= 1.5)}`,
    );
  }
  for (const [label, value] of [
    ["wall", status.wallMs],
    ["CPU ", status.cpuMs!],
  ] as const)
    console.log(
      `  status computation, filled store, ${label}      ${ms(value)} (median of ${STATUS_RUNS}; target ≤ 200 ms) ${verdict(value <= 200)}`,
    );
  const statusCpu = statusCommands.flatMap((t) => (t.cpuMs === undefined ? [] : [t.cpuMs]));
  console.log(
    `  \`assetline status --json\`, whole command    wall ${ms(median(statusCommands.map((t) => t.wallMs)))}${statusCpu.length > 0 ? `, CPU ${ms(median(statusCpu))}` : ""} (node's start and the analysis included)`,
  );
  console.log(
    `  store size                                  ${bytesPerPartition.toFixed(0)} bytes per materialized partition (baseline: ${bytesPerAsset.toFixed(0)} bytes per asset materialization)`,
  );
} finally {
  rmSync(partitioned, { recursive: true, force: true });
  rmSync(baseline, { recursive: true, force: true });
}
