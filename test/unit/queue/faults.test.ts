/**
 * Fault rounds on the real server: a 200-step random DAG over four worker processes while one of them, at random, is
 * killed with -9 every 2–4 s and a new one started in its place; then a round where the server terminates every
 * connection of every worker twice mid-run. Each round ends with the run succeeded, every step succeeded exactly once
 * (one succeeded attempt, one success in test_log, written in the completion's transaction), no attempt started
 * before its upstream succeeded, and every other attempt marked lost. `ASSETLINE_FAULT_ROUNDS=10` for the full soak.
 * And a worker whose Graphile Worker runner another store's migration stopped takes steps again.
 */
import type { ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { enqueueRun, type PlannedStep } from "../../../sdk/src/queue/enqueueRun";
import { workerApplicationName } from "../../../sdk/src/queue/startWorker";
import { type QueueFixture, useQueueWithLog, useWorkerProcesses } from "./queueFixture";
import { randomDag, readTestLog, runFinished, until } from "./workerProcesses";

const ROUNDS = Math.max(1, Math.floor(Number(process.env.ASSETLINE_FAULT_ROUNDS) || 1));
const LEASE_MS = 1_500;
const WORKERS = 4;
const CONCURRENCY = 2;
// Long enough that a round lasts several kills: 200 steps over 8 slots is over 6 s of sleeping.
const STEP_MS = 250;
// A step may be lost more than once in a round; its retries must not run out.
const MAX_ATTEMPTS = 20;
// Generous: the machine is shared, and a kill costs a lease plus a worker's start.
const ROUND_TIMEOUT_MS = 240_000;

const queueWithLog = useQueueWithLog();
const workers = useWorkerProcesses(LEASE_MS);
const startWorker = (queue: QueueFixture, stepMs = STEP_MS) => workers.start(queue.url, CONCURRENCY, stepMs);

const totals = { runs: 0, kills: 0, rerun: 0, missing: 0, duplicated: 0 };
afterAll(() => {
  console.log(
    `fault rounds: ${totals.runs} runs, ${totals.kills} worker kills, ${totals.rerun} attempts lost and rerun, ${totals.missing} lost, ${totals.duplicated} duplicated`,
  );
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Kills a random worker with -9 every 2–4 s and starts another in its place, until `done` settles. */
async function killRandomly(queue: QueueFixture, running: ChildProcess[], done: Promise<unknown>): Promise<number[]> {
  let over = false;
  const settled = done.then(
    () => {
      over = true;
    },
    () => {
      over = true;
    },
  );
  const killed: number[] = [];
  for (;;) {
    await Promise.race([sleep(2_000 + Math.random() * 2_000), settled]);
    if (over) return killed;
    const index = Math.floor(Math.random() * running.length);
    running[index]!.kill("SIGKILL");
    killed.push(running[index]!.pid!);
    running[index] = await startWorker(queue);
  }
}

interface Attempt {
  step_id: string;
  attempt: number;
  outcome: string | null;
  pid: number;
  started_at: string;
  ended_at: string | null;
}

/** Checks what a round left and adds it to the totals; returns the lost attempts and the pids of their workers. */
async function checkRound(queue: QueueFixture, runId: string, steps: readonly PlannedStep[]) {
  const attempts = (
    await queue.pool.query<Attempt>(
      `SELECT a.step_id, a.attempt, a.outcome, w.pid, a.started_at, a.ended_at
       FROM step_attempts a JOIN workers w ON w.id = a.worker_id WHERE a.run_id = $1`,
      [runId],
    )
  ).rows;
  const successes = (await readTestLog(queue.pool)).filter((row) => row.outcome === "succeeded");
  const logged = new Map<string, number>();
  for (const row of successes) logged.set(row.step_id, (logged.get(row.step_id) ?? 0) + 1);
  const missing = steps.filter((step) => !logged.has(step.id)).length;
  const duplicated = successes.length - logged.size;
  const lost = attempts.filter((attempt) => attempt.outcome === "lost");
  totals.runs++;
  totals.rerun += lost.length;
  totals.missing += missing;
  totals.duplicated += duplicated;

  expect({ missing, duplicated }).toEqual({ missing: 0, duplicated: 0 });
  expect(attempts.filter((attempt) => attempt.outcome !== "succeeded" && attempt.outcome !== "lost")).toEqual([]);
  const succeeded = new Map(
    attempts.filter((attempt) => attempt.outcome === "succeeded").map((attempt) => [attempt.step_id, attempt]),
  );
  expect(succeeded.size).toBe(attempts.length - lost.length);
  expect([...succeeded.keys()].sort()).toEqual(steps.map((step) => step.id).sort());
  // Server times, one clock: an upstream's success commits with its downstream's job, so no attempt starts before.
  const early: string[] = [];
  const byId = new Map(steps.map((step) => [step.id, step]));
  for (const attempt of attempts)
    for (const upstream of byId.get(attempt.step_id)!.upstream)
      if (Number(attempt.started_at) < Number(succeeded.get(upstream)!.ended_at))
        early.push(`${attempt.step_id} attempt ${attempt.attempt} started before ${upstream} ended`);
  expect(early).toEqual([]);
  return { lost: lost.length, lostPids: new Set(lost.map((attempt) => attempt.pid)) };
}

describe("fault rounds", () => {
  it.each(Array.from({ length: ROUNDS }, (_, index) => index + 1))(
    "round %i: a 200-step DAG over four workers, one killed with -9 every 2–4 s, succeeds with every step once",
    async (round) => {
      const queue = await queueWithLog();
      const running = await Promise.all(Array.from({ length: WORKERS }, () => startWorker(queue)));
      const steps = randomDag(200, 7919 * round, MAX_ATTEMPTS);
      const runId = `faults-${round}`;
      await queue.tx((tx) => enqueueRun(tx, { runId, steps }));
      const finishing = runFinished(queue.pool, runId, ROUND_TIMEOUT_MS);
      const [status, killed] = await Promise.all([finishing, killRandomly(queue, running, finishing)]);
      for (const worker of running) worker.kill("SIGKILL");
      totals.kills += killed.length;
      const { lost, lostPids } = await checkRound(queue, runId, steps);
      console.log(`fault round ${round}: ${killed.length} worker kills, ${lost} attempts lost and rerun`);
      expect(status).toBe("success");
      // Only the killed lost anything.
      for (const pid of lostPids) expect(killed).toContain(pid);
    },
    ROUND_TIMEOUT_MS + 60_000,
  );

  it(
    "a worker goes on taking steps after another store's queue is migrated on the same database",
    async () => {
      const queue = await queueWithLog();
      await startWorker(queue, 5);
      // Graphile Worker's `worker:migrate` is database-wide: this stops the runner of every worker on the database.
      await queueWithLog();
      const steps = Array.from({ length: 20 }, (_, i) => ({
        id: `c${i}`,
        upstream: i === 0 ? [] : [`c${i - 1}`],
        maxAttempts: 1,
      }));
      await queue.tx((tx) => enqueueRun(tx, { runId: "migrated", steps }));
      expect(await runFinished(queue.pool, "migrated", ROUND_TIMEOUT_MS)).toBe("success");
      expect((await readTestLog(queue.pool)).length).toBe(20);
    },
    ROUND_TIMEOUT_MS,
  );

  it(
    "a round where the server terminates every connection of every worker, twice, still runs every step once",
    async () => {
      const queue = await queueWithLog();
      await Promise.all(Array.from({ length: WORKERS }, () => startWorker(queue, 50)));
      const steps = randomDag(200, 15_015, MAX_ATTEMPTS);
      await queue.tx((tx) => enqueueRun(tx, { runId: "terminated", steps }));
      for (const after of [40, 120]) {
        await until(
          `${after} steps to succeed`,
          async () => {
            const { rows } = await queue.pool.query<{ done: number }>(
              "SELECT count(*)::integer AS done FROM run_steps WHERE status = 'succeeded'",
            );
            return rows[0]!.done >= after ? true : undefined;
          },
          ROUND_TIMEOUT_MS,
        );
        const { rows } = await queue.pool.query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
          [workerApplicationName(queue.location)],
        );
        // Each worker holds its pool's connections and its cancel listener's.
        expect(rows.length).toBeGreaterThan(WORKERS);
      }
      expect(await runFinished(queue.pool, "terminated", ROUND_TIMEOUT_MS)).toBe("success");
      const { lost } = await checkRound(queue, "terminated", steps);
      console.log(`fault round with terminated connections: ${lost} attempts lost and rerun`);
    },
    2 * ROUND_TIMEOUT_MS,
  );
});
