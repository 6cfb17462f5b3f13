/**
 * Worker processes on the real server (workerChild.ts): a 200-step DAG over four, each step exactly once and after its
 * upstream; a worker killed with -9 mid-step, its step run again elsewhere as attempt 2; a pool of one slot never
 * exceeded across two; a cancel reaching a step running in another process; a failure skipping what is downstream.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { build } from "esbuild";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cancelRun } from "../../../sdk/src/queue/cancelRun";
import { enqueueRun, type PlannedStep } from "../../../sdk/src/queue/enqueueRun";
import { type QueueFixture, until, useQueue } from "./queueFixture";

const openQueue = useQueue();
const LEASE_MS = 1_500;
const repo = join(__dirname, "../../..");
let dir = "";
let child = "";
const workers: ChildProcess[] = [];

beforeAll(async () => {
  // Bundled from the sources as the CLI is, inside the repository so that its lazy imports resolve.
  mkdirSync(join(repo, "node_modules", ".cache"), { recursive: true });
  dir = mkdtempSync(join(repo, "node_modules", ".cache", "assetline-queue-"));
  child = join(dir, "workerChild.cjs");
  await build({
    entryPoints: [join(__dirname, "workerChild.ts")],
    outfile: child,
    bundle: true,
    platform: "node",
    format: "cjs",
    external: ["pg", "graphile-worker"],
    logLevel: "warning",
  });
});
afterEach(() => {
  for (const worker of workers.splice(0)) worker.kill("SIGKILL");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts a worker process and waits until it takes work. */
async function startWorker(url: string, concurrency = 2): Promise<ChildProcess> {
  const worker = spawn(process.execPath, [child, url, String(concurrency), String(LEASE_MS)], {
    stdio: ["ignore", "pipe", process.env.QUEUE_DEBUG ? "inherit" : "pipe"],
  });
  workers.push(worker);
  let stderr = "";
  worker.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: worker.stdout! }).on("line", (line) => line.startsWith("ready") && resolve());
    worker.once("exit", (code) => reject(new Error(`worker exited ${code}: ${stderr}`)));
  });
  return worker;
}

async function queueWithLog(): Promise<QueueFixture> {
  const queue = await openQueue();
  await queue.pool.query(
    "CREATE TABLE test_log (step_id TEXT, attempt INTEGER, pid INTEGER, started_ms BIGINT, ended_ms BIGINT, outcome TEXT)",
  );
  return queue;
}

const finished = (queue: QueueFixture, runId: string, timeoutMs?: number) =>
  until(
    `run ${runId} to finish`,
    async () => {
      const { rows } = await queue.pool.query<{ finished_status: string | null }>(
        "SELECT finished_status FROM queued_runs WHERE run_id = $1",
        [runId],
      );
      return rows[0]?.finished_status ?? undefined;
    },
    timeoutMs,
  );

interface Logged {
  step_id: string;
  attempt: number;
  pid: number;
  started_ms: string;
  ended_ms: string;
  outcome: string;
}
const logged = async (queue: QueueFixture) =>
  (await queue.pool.query<Logged>("SELECT * FROM test_log ORDER BY started_ms")).rows.map((row) => ({
    ...row,
    started: Number(row.started_ms),
    ended: Number(row.ended_ms),
  }));

describe("queue workers", () => {
  it("run a 200-step random DAG over four processes: every step exactly once, each after its upstream", async () => {
    const queue = await queueWithLog();
    await Promise.all(Array.from({ length: 4 }, () => startWorker(queue.url)));
    let seed = 15;
    const random = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    const steps: PlannedStep[] = Array.from({ length: 200 }, (_, index) => {
      const upstream = new Set<string>();
      if (index > 0)
        for (let k = Math.floor(random() * 4); k > 0; k--) upstream.add(`s${Math.floor(random() * index)}`);
      return { id: `s${index}`, upstream: [...upstream], maxAttempts: 1 };
    });
    await queue.tx((tx) => enqueueRun(tx, { runId: "dag", steps }));
    expect(await finished(queue, "dag")).toBe("success");
    const log = await logged(queue);
    expect(log.map((row) => row.step_id).sort()).toEqual(steps.map((step) => step.id).sort());
    const byId = new Map(log.map((row) => [row.step_id, row]));
    for (const step of steps)
      for (const upstream of step.upstream)
        expect(byId.get(upstream)!.ended).toBeLessThanOrEqual(byId.get(step.id)!.started);
    expect(new Set(log.map((row) => row.pid)).size).toBe(4);
  }, 90_000);

  it("run a step again, as attempt 2 on another worker, when its worker is killed with -9 mid-step", async () => {
    const queue = await queueWithLog();
    const first = await startWorker(queue.url);
    await queue.tx((tx) => enqueueRun(tx, { runId: "kill", steps: [{ id: "slow", upstream: [], maxAttempts: 2 }] }));
    await until("the step to start", async () => {
      const { rows } = await queue.pool.query("SELECT 1 FROM step_attempts WHERE outcome IS NULL");
      return rows[0];
    });
    const second = await startWorker(queue.url);
    first.kill("SIGKILL");
    expect(await finished(queue, "kill")).toBe("success");
    const attempts = await queue.pool.query<{ attempt: number; outcome: string }>(
      "SELECT attempt, outcome FROM step_attempts ORDER BY attempt",
    );
    expect(attempts.rows).toEqual([
      { attempt: 1, outcome: "lost" },
      { attempt: 2, outcome: "succeeded" },
    ]);
    expect(await logged(queue)).toMatchObject([{ step_id: "slow", attempt: 2, pid: second.pid, outcome: "succeeded" }]);
  }, 90_000);

  it.each([
    ["a pool than its slots", { pools: { warehouse: 1 } }, "warehouse"],
    ["a run than its concurrency", { concurrency: 1 }, undefined],
  ])(
    "never run more steps of %s, across workers",
    async (_, limits, pool) => {
      const queue = await queueWithLog();
      await Promise.all([startWorker(queue.url, 3), startWorker(queue.url, 3)]);
      const steps = Array.from({ length: 12 }, (_, index) => ({
        id: `p${index}`,
        upstream: [],
        maxAttempts: 1,
        ...(pool && { pool }),
      }));
      await queue.tx((tx) => enqueueRun(tx, { runId: "limited", steps, ...limits }));
      expect(await finished(queue, "limited")).toBe("success");
      const log = await logged(queue);
      expect(log).toHaveLength(12);
      for (let i = 1; i < log.length; i++) expect(log[i]!.started).toBeGreaterThanOrEqual(log[i - 1]!.ended);
      expect(new Set(log.map((row) => row.pid)).size).toBe(2);
    },
    30_000,
  );

  it("cancel a run: the step running in another process is aborted and the run ends cancelled", async () => {
    const queue = await queueWithLog();
    await startWorker(queue.url);
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
    expect(await finished(queue, "cancel")).toBe("cancelled");
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await logged(queue)).toMatchObject([{ step_id: "slow", attempt: 1, outcome: "aborted" }]);
    const steps = await queue.pool.query("SELECT step_id, status, reason FROM run_steps ORDER BY step_id");
    expect(steps.rows).toEqual([
      { step_id: "after", status: "skipped", reason: "the run was cancelled before this step started" },
      { step_id: "slow", status: "failed", reason: "run cancel was cancelled" },
    ]);
  }, 90_000);

  it("skip what is downstream of a step that failed, and still run the rest", async () => {
    const queue = await queueWithLog();
    await startWorker(queue.url);
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
    expect(await finished(queue, "fail")).toBe("failed");
    const steps = await queue.pool.query("SELECT step_id, status, attempt, reason FROM run_steps ORDER BY step_id");
    expect(steps.rows).toEqual([
      { step_id: "down", status: "skipped", attempt: 0, reason: "upstream fail failed" },
      { step_id: "fail", status: "failed", attempt: 2, reason: "step fail fails" },
      { step_id: "other", status: "succeeded", attempt: 1, reason: null },
    ]);
  }, 90_000);

  it("drain on stop: the running step finishes and completes, then the worker leaves", async () => {
    const queue = await queueWithLog();
    const worker = await startWorker(queue.url);
    await queue.tx((tx) => enqueueRun(tx, { runId: "drain", steps: [{ id: "slow", upstream: [], maxAttempts: 1 }] }));
    await until("the step to start", async () => {
      const { rows } = await queue.pool.query("SELECT 1 FROM step_attempts WHERE outcome IS NULL");
      return rows[0];
    });
    const exited = new Promise((resolve) => worker.once("exit", resolve));
    worker.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(await finished(queue, "drain")).toBe("success");
    expect(await logged(queue)).toMatchObject([{ step_id: "slow", attempt: 1, outcome: "succeeded" }]);
    const { rows } = await queue.pool.query("SELECT stopped_at IS NOT NULL AS stopped FROM workers");
    expect(rows).toEqual([{ stopped: true }]);
  }, 90_000);

  it("go on after the server drops every connection of a worker: it takes work again and hears cancels", async () => {
    const queue = await queueWithLog();
    await startWorker(queue.url);
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
    expect(await finished(queue, "dropped", 3_000)).toBe("cancelled");
    expect((await logged(queue)).map((row) => [row.step_id, row.outcome])).toEqual([
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
    const started = startWorker(queue.url).catch((error: Error) => error);
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
