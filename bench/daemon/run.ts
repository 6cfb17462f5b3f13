/**
 * Daemon benchmark (issue 14): on a generated workspace (100 layers of 100 no-op assets, 100 files), measured in the
 * same run:
 * - `status`: the cold CLI (`ASSETLINE_NO_DAEMON=1 assetline status --json`: analyze the workspace, read the store),
 *   the same command while `assetline dev` runs (the CLI process asks the daemon's warm state), and the daemon's
 *   `status` request alone, as an editor connected to its socket would ask it (target ≤ 100 ms);
 * - a 5-step selection run (click → first step running, and → done): the cold CLI, the CLI through the daemon, and
 *   the daemon's `materialize` request, as the editor's click sends it (targets: ≤ 300 ms to done, ≥ 10× the cold CLI);
 * - a one-file edit until the daemon's graph has it (target ≤ 50 ms).
 * Run with `npm run bench:daemon` (builds the sdk first).
 */
import { execFileSync, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { connectDaemon } from "../../sdk/src/daemon/client";
import { DaemonMethods } from "../../sdk/src/protocol/daemon";
import {
  benchWorkspace,
  cliBin,
  layeredNoOps,
  median,
  processCpuMs,
  repoRoot,
  timeCli,
  writeNoOpLayers,
} from "../cliWorkspace";
import { cliRunsThroughDaemon, coldRuns, editsTakenIn, requestRuns, type RunTiming } from "./runs";

const LAYERS = 100;
const WIDTH = 100;
const RUNS = 5;

const shape = layeredNoOps(LAYERS, WIDTH);
/** Five independent assets of the first layer: 5 steps. */
const FIVE_STEPS = Array.from({ length: 5 }, (_, i) => shape.key(0, i));

const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(10);

/** The median wall time of `RUNS` calls of `status --json`, and what the last one printed. */
function timeStatus(root: string): { wallMs: number; stdout: string } {
  const timings = Array.from({ length: RUNS }, () => timeCli(["status", "--json", root]));
  return { wallMs: median(timings.map((t) => t.wallMs)), stdout: timings.at(-1)!.stdout };
}

execFileSync(process.execPath, ["scripts/build.mjs", "sdk"], { cwd: repoRoot, stdio: "inherit" });
const root = benchWorkspace("daemon");
const storeDir = join(root, ".assetline");
writeNoOpLayers(root, shape);
const coldRun = await coldRuns(root, FIVE_STEPS, RUNS);
process.env.ASSETLINE_NO_DAEMON = "1";
const cold = timeStatus(root);
delete process.env.ASSETLINE_NO_DAEMON;

const daemon = spawn(process.execPath, [cliBin, "dev", root], { stdio: ["ignore", "pipe", "inherit"] });
try {
  const startedAt = performance.now();
  await new Promise<void>((resolve, reject) => {
    daemon.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("serving") && resolve());
    daemon.once("exit", (code) => reject(new Error(`assetline dev exited with ${code} before serving`)));
  });
  const startMs = performance.now() - startedAt;
  const warm = timeStatus(root);
  if (warm.stdout !== cold.stdout)
    throw new Error("status through the daemon printed something else than the cold CLI");
  const client = await connectDaemon({ root, storeDir });
  if (client === undefined) throw new Error("the daemon did not answer on its socket");
  const requests: number[] = [];
  const cpuBefore = processCpuMs(daemon.pid!);
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await client.connection.sendRequest(DaemonMethods.status, {});
    requests.push(performance.now() - started);
  }
  const cpuAfter = processCpuMs(daemon.pid!);
  client.close();
  const request = median(requests);
  // The daemon's own CPU per request (a mean: /proc counts in 10 ms), which other jobs on the machine barely change.
  const requestCpu =
    cpuBefore === undefined || cpuAfter === undefined ? "" : `, daemon CPU ${ms((cpuAfter - cpuBefore) / RUNS).trim()}`;
  const cliRun = await cliRunsThroughDaemon(root, FIVE_STEPS, RUNS);
  const requestRun = await requestRuns(root, FIVE_STEPS, RUNS);
  const edit = await editsTakenIn(root, daemon.stdout!, "layer50.ts", RUNS);
  console.log(
    `daemon benchmark: status of ${LAYERS * WIDTH} no-op assets in ${LAYERS} files; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores; medians of ${RUNS}`,
  );
  console.log(`  cold CLI (ASSETLINE_NO_DAEMON=1)   ${ms(cold.wallMs)}`);
  console.log(`  assetline dev until serving        ${ms(startMs)} (once)`);
  console.log(
    `  CLI through the daemon             ${ms(warm.wallMs)} (${(cold.wallMs / warm.wallMs).toFixed(1)}× faster)`,
  );
  console.log(
    `  the daemon's status request        ${ms(request)} (${(cold.wallMs / request).toFixed(0)}× faster; target ≤ 100 ms ${request <= 100 ? "ok" : "MISSED"}${requestCpu})`,
  );
  const run = (label: string, timing: RunTiming, note = "") =>
    console.log(
      `  ${label.padEnd(35)}${ms(timing.firstStepMs)} to the first step, ${ms(timing.doneMs)} to done${note}`,
    );
  console.log(`5-step selection run (${FIVE_STEPS.join(", ")}):`);
  run("cold CLI (ASSETLINE_NO_DAEMON=1)", coldRun);
  run("CLI through the daemon", cliRun, ` (${(coldRun.doneMs / cliRun.doneMs).toFixed(1)}× faster)`);
  const fast = requestRun.doneMs <= 300 && coldRun.doneMs / requestRun.doneMs >= 10;
  run(
    "the daemon's materialize request",
    requestRun,
    ` (${(coldRun.doneMs / requestRun.doneMs).toFixed(1)}× faster; targets ≤ 300 ms and ≥ 10× ${fast ? "ok" : "MISSED"})`,
  );
  console.log(
    `one-file edit → the daemon's graph updated ${ms(edit)} (target ≤ 50 ms ${edit <= 50 ? "ok" : "MISSED"})`,
  );
} finally {
  daemon.kill("SIGTERM");
  await new Promise((resolve) => daemon.once("exit", resolve));
  rmSync(root, { recursive: true, force: true });
}
