/**
 * `assetline worker`'s process: the queue's worker (`startWorker`) over the shared store, each attempt it claims run in
 * the step process of its run's bundle (never here: user code runs only in step processes), its events recorded as
 * `StepRecords` says, in the completion's transaction.
 */
import type { ClaimedStep } from "../queue";
import { startWorker } from "../queue";
import { openPostgres } from "../store/openStore";
import type { PgTransaction, PostgresLocation } from "../store/postgres/pgStore";
import { StepProcesses } from "./stepProcesses";
import { StepRecords } from "./stepRecords";

export interface WorkerProcessOptions {
  location: PostgresLocation;
  /** This machine's store folder: fetched bundles are kept under its `bundles/`. */
  storeDir: string;
  /** Where large values and Parquet tables go. */
  storage: string;
  concurrency: number;
  queues: string[];
  leaseMs?: number;
  /** The CLI's bundle, which a step process runs in its step-process mode. */
  cliPath: string;
  /** One line per attempt started and ended, and what went wrong. */
  log(line: string): void;
}

export interface WorkerProcess {
  id: string;
  /** Rejects when it can take no more steps on its own (an incompatible queue schema): stop it, then exit. */
  failure: Promise<never>;
  /** Takes no new step, lets the running ones finish and be recorded, then leaves. */
  stop(): Promise<void>;
}

export async function startWorkerProcess(options: WorkerProcessOptions): Promise<WorkerProcess> {
  const { log } = options;
  const store = await openPostgres(options.location);
  const children = new StepProcesses(options.cliPath, { storeDir: options.storeDir, storage: options.storage }, log);
  const records = new StepRecords((event) => {
    store
      .record(event)
      .catch((error: unknown) => log(`assetline worker: recording an event failed: ${message(error)}`));
  });
  const execute = async (step: ClaimedStep, signal: AbortSignal) => {
    const attempt = { runId: step.runId, stepId: step.stepId, attempt: step.attempt };
    const name = `run ${step.runId.slice(0, 8)} step ${step.stepId} attempt ${step.attempt}`;
    log(`${name} started`);
    const started = performance.now();
    const took = () => `${Math.round(performance.now() - started)} ms`;
    try {
      const queued = await store.queuedRun(step.runId);
      if (!queued) throw new Error(`run ${step.runId} has no queued plan: it was not started with --executor queue`);
      await children.run(queued.bundleHash, attempt, JSON.stringify(queued.plan), signal, (event) =>
        records.add(attempt, event),
      );
      log(`${name} succeeded in ${took()}`);
    } catch (error) {
      log(`${name} ${signal.aborted ? "cancelled" : "failed"} in ${took()}: ${message(error)}`);
      throw error;
    }
  };
  try {
    const worker = await startWorker<PgTransaction>({
      location: options.location,
      concurrency: options.concurrency,
      queues: options.queues,
      ...(options.leaseMs !== undefined && { leaseMs: options.leaseMs }),
      transaction: async (fn) => {
        let used: PgTransaction | undefined;
        const result = await store.transaction((tx) => {
          used = tx;
          return fn(tx);
        });
        if (used) records.committed(used);
        return result;
      },
      onCompleted: (tx, outcome, end) => records.completed(tx, outcome, end),
      onRunFinished: (tx, runId, finish) => records.runFinished(tx, runId, finish),
      execute,
      log,
    });
    return {
      id: worker.id,
      failure: worker.failure,
      async stop() {
        await worker.stop();
        children.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
