/**
 * One Graphile Worker runner serving the step task. Graphile Worker caches its first look-up of the task ids, failed
 * or not: a connection dropped at that moment (a server restart) leaves the runner failing every fetch for good,
 * while a look-up that succeeded once is never made again. So a runner counts as started only once a fetch has
 * reached the queue, and one whose fetches all fail for `startMs` is refused.
 */
import { EventEmitter } from "node:events";
import type { Pool } from "pg";
import type { GraphileWorkerModule } from "./loadGraphileWorker";
import { quietLogger } from "./migrateQueue";
import { stepTask, workerSchema } from "./queueTx";

export interface JobRunner {
  /** The id Graphile Worker locks this runner's jobs with: the reaper unlocks them by it. */
  poolId: string | undefined;
  /** Takes no new job and waits for the running ones. */
  stop(): Promise<void>;
  /**
   * Settles when the runner has stopped, also on its own: Graphile Worker shuts a runner down when it hears any
   * schema's breaking migration on the database (its `worker:migrate` channel is database-wide), e.g. another store's
   * queue created beside this one.
   */
  ended: Promise<void>;
}

export interface JobRunnerOptions {
  graphile: GraphileWorkerModule;
  pool: Pool;
  storeSchema: string;
  concurrency: number;
  /** The queues served, `null` for the default one. */
  queues: readonly (string | null)[];
  task: (payload: unknown, helpers: { job: { id: string } }) => Promise<void>;
  log: (line: string) => void;
  /** How long fetches may fail before the runner is given up. */
  startMs: number;
}

/** Resolves once the runner takes work; rejects (the runner stopped) when its fetches failed for `startMs`. */
export async function startJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const events = new EventEmitter();
  const state: JobRunner = { poolId: undefined, stop: async () => {}, ended: Promise.resolve() };
  let failingSince: number | undefined;
  let lastError = "";
  let fetched!: () => void;
  let failed!: (error: Error) => void;
  const fetching = new Promise<void>((resolve, reject) => {
    fetched = resolve;
    failed = reject;
  });
  events.on("pool:create", ({ workerPool }: { workerPool: { id: string } }) => {
    state.poolId = workerPool.id;
  });
  events.on("worker:getJob:empty", () => fetched());
  events.on("job:start", () => fetched());
  events.on("worker:getJob:error", ({ error }: { error: Error }) => {
    failingSince ??= Date.now();
    lastError = error.message;
    if (Date.now() - failingSince > options.startMs)
      failed(
        new Error(
          `Graphile Worker could not fetch a job for ${options.startMs} ms (${lastError}): start the worker again`,
        ),
      );
  });
  const runner = await options.graphile.run({
    pgPool: options.pool,
    schema: workerSchema(options.storeSchema),
    concurrency: options.concurrency,
    noHandleSignals: true,
    pollInterval: 1_000,
    logger: quietLogger(options.graphile, options.log),
    events,
    taskList: Object.fromEntries(options.queues.map((queue) => [stepTask(queue), options.task])),
  });
  state.stop = () => runner.stop();
  state.ended = runner.promise.catch(() => {});
  let stoppedEarly: boolean;
  try {
    // A runner shut down before its first fetch (another migration heard meanwhile) would never fetch.
    stoppedEarly = await Promise.race([fetching.then(() => false), state.ended.then(() => true)]);
  } catch (error) {
    await runner.stop();
    throw error;
  }
  if (stoppedEarly) throw new Error("Graphile Worker's runner stopped as it started");
  return state;
}
