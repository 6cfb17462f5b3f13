/**
 * Scale benchmark of the queued executor (issue 15, docs/scale.md), on the machine's PostgreSQL (test database, a
 * schema per measurement, dropped after) with the queue's worker processes (test/unit/queue/workerChild.ts):
 * - per-step overhead: a 500-step chain of no-op steps through the queue with one worker process, against the same
 *   chain of no-op assets through the local executor in process (`materialize()`); target ≤ 5 ms queued overhead;
 * - throughput: a sleep-bound 2,000-step DAG (each step sleeps 50 ms) over 1, 2 and 4 worker processes of
 *   concurrency 4, the median of three runs each; target ≥ 3.5× from 1 to 4;
 * - a simulated 100,000-step run: its enqueue, then claim + complete transactions from 1, 4 and 8 concurrent clients,
 *   with and without waiting for each commit's flush to disk.
 * `ASSETLINE_BENCH_SHORT=1` runs smaller variants. Run with `npm run bench:scale`.
 */
import { availableParallelism, loadavg } from "node:os";
import { asset } from "../../sdk/src/define/asset";
import type { PlannedStep } from "../../sdk/src/queue/enqueueRun";
import { materialize } from "../../sdk/src/run/inProcess";
import { bundleWorkerChild, layeredDag } from "../../test/unit/queue/workerProcesses";
import { median } from "../cliWorkspace";
import { timeQueuedRuns } from "./queueSchema";
import { simulateRun } from "./simulatedRun";

const short = process.env.ASSETLINE_BENCH_SHORT === "1";
const CHAIN = 500;
const REPEATS = 3;
const SLEEP_MS = 50;
const CONCURRENCY = 4;
const THROUGHPUT = short ? { depth: 5, width: 100 } : { depth: 20, width: 100 };
const THROUGHPUT_REPEATS = short ? 1 : 3;
const SIMULATED = short ? { depth: 100, width: 1_000, each: 500 } : { depth: 100, width: 1_000, each: 2_000 };
const CLIENTS = [1, 4, 8];

const chain: PlannedStep[] = Array.from({ length: CHAIN }, (_, i) => ({
  id: `c${i}`,
  upstream: i === 0 ? [] : [`c${i - 1}`],
  maxAttempts: 1,
}));
const chainAssets = Object.fromEntries(
  chain.map((step) => [step.id, asset({ deps: [...step.upstream] }, () => undefined)]),
);

const verdict = (ok: boolean) => (ok ? "ok" : "MISSED");
const row = (label: string, value: string) => {
  console.log(`  ${label.padEnd(52)} ${value}`);
};

console.log(
  `scale benchmark${short ? " (short)" : ""}: load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`,
);
const bundle = await bundleWorkerChild();
try {
  const local: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const at = performance.now();
    const outcome = await materialize(chainAssets, { concurrency: 1 });
    if (!outcome.success) throw new Error("the local chain failed");
    local.push(performance.now() - at);
  }
  const queued = await timeQueuedRuns(bundle, chain, { workers: 1, concurrency: 1, stepMs: 0, runs: REPEATS });
  const localPerStep = median(local) / CHAIN;
  const queuedPerStep = median(queued) / CHAIN;
  const overhead = queuedPerStep - localPerStep;
  row(`${CHAIN}-step no-op chain, local executor in process`, `${localPerStep.toFixed(3)} ms/step`);
  row(`${CHAIN}-step no-op chain, queue, 1 worker process`, `${queuedPerStep.toFixed(3)} ms/step`);
  row("  queued overhead per step (target ≤ 5 ms)", `${overhead.toFixed(3)} ms ${verdict(overhead <= 5)}`);

  const dag = layeredDag(THROUGHPUT.depth, THROUGHPUT.width);
  const rates = new Map<number, number>();
  for (const workers of [1, 2, 4]) {
    // The median of a few runs: one run of 4 workers on 2 shared cores varies by ±10 %.
    const runs = await timeQueuedRuns(bundle, dag, {
      workers,
      concurrency: CONCURRENCY,
      stepMs: SLEEP_MS,
      runs: THROUGHPUT_REPEATS,
    });
    rates.set(workers, dag.length / (median(runs) / 1000));
    const ideal = (workers * CONCURRENCY * 1000) / SLEEP_MS;
    row(
      `${dag.length}-step DAG, ${SLEEP_MS} ms steps, ${workers} worker(s) × ${CONCURRENCY}`,
      `${rates.get(workers)!.toFixed(1)} steps/s (sleep bound ${ideal.toFixed(0)})`,
    );
  }
  const speedUp = rates.get(4)! / rates.get(1)!;
  row("  speed-up 4 workers / 1 (target ≥ 3.5×)", `${speedUp.toFixed(2)}× ${verdict(speedUp >= 3.5)}`);

  const simulated = await simulateRun(SIMULATED.depth, SIMULATED.width, CLIENTS, SIMULATED.each);
  row(
    `simulated ${simulated.steps}-step run, enqueueRun (one transaction)`,
    `${((simulated.steps / simulated.enqueueMs) * 1000).toFixed(0)} steps/s (${(simulated.enqueueMs / 1000).toFixed(1)} s)`,
  );
  for (const { clients, synchronousCommit, steps, ms } of simulated.completed)
    row(
      `  claim + complete, ${clients} client(s)${synchronousCommit ? "" : ", synchronous_commit off"}`,
      `${((steps / ms) * 1000).toFixed(0)} steps/s (${((ms / steps) * clients).toFixed(2)} ms per step per client)`,
    );
} finally {
  bundle.dispose();
}
