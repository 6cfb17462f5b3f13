/**
 * Worker processes on the real server (workerChild.ts): a 200-step DAG over four, each step exactly once and after its
 * upstream; a worker killed with -9 mid-step, its step run again elsewhere as attempt 2; a pool of one slot never
 * exceeded across two; a cancel reaching a step running in another process; a failure skipping what is downstream.
 */
import { describe, expect, it } from "vitest";
import { cancelRun } from "../../../sdk/src/queue/cancelRun";
import { enqueueRun } from "../../../sdk/src/queue/enqueueRun";
import { useQueueWithLog, useWorkerProcesses } from "./queueFixture";
import { randomDag, readTestLog, runFinished, until } from "./workerProcesses";

const queueWithLog = useQueueWithLog();
const LEASE_MS = 1_500;
const workers = useWorkerProcesses(LEASE_MS);

describe("queue workers", () => {
  it("run a 200-step random DAG over four processes: every step exactly once, each after its upstream", async () => {
    const queue = await queueWithLog();
    await Promise.all(Array.from({ length: 4 }, () => workers.start(queue.url)));
    const steps = randomDag(200, 15);
    await queue.tx((tx) => enqueueRun(tx, { runId: "dag", steps }));
    expect(await runFinished(queue.pool, "dag")).toBe("success");
    const log = await readTestLog(queue.pool);
    expect(log.map((row) => row.step_id).sort()).toEqual(steps.map((step) => step.id).sort());
    const byId = new Map(log.map((row) => [row.step_id, row]));
    for (const step of steps)
      for (const upstream of step.upstream)
        expect(byId.get(upstream)!.ended).toBeLessThanOrEqual(byId.get(step.id)!.started);
    expect(new Set(log.map((row) => row.pid)).size).toBe(4);
  }, 90_000);

  it("run a step again, as attempt 2 on another worker, when its worker is killed with -9 mid-step", async () => {
    const queue = await queueWithLog();
    const first = await workers.start(queue.url);
    await queue.tx((tx) => enqueueRun(tx, { runId: "kill", steps: [{ id: "slow", upstream: [], maxAttempts: 2 }] }));
    await until("the step to start", async () => {
      const { rows } = await queue.pool.query("SELECT 1 FROM step_attempts WHERE outcome IS NULL");
      return rows[0];
    });
    const second = await workers.start(queue.url);
    first.kill("SIGKILL");
    expect(await runFinished(queue.pool, "kill")).toBe("success");
    const attempts = await queue.pool.query<{ attempt: number; outcome: string }>(
      "SELECT attempt, outcome FROM step_attempts ORDER BY attempt",
    );
    expect(attempts.rows).toEqual([
      { attempt: 1, outcome: "lost" },
      { attempt: 2, outcome: "succeeded" },
    ]);
    expect(await readTestLog(queue.pool)).toMatchObject([
      { step_id: "slow", attempt: 2, pid: second.pid, outcome: "succeeded" },
    ]);
  }, 90_000);

  it.each([
    ["a pool than its slots", { pools: { warehouse: 1 } }, "warehouse"],
    ["a run than its concurrency", { concurrency: 1 }, undefined],
  ])(
    "never run more steps of %s, across workers",
    async (_, limits, pool) => {
      const queue = await queueWithLog();
      await Promise.all([workers.start(queue.url, 3), workers.start(queue.url, 3)]);
      const steps = Array.from({ length: 12 }, (_, index) => ({
        id: `p${index}`,
        upstream: [],
        maxAttempts: 1,
        ...(pool && { pool }),
      }));
      await queue.tx((tx) => enqueueRun(tx, { runId: "limited", steps, ...limits }));
      expect(await runFinished(queue.pool, "limited")).toBe("success");
      const log = await readTestLog(queue.pool);
      expect(log).toHaveLength(12);
      for (let i = 1; i < log.length; i++) expect(log[i]!.started).toBeGreaterThanOrEqual(log[i - 1]!.ended);
      expect(new Set(log.map((row) => row.pid)).size).toBe(2);
    },
    30_000,
  );

  it("cancel a run: the step running in another process is aborted and the run ends cancelled", async () => {
    const queue = await queueWithLog();
    await workers.start(queue.url);
    await queue.tx((tx) =>
      enqueueRun(tx, {
        runId: "cancel",
        steps: [
          { id: "slow", upstream: [], maxAttempts: 3 },
          { id: "after", upstream: ["slow"], maxAttempts: 1 },
        ],
      }),
    );
    await until("the step to start", async () => {
      const { rows } = await queue.pool.query("SELECT 1 FROM step_attempts WHERE outcome IS NULL");
      return rows[0];
    });
    const started = Date.now();
    await queue.tx((tx) => cancelRun(tx, "cancel"));
    expect(await runFinished(queue.pool, "cancel")).toBe("cancelled");
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await readTestLog(queue.pool)).toMatchObject([{ step_id: "slow", attempt: 1, outcome: "aborted" }]);
    const steps = await queue.pool.query("SELECT step_id, status, reason FROM run_steps ORDER BY step_id");
    expect(steps.rows).toEqual([
      { step_id: "after", status: "skipped", reason: "the run was cancelled before this step started" },
      { step_id: "slow", status: "failed", reason: "run cancel was cancelled" },
    ]);
  }, 90_000);

  it("skip what is downstream of a step that failed, and still run the rest", async () => {
    const queue = await queueWithLog();
    await workers.start(queue.url);
    await queue.tx((tx) =>
      enqueueRun(tx, {
        runId: "fail",
        steps: [
          { id: "fail", upstream: [], maxAttempts: 2 },
          { id: "down", upstream: ["fail"], maxAttempts: 1 },
          { id: "other", upstream: [], maxAttempts: 1 },
        ],
      }),
    );
    expect(await runFinished(queue.pool, "fail")).toBe("failed");
    const steps = await queue.pool.query("SELECT step_id, status, attempt, reason FROM run_steps ORDER BY step_id");
    expect(steps.rows).toEqual([
      { step_id: "down", status: "skipped", attempt: 0, reason: "upstream fail failed" },
      { step_id: "fail", status: "failed", attempt: 2, reason: "step fail fails" },
      { step_id: "other", status: "succeeded", attempt: 1, reason: null },
    ]);
  }, 90_000);

  it("drain on stop: the running step finishes and completes, then the worker leaves", async () => {
    const queue = await queueWithLog();
    const worker = await workers.start(queue.url);
    await queue.tx((tx) => enqueueRun(tx, { runId: "drain", steps: [{ id: "slow", upstream: [], maxAttempts: 1 }] }));
    await until("the step to start", async () => {
      const { rows } = await queue.pool.query("SELECT 1 FROM step_attempts WHERE outcome IS NULL");
      return rows[0];
    });
    const exited = new Promise((resolve) => worker.once("exit", resolve));
    worker.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(await runFinished(queue.pool, "drain")).toBe("success");
    expect(await readTestLog(queue.pool)).toMatchObject([{ step_id: "slow", attempt: 1, outcome: "succeeded" }]);
    const { rows } = await queue.pool.query("SELECT stopped_at IS NOT NULL AS stopped FROM workers");
    expect(rows).toEqual([{ stopped: true }]);
  }, 90_000);

  it("go on after the server drops every connection of a worker: it takes work again and hears cancels", async () => {
    const queue = await queueWithLog();
    await workers.start(queue.url);
    const dropped = await queue.pool.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
      [`assetline worker ${queue.schema}`],
    );
    expect(dropped.rows.length).toBeGreaterThan(1);
    await queue.tx((tx) =>
      enqueueRun(tx, {
        runId: "dropped",
        steps: [
          { id: "quick", upstream: [], maxAttempts: 1 },
          { id: "slow", upstream: ["quick"], maxAttempts: 1 },
        ],
      }),
    );
    await until("the slow step to start", async () => {
      const { rows } = await queue.pool.query("SELECT 1 FROM step_attempts WHERE step_id = 'slow'");
      return rows[0];
    });
    await queue.tx((tx) => cancelRun(tx, "dropped"));
    expect(await runFinished(queue.pool, "dropped", 3_000)).toBe("cancelled");
    expect((await readTestLog(queue.pool)).map((row) => [row.step_id, row.outcome])).toEqual([
      ["quick", "succeeded"],
      ["slow", "aborted"],
    ]);
  }, 90_000);

  it("refuse to start, saying why, when the connection drops during Graphile Worker's first look-up", async () => {
    const queue = await queueWithLog();
    // Graphile Worker caches its first look-up of the task ids, failed or not: hold it on a lock, then drop it.
    const lock = await queue.pool.connect();
    await lock.query("BEGIN");
    await lock.query(`LOCK TABLE "${queue.schema}_worker"._private_tasks IN ACCESS EXCLUSIVE MODE`);
    const started = workers.start(queue.url).catch((error: Error) => error);
    const waiting = `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`;
    const name = `assetline worker ${queue.schema}`;
    await until("the look-up to wait for the lock", async () => (await queue.pool.query(waiting, [name])).rows[0]);
    await queue.pool.query(`SELECT pg_terminate_backend(pid) FROM (${waiting}) AS w`, [name]);
    await lock.query("COMMIT");
    lock.release();
    expect(String(await started)).toContain(
      `Graphile Worker could not fetch a job for ${LEASE_MS} ms (terminating connection due to administrator command): start the worker again`,
    );
    const { rows } = await queue.pool.query("SELECT stopped_at IS NOT NULL AS stopped FROM workers");
    expect(rows).toEqual([{ stopped: true }]);
  }, 90_000);
});
