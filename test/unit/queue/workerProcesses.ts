/**
 * The queue's worker processes (workerChild.ts) and what their tests and bench/scale read back: the child bundled as
 * the CLI is, started and waited for until it takes work, a random DAG, the test_log the child writes, a run's end.
 * No test framework here, so the benchmark imports it too.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Pool } from "pg";
import type { PlannedStep } from "../../../sdk/src/queue/enqueueRun";
import { type ChildBundle, bundleChild } from "../childBundle";

export type WorkerChildBundle = ChildBundle;

/** Bundles workerChild.ts from the sources. */
export function bundleWorkerChild(): Promise<WorkerChildBundle> {
  return bundleChild(join(__dirname, "workerChild.ts"), ["pg", "graphile-worker"]);
}

export interface WorkerProcessOptions {
  concurrency: number;
  leaseMs: number;
  /** How long an ordinary step sleeps; by default 5–15 ms at random. */
  stepMs?: number;
}

/** Starts a worker process and resolves once it takes work (rejects with its stderr when it exits first). */
export async function spawnWorker(
  bundle: WorkerChildBundle,
  url: string,
  options: WorkerProcessOptions,
): Promise<ChildProcess> {
  const args = [bundle.file, url, String(options.concurrency), String(options.leaseMs)];
  if (options.stepMs !== undefined) args.push(String(options.stepMs));
  const worker = spawn(process.execPath, args, {
    stdio: ["ignore", "pipe", process.env.QUEUE_DEBUG ? "inherit" : "pipe"],
  });
  let stderr = "";
  worker.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  try {
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: worker.stdout! }).on("line", (line) => line.startsWith("ready") && resolve());
      worker.once("exit", (code) => reject(new Error(`worker exited ${code}: ${stderr}`)));
    });
  } catch (error) {
    worker.kill("SIGKILL");
    throw error;
  }
  return worker;
}

/** Polls `read` until it answers. Generous by default: worker processes share two cores with everything else. */
export async function until<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The run's finished status (`success`, `failed`, `cancelled`) once it has one. */
export const runFinished = (pool: Pool, runId: string, timeoutMs?: number) =>
  until(
    `run ${runId} to finish`,
    async () => {
      const { rows } = await pool.query<{ finished_status: string | null }>(
        "SELECT finished_status FROM queued_runs WHERE run_id = $1",
        [runId],
      );
      return rows[0]?.finished_status ?? undefined;
    },
    timeoutMs,
  );

/** `count` steps, each after up to three earlier ones chosen by a seeded generator (the same DAG for the same seed). */
export function randomDag(count: number, seed: number, maxAttempts = 1): PlannedStep[] {
  const random = () => {
    seed = (seed * 48271) % 2147483647;
    return seed / 2147483647;
  };
  return Array.from({ length: count }, (_, index) => {
    const upstream = new Set<string>();
    if (index > 0) for (let k = Math.floor(random() * 4); k > 0; k--) upstream.add(`s${Math.floor(random() * index)}`);
    return { id: `s${index}`, upstream: [...upstream], maxAttempts };
  });
}

/** `width` steps in each of `depth` layers, each after two of the layer before. */
export function layeredDag(depth: number, width: number, maxAttempts = 1): PlannedStep[] {
  const id = (layer: number, i: number) => `l${layer}_${i}`;
  return Array.from({ length: depth * width }, (_, index) => {
    const layer = Math.floor(index / width);
    const i = index % width;
    return {
      id: id(layer, i),
      upstream: layer === 0 ? [] : [id(layer - 1, i), id(layer - 1, (i + 1) % width)],
      maxAttempts,
    };
  });
}

/** The table workerChild.ts writes each attempt's end to (its successes in the completion's own transaction). */
export async function createTestLog(pool: Pool): Promise<void> {
  await pool.query(
    "CREATE TABLE test_log (step_id TEXT, attempt INTEGER, pid INTEGER, started_ms BIGINT, ended_ms BIGINT, outcome TEXT)",
  );
}

export interface Logged {
  step_id: string;
  attempt: number;
  pid: number;
  started: number;
  ended: number;
  outcome: string;
}

export async function readTestLog(pool: Pool): Promise<Logged[]> {
  const { rows } = await pool.query<Omit<Logged, "started" | "ended"> & { started_ms: string; ended_ms: string }>(
    "SELECT * FROM test_log ORDER BY started_ms",
  );
  return rows.map(({ started_ms, ended_ms, ...row }) => ({
    ...row,
    started: Number(started_ms),
    ended: Number(ended_ms),
  }));
}
