// One worker process for the queue's tests: `node workerChild.cjs <store url> <concurrency> <lease ms>`. Its steps
// sleep (4 s for a step whose id starts with "slow", a few ms else; one starting with "fail" throws) and append what
// they did to the store schema's test_log. Says "ready <worker id>" once it takes work; SIGTERM stops it gracefully.
import { openQueuePool } from "../../../sdk/src/queue/queuePool";
import { startWorker } from "../../../sdk/src/queue/startWorker";
import { parseStoreLocation } from "../../../sdk/src/store/postgres/storeUrl";

const [url = "", concurrency = "1", leaseMs = "1500"] = process.argv.slice(2);
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

async function main() {
  const log = await openQueuePool(location, 2);
  const worker = await startWorker({
    location,
    concurrency: Number(concurrency),
    leaseMs: Number(leaseMs),
    async execute(step, signal) {
      const started = Date.now();
      let outcome = "succeeded";
      try {
        await sleep(step.stepId.startsWith("slow") ? 4_000 : 5 + Math.random() * 10, signal);
        if (step.stepId.startsWith("fail")) throw new Error(`step ${step.stepId} fails`);
      } catch (error) {
        outcome = signal.aborted ? "aborted" : "failed";
        throw error;
      } finally {
        await log.query(
          "INSERT INTO test_log (step_id, attempt, pid, started_ms, ended_ms, outcome) VALUES ($1, $2, $3, $4, $5, $6)",
          [step.stepId, step.attempt, process.pid, started, Date.now(), outcome],
        );
      }
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
