// One worker process for the queue's tests and bench/scale: `node workerChild.cjs <store url> <concurrency> <lease ms>
// [step ms]`. Its steps sleep (4 s for a step whose id starts with "slow", `step ms` or a few ms else; one starting
// with "fail" throws) and append what they did to the store schema's test_log: a success in its completion's own
// transaction, as a real step's materializations are, so a killed attempt leaves none. Says "ready <worker id>" once
// it takes work; SIGTERM stops it gracefully.
import { openQueuePool } from "../../../sdk/src/queue/queuePool";
import { startWorker } from "../../../sdk/src/queue/startWorker";
import { parseStoreLocation } from "../../../sdk/src/store/postgres/storeUrl";

const [url = "", concurrency = "1", leaseMs = "1500", stepMs] = process.argv.slice(2);
const parsed = parseStoreLocation(url);
if (parsed.kind !== "postgres") throw new Error("give a postgres:// URL");
const location = parsed;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });

const INSERT_LOG =
  "INSERT INTO test_log (step_id, attempt, pid, started_ms, ended_ms, outcome) VALUES ($1, $2, $3, $4, $5, $6)";
const attemptKey = (step: { runId: string; stepId: string; attempt: number }) =>
  `${step.runId}\n${step.stepId}\n${step.attempt}`;

async function main() {
  const log = await openQueuePool(location, 2);
  /** When each attempt that succeeded here started; kept after its completion, whose transaction may be retried. */
  const started = new Map<string, number>();
  const worker = await startWorker({
    location,
    concurrency: Number(concurrency),
    leaseMs: Number(leaseMs),
    async execute(step, signal) {
      const startedMs = Date.now();
      try {
        const ms = step.stepId.startsWith("slow") ? 4_000 : stepMs ? Number(stepMs) : 5 + Math.random() * 10;
        // A no-op step (bench/scale's chain) takes no timer turn: it measures the queue, not setTimeout's 1 ms floor.
        if (ms > 0) await sleep(ms, signal);
        if (step.stepId.startsWith("fail")) throw new Error(`step ${step.stepId} fails`);
        started.set(attemptKey(step), startedMs);
      } catch (error) {
        const outcome = signal.aborted ? "aborted" : "failed";
        await log.query(INSERT_LOG, [step.stepId, step.attempt, process.pid, startedMs, Date.now(), outcome]);
        throw error;
      }
    },
    async onCompleted(tx, outcome) {
      const startedMs = started.get(attemptKey(outcome));
      if (outcome.status !== "succeeded" || startedMs === undefined) return;
      await tx.client.query(INSERT_LOG, [
        outcome.stepId,
        outcome.attempt,
        process.pid,
        startedMs,
        Date.now(),
        "succeeded",
      ]);
    },
  });
  console.log(`ready ${worker.id}`);
  process.once("SIGTERM", () => {
    void worker
      .stop()
      .then(() => log.end())
      .then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
