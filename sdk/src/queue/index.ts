/** The queued executor's parts: what `materialize --executor queue`, `assetline worker` and `assetline workers` use. */
export { bundleHash, getBundle, putBundle } from "./bundles";
export { CANCEL_CHANNEL, cancelRun } from "./cancelRun";
export { type Claim, type ClaimedStep, claimStep } from "./claimStep";
export { type Completion, type CompletionRecorder, completeStep, type StepEnd, type StepOutcome } from "./completeStep";
export { enqueueRun, type PlannedStep, type RunPlan } from "./enqueueRun";
export { hasQueue } from "./hasQueue";
export { listWorkers, type WorkerInfo } from "./listWorkers";
export { type StepAttempt, stepAttempts } from "./stepAttempts";
export { migrateQueue } from "./migrateQueue";
export { clearPoolLimit, type PoolLimit, poolLimits, setPoolLimit } from "./poolLimits";
export { QUEUE_MIGRATIONS } from "./queueMigrations";
export { inTransaction, openQueuePool } from "./queuePool";
export type { QueueTx, StepJob } from "./queueTx";
export { type Reaped, reapLostWorkers } from "./reapLostWorkers";
export type { RunFinish, SkippedStep } from "./runProgress";
export { DEFAULT_LEASE_MS, DEFAULT_QUEUE, type QueueWorker, startWorker, type WorkerOptions } from "./startWorker";
