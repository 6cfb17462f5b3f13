/**
 * A worker: Graphile Worker's runner with one task, `assetline_step` (one identifier per queue served), that claims
 * the attempt its job names, runs it with the injected `execute`, and completes it; a heartbeat every lease/5 that
 * also reaps silent workers and aborts steps of runs cancelled meanwhile; a `LISTEN assetline_cancel` that aborts
 * them at once. While the server is unreachable Graphile Worker takes no job, the heartbeat and the completions retry
 * with backoff, and work resumes when it is back.
 */
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { PostgresLocation } from "../store/postgres/migratePostgres";
import { parseStoreLocation } from "../store/postgres/storeUrl";
import { listenForCancels } from "./cancelListener";
import { type ClaimedStep, claimStep } from "./claimStep";
import { type CompletionRecorder, completeStep, type StepEnd, type StepOutcome } from "./completeStep";
import { loadGraphileWorker } from "./loadGraphileWorker";
import { type JobRunner, startJobRunner } from "./jobRunner";
import { migrateQueue } from "./migrateQueue";
import { inTransaction, openQueuePool } from "./queuePool";
import { NOW_MS, type QueueTx, type StepJob } from "./queueTx";
import type { RunFinish } from "./runProgress";
import { reapLostWorkers } from "./reapLostWorkers";
import { wakeFreeSlots } from "./wakeFreeSlots";

/** The queue that steps without one go to, and that a worker serves unless told otherwise. */
export const DEFAULT_QUEUE = "default";
export const DEFAULT_LEASE_MS = 30_000;

export interface WorkerOptions<Tx extends QueueTx = QueueTx> {
  /** The store: a `postgres://` URL (with `?schema=`) or a parsed location. */
  location: string | PostgresLocation;
  /** Steps run at once by this worker (default 1). */
  concurrency?: number;
  /** The queues it serves (default: the default queue). */
  queues?: readonly string[];
  /** A heartbeat older than this makes the worker lost to the others (default 30 s); it beats every lease/5. */
  leaseMs?: number;
  /** Runs one attempt of a step; rejects when it fails; `signal` aborts when its run is cancelled. */
  execute: (step: ClaimedStep, signal: AbortSignal) => Promise<void>;
  /**
   * Runs `fn` in one transaction (the store's `transaction`, so the hooks can record run events in it); by default a
   * transaction on the worker's own pool.
   */
  transaction?: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
  /** In the completion's transaction, for an attempt that ended here or one reaped from a lost worker. */
  onCompleted?: (tx: Tx, outcome: StepOutcome, end: StepEnd) => Promise<void>;
  /** In the same transaction, after `onCompleted`, when that attempt's step was its run's last. */
  onRunFinished?: (tx: Tx, runId: string, finish: RunFinish) => Promise<void>;
  /** Where the worker says what went wrong (default stderr). */
  log?: (line: string) => void;
}

export interface QueueWorker {
  id: string;
  /** The attempts it runs now. */
  running(): ClaimedStep[];
  /** Rejects when the worker can take no more jobs on its own (an incompatible queue schema): stop it, then exit. */
  failure: Promise<never>;
  /** Takes no new step, lets the running ones finish and complete, then leaves (its row says when). */
  stop(): Promise<void>;
}

interface Running {
  step: ClaimedStep;
  controller: AbortController;
}

const MAX_BACKOFF_MS = 5_000;
/** The exit code Graphile Worker sets when it hears of a breaking migration. */
const GRAPHILE_BREAKING_MIGRATION_EXIT = 57;

export async function startWorker<Tx extends QueueTx = QueueTx>(options: WorkerOptions<Tx>): Promise<QueueWorker> {
  const location = typeof options.location === "string" ? postgresLocation(options.location) : options.location;
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const queues = [...new Set(options.queues ?? [DEFAULT_QUEUE])];
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const id = `${hostname()}-${process.pid}-${randomBytes(4).toString("hex")}`;
  // Graphile Worker's fetches, its LISTEN, the running steps' claims and completions, the heartbeat.
  const pool = await openQueuePool(location, concurrency * 2 + 4, workerApplicationName(location));
  const transaction =
    options.transaction ??
    (((fn: (tx: QueueTx) => Promise<unknown>) => inTransaction(pool, fn)) as NonNullable<
      WorkerOptions<Tx>["transaction"]
    >);
  try {
    await migrateQueue(location, pool);
    await pool.query(
      `INSERT INTO workers (id, host, pid, queues, concurrency, started_at, heartbeat_at, lease_ms)
       VALUES ($1, $2, $3, $4, $5, ${NOW_MS}, ${NOW_MS}, $6)`,
      [id, hostname(), process.pid, JSON.stringify(queues), concurrency, leaseMs],
    );
  } catch (error) {
    await pool.end();
    throw error;
  }

  const running = new Map<string, Running>();
  let runner: JobRunner | undefined;
  const abortRun = (runId: string) => {
    for (const { step, controller } of running.values())
      if (step.runId === runId) controller.abort(new Error(`run ${runId} was cancelled`));
  };

  const recorder = (tx: Tx, outcome: StepOutcome): CompletionRecorder => ({
    step: async (end) => options.onCompleted?.(tx, outcome, end),
    runFinished: async (finish) => options.onRunFinished?.(tx, outcome.runId, finish),
  });

  const runStep = async (job: StepJob, jobId: string) => {
    // One statement, outside a transaction: one round trip instead of three (claimStep.ts).
    const claim = await claimStep({ client: pool }, { ...job, jobId }, id);
    if (!claim.claimed) return;
    const key = `${job.runId}\n${job.stepId}\n${job.attempt}`;
    const controller = new AbortController();
    running.set(key, { step: claim.step, controller });
    let outcome: StepOutcome;
    try {
      await options.execute(claim.step, controller.signal);
      outcome = { ...job, worker: id, status: "succeeded" };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      outcome = { ...job, worker: id, status: controller.signal.aborted ? "cancelled" : "failed", error: message };
    } finally {
      running.delete(key);
    }
    await complete(outcome);
  };

  /**
   * Completes an attempt, retrying until the server answers: only this process knows the outcome, and giving up
   * would leave the step running under a live worker. A lease lost meanwhile makes the completion refused.
   */
  const complete = async (outcome: StepOutcome) => {
    for (let backoff = 100; ; backoff = Math.min(backoff * 2, MAX_BACKOFF_MS)) {
      try {
        const completion = await transaction((tx) => completeStep(tx, outcome, recorder(tx, outcome)));
        if (!completion.accepted) log(`assetline worker: ${completion.message}; its result is dropped`);
        return;
      } catch (error) {
        log(`assetline worker: completing step ${outcome.stepId} failed (${(error as Error).message}); retrying`);
        await sleep(backoff);
      }
    }
  };

  const beat = async () => {
    const { rowCount } = await pool.query(
      `UPDATE workers SET heartbeat_at = ${NOW_MS}, job_pool = COALESCE($2, job_pool) WHERE id = $1 AND stopped_at IS NULL`,
      [id, runner?.poolId ?? null],
    );
    if (rowCount === 0) {
      // Reaped while silent: the attempts it runs are someone else's now. It aborts them and comes back as new.
      log(`assetline worker: ${id} was taken for lost (no heartbeat for ${leaseMs} ms); its running steps are dropped`);
      for (const { controller } of running.values()) controller.abort(new Error("this worker's lease was lost"));
      await pool.query(
        `UPDATE workers SET stopped_at = NULL, heartbeat_at = ${NOW_MS}, started_at = ${NOW_MS} WHERE id = $1`,
        [id],
      );
    }
    await abortCancelled();
    await wakeFreeSlots({ client: pool });
    const reaped = await transaction((tx) => reapLostWorkers(tx, (outcome) => recorder(tx, outcome)));
    for (const worker of reaped.workers) log(`assetline worker: reaped lost worker ${worker}`);
  };
  /** Aborts running steps of runs cancelled while the listener may have been away. */
  const abortCancelled = async () => {
    const runIds = [...new Set([...running.values()].map(({ step }) => step.runId))];
    if (runIds.length === 0) return;
    const { rows } = await pool.query<{ run_id: string }>(
      "SELECT run_id FROM queued_runs WHERE run_id = ANY($1::text[]) AND status <> 'running'",
      [runIds],
    );
    for (const row of rows) abortRun(row.run_id);
  };

  // A chain of timeouts, not an interval: a slow beat never overlaps the next.
  let heartbeatFailing = false;
  let heartbeat: NodeJS.Timeout | undefined;
  let beating: Promise<void> = Promise.resolve();
  const scheduleBeat = () => {
    heartbeat = setTimeout(
      () => {
        beating = beat().then(
          () => {
            if (heartbeatFailing) log("assetline worker: the store answers again");
            heartbeatFailing = false;
          },
          (error: unknown) => {
            if (!heartbeatFailing) log(`assetline worker: heartbeat failed (${(error as Error).message}); retrying`);
            heartbeatFailing = true;
          },
        );
        void beating.then(() => !left && scheduleBeat());
      },
      Math.max(50, Math.floor(leaseMs / 5)),
    );
  };
  // Draining steps keep their lease: the heartbeat ends only once the runner has stopped.
  let left = false;
  scheduleBeat();

  const cancels = listenForCancels(
    location,
    abortRun,
    () => void abortCancelled().catch(() => {}),
    log,
    workerApplicationName(location),
  );

  const graphile = await loadGraphileWorker();
  const startRunner = async () => {
    const started = await startJobRunner({
      graphile,
      pool,
      storeSchema: location.schema,
      concurrency,
      queues: queues.map((queue) => (queue === DEFAULT_QUEUE ? null : queue)),
      task: (payload, helpers) => runStep(payload as StepJob, helpers.job.id),
      log,
      startMs: leaseMs,
    });
    // Known to the others at once, for the reaper (the heartbeat writes it too).
    await pool.query("UPDATE workers SET job_pool = $2 WHERE id = $1", [id, started.poolId ?? null]);
    // Made current here, not by a caller resuming later: by then it may have ended and been replaced.
    runner = started;
    void started.ended.then(() => {
      restarting = restartRunner(started);
    });
  };
  /**
   * A runner that stopped on its own (another schema's queue migrated on the same database: Graphile Worker cannot
   * tell whose) is started again, else this worker would beat on without taking work. Its own queue's migrations ran
   * at start, so the exit code Graphile Worker set for "breaking migration" is not this worker's.
   */
  const restartRunner = async (ended: JobRunner) => {
    if (stopping || runner !== ended) return;
    if (process.exitCode === GRAPHILE_BREAKING_MIGRATION_EXIT) process.exitCode = undefined;
    log(
      "assetline worker: Graphile Worker's runner stopped (a queue on this database was migrated); starting it again",
    );
    for (let backoff = 100; !stopping; backoff = Math.min(backoff * 2, MAX_BACKOFF_MS)) {
      try {
        await startRunner();
        return;
      } catch (error) {
        // A queue schema newer than this Graphile Worker (a newer Assetline migrated it) will not change by waiting.
        if (/breaking migration/.test((error as Error).message)) {
          failed(error as Error);
          return;
        }
        log(`assetline worker: restarting Graphile Worker failed (${(error as Error).message}); retrying`);
        await sleep(backoff);
      }
    }
  };
  let stopping: Promise<void> | undefined;
  let restarting: Promise<void> = Promise.resolve();
  let failed!: (error: Error) => void;
  const failure = new Promise<never>((_, reject) => {
    failed = reject;
  });
  failure.catch(() => {});
  const leave = async () => {
    left = true;
    clearTimeout(heartbeat);
    await beating;
    await cancels.close();
    await pool.query(`UPDATE workers SET stopped_at = ${NOW_MS} WHERE id = $1`, [id]).catch(() => {});
    await pool.end();
  };
  try {
    await startRunner();
  } catch (error) {
    await leave();
    throw error;
  }

  return {
    id,
    running: () => [...running.values()].map(({ step }) => step),
    failure,
    stop() {
      stopping ??= (async () => {
        await restarting;
        await runner?.stop();
        await leave();
      })();
      return stopping;
    },
  };
}

/** How the worker's connections show in `pg_stat_activity`: which store they serve. */
export function workerApplicationName(location: PostgresLocation): string {
  return `assetline worker ${location.schema}`.slice(0, 63);
}

function postgresLocation(url: string): PostgresLocation {
  const location = parseStoreLocation(url);
  if (location.kind !== "postgres") throw new Error(`a worker needs a postgres:// store, not the folder ${url}`);
  return location;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
