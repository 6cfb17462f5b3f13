/**
 * Runner benchmark: 10,000 no-op assets in a layered DAG (100 layers of 100, each asset after 2 of the layer before),
 * in 100 TypeScript files of a temporary workspace. Reports, measured in the same run:
 * - baseline: a bare in-process topological Promise scheduler over the same 10,000 functions;
 * - the whole CLI process (`node assetline.js materialize`: analyze, bundle, load, plan, run, SQLite store on);
 * - process-per-step: spawning one `node` process per asset, on a sample.
 * Targets: ≤ 0.3 ms of overhead per asset over the baseline; ≥ 100× faster per asset than process-per-step.
 * Run with `npm run bench:runner` (builds the sdk first).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import {
  bareScheduler,
  benchWorkspace,
  childrenCpuMs,
  median,
  layeredNoOps,
  repoRoot,
  type Timing,
  timeCli,
  writeNoOpLayers,
} from "../cliWorkspace";

const LAYERS = 100;
const WIDTH = 100;
const ASSETS = LAYERS * WIDTH;
const PROCESS_SAMPLE = 20;
const CLI_RUNS = 3;

const shape = layeredNoOps(LAYERS, WIDTH);

function timeRun(root: string, storeDir: string): Timing {
  rmSync(storeDir, { recursive: true, force: true });
  return timeCli(["materialize", "--json", "--store", storeDir, root]);
}

function timeProcessPerStep(): Timing {
  const cpuBefore = childrenCpuMs();
  const started = performance.now();
  for (let i = 0; i < PROCESS_SAMPLE; i++)
    spawnSync(process.execPath, ["-e", "(() => undefined)()"], { stdio: "ignore" });
  const cpuAfter = childrenCpuMs();
  const cpuMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) / PROCESS_SAMPLE;
  return { wallMs: (performance.now() - started) / PROCESS_SAMPLE, cpuMs };
}

const ms = (value: number) => `${value.toFixed(3)} ms`;

execFileSync(process.execPath, ["scripts/build.mjs", "sdk"], { cwd: repoRoot, stdio: "inherit" });
const root = benchWorkspace("runner");
try {
  writeNoOpLayers(root, shape);
  const storeDir = join(root, ".assetline");
  const baselines: number[] = [];
  for (let i = 0; i < 5; i++) baselines.push(await bareScheduler(shape));
  const baseline = median(baselines) / ASSETS;
  const timings = Array.from({ length: CLI_RUNS }, () => timeRun(root, storeDir));
  const cli = median(timings.map((t) => t.wallMs)) / ASSETS;
  const cpuTimes = timings.flatMap((t) => (t.cpuMs === undefined ? [] : [t.cpuMs]));
  const perProcess = timeProcessPerStep();
  const cpu = cpuTimes.length > 0 ? median(cpuTimes) / ASSETS : undefined;
  const verdict = (ok: boolean) => (ok ? "ok" : "MISSED");
  console.log(
    `runner benchmark: ${ASSETS} no-op assets, ${LAYERS} layers of ${WIDTH}, store on; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`,
  );
  console.log(`  bare Promise scheduler (baseline)   ${ms(baseline)} per asset`);
  console.log(`  one node process per asset, wall    ${ms(perProcess.wallMs)} per asset (sample of ${PROCESS_SAMPLE})`);
  if (perProcess.cpuMs !== undefined)
    console.log(`  one node process per asset, CPU     ${ms(perProcess.cpuMs)} per asset`);
  // Wall time is what a user waits; CPU time (user + system of the CLI and its esbuild child) is what the runner costs
  // when other work shares the cores, and stays comparable on a busy machine.
  for (const [label, perAsset, perStep] of [
    ["wall", cli, perProcess.wallMs],
    ["CPU", cpu, perProcess.cpuMs],
  ] as const) {
    if (perAsset === undefined || perStep === undefined) continue;
    const overhead = perAsset - baseline;
    console.log(
      `  whole CLI process, ${label.padEnd(4)}             ${ms(perAsset)} per asset (${(perAsset / baseline).toFixed(0)}× baseline; median of ${CLI_RUNS})`,
    );
    console.log(
      `    overhead over baseline            ${ms(overhead)} per asset (target ≤ 0.300 ms) ${verdict(overhead <= 0.3)}`,
    );
    console.log(
      `    process-per-step / CLI            ${(perStep / perAsset).toFixed(0)}× (target ≥ 100×) ${verdict(perStep / perAsset >= 100)}`,
    );
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
