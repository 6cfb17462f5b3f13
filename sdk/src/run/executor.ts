import type { PlannedStep, RunStatus, StepError } from "../protocol";
import type { RunEnvironment } from "./environment";
import { BlockingCheckFailed, executeCheck } from "./executeCheck";
import { executeStep } from "./executeStep";
import { type ExecutionStep, isCheckStep, plannedSteps } from "./plan";
import { toStepError } from "./stepError";
import { Cancellation, CancelledError } from "./cancellation";

export interface RunResult {
  runId: string;
  status: Exclude<RunStatus, "running">;
  succeeded: number;
  failed: number;
  skipped: number;
  durationMs: number;
}

export interface RunPlanOptions {
  steps: ExecutionStep[];
  /** The selection as the user wrote it, recorded with the run. */
  selection: string;
  /** How many steps may run at once (at least one). */
  concurrency: number;
  env: RunEnvironment;
  /** Said once, as run-level warning logs, right after the run starts. */
  warnings?: string[];
  /** Steps skipped, with their reasons, before any step starts (`check-assets`: a value never materialized). */
  skipped?: ReadonlyMap<string, string>;
}

/** The fields every step event carries: its partitions too, so the store records per-partition failures. */
export function stepFields(runId: string, step: PlannedStep) {
  return {
    runId,
    stepId: step.id,
    assets: step.assets,
    ...(step.partitions && { partitions: step.partitions }),
    ...(step.checks && { checks: step.checks }),
  };
}

/** How a skip reason names an upstream step: its assets, with the partitions when it has some (its id). */
function upstreamLabel(step: ExecutionStep): string {
  return step.partitions || isCheckStep(step) ? step.id : step.assets.join(", ");
}

/**
 * Runs the steps in dependency order, up to `concurrency` at once, all in this process (a backfill of 1,000
 * partitions is 1,000 steps of one run, never 1,000 processes). A failed step (after its retries) skips everything
 * downstream of it with the reason (for a partition: only the steps that read it); unrelated steps still run.
 * Cancellation stops starting steps and tells running ones; what finished stays recorded.
 */
export async function runPlan({
  steps,
  selection,
  concurrency,
  env: given,
  warnings = [],
  skipped: skippedFirst,
}: RunPlanOptions): Promise<RunResult> {
  // Everything the run emits passes the redactor: no resolved secret reaches the store, the logs or the metadata.
  const env: RunEnvironment = { ...given, emit: (event) => given.emit(given.resources.redactor.redact(event)) };
  const { runId, emit, signal } = env;
  // Ends the run's listeners on `signal`, which the caller may share between runs.
  const runEnded = new AbortController();
  const cancellation = new Cancellation(signal, runEnded.signal);
  const limit = Math.max(1, Math.floor(concurrency) || 1);
  const started = performance.now();
  emit({
    type: "run_started",
    runId,
    selection,
    plan: plannedSteps(steps),
    timestamp: Date.now(),
    ...(env.config && Object.keys(env.config).length > 0 && { config: { ...env.config } }),
  });
  for (const message of warnings)
    emit({ type: "log", runId, stepId: "", level: "warning", message, timestamp: Date.now() });

  const byId = new Map(steps.map((step) => [step.id, step]));
  const waitingOn = new Map(steps.map((step) => [step.id, step.dependsOn.length]));
  const dependents = new Map<string, string[]>(steps.map((step) => [step.id, []]));
  for (const step of steps) for (const id of step.dependsOn) dependents.get(id)!.push(step.id);

  // A queue with a moving head: shifting an array of thousands of ready partitions would be quadratic.
  const ready: ExecutionStep[] = steps.filter((step) => step.dependsOn.length === 0 && !skippedFirst?.has(step.id));
  let head = 0;
  const done = new Set<string>();
  let running = 0;
  let succeeded = 0;
  let failed = 0;
  let skipped = 0;

  /** Skips the step and everything downstream of it, each with its reason; iterative for long chains. */
  const skip = (first: ExecutionStep, firstReason: string) => {
    const queue: [ExecutionStep, string][] = [[first, firstReason]];
    for (let i = 0; i < queue.length; i++) {
      const [step, reason] = queue[i]!;
      if (done.has(step.id)) continue;
      done.add(step.id);
      skipped++;
      emit({ type: "step_skipped", ...stepFields(runId, step), reason, timestamp: Date.now() });
      for (const id of dependents.get(step.id)!)
        queue.push([byId.get(id)!, `upstream ${upstreamLabel(step)} was skipped`]);
    }
  };

  /**
   * The step's attempts until one succeeds (its duration is the step's) or the retries are spent; a check step has
   * one. A failure says why its dependents are skipped.
   */
  const attemptStep = async (
    step: ExecutionStep,
  ): Promise<{ durationMs: number } | { error: StepError; reason: string }> => {
    if (isCheckStep(step)) {
      emit({ type: "step_started", ...stepFields(runId, step), attempt: 0, timestamp: Date.now() });
      try {
        return { durationMs: await cancellation.race(executeCheck(step, env, signal)) };
      } catch (thrown) {
        if (thrown instanceof BlockingCheckFailed) return { error: thrown.error, reason: thrown.reason };
        return { error: toStepError(thrown), reason: `upstream ${upstreamLabel(step)} failed` };
      }
    }
    const failedReason = `upstream ${upstreamLabel(step)} failed`;
    const policy = step.definition.retryPolicy;
    const maxRetries = Math.max(0, policy?.maxRetries ?? 0);
    for (let attempt = 0; ; attempt++) {
      emit({ type: "step_started", ...stepFields(runId, step), attempt, timestamp: Date.now() });
      try {
        return { durationMs: await cancellation.race(executeStep(step, attempt, env, signal)) };
      } catch (thrown) {
        const error = toStepError(thrown);
        if (thrown instanceof CancelledError || attempt >= maxRetries || signal.aborted)
          return { error, reason: failedReason };
        const delayMs = policy?.delayMs ?? 0;
        emit({
          type: "step_retrying",
          ...stepFields(runId, step),
          attempt: attempt + 1,
          delayMs,
          error,
          timestamp: Date.now(),
        });
        try {
          await cancellation.sleep(delayMs);
        } catch (cancelled) {
          return { error: toStepError(cancelled), reason: failedReason };
        }
      }
    }
  };

  await new Promise<void>((resolveRun) => {
    const finishIfIdle = () => {
      if (running === 0 && (head === ready.length || signal.aborted)) resolveRun();
    };
    const pump = () => {
      while (!signal.aborted && running < limit && head < ready.length) launch(ready[head++]!);
      finishIfIdle();
    };
    const launch = (step: ExecutionStep) => {
      running++;
      void attemptStep(step).then((attempted) => {
        running--;
        done.add(step.id);
        if ("durationMs" in attempted) {
          succeeded++;
          emit({
            type: "step_succeeded",
            ...stepFields(runId, step),
            durationMs: attempted.durationMs,
            timestamp: Date.now(),
          });
          for (const id of dependents.get(step.id)!) {
            const left = waitingOn.get(id)! - 1;
            waitingOn.set(id, left);
            if (left === 0 && !done.has(id)) ready.push(byId.get(id)!);
          }
        } else {
          failed++;
          const { error, reason } = attempted;
          emit({ type: "step_failed", ...stepFields(runId, step), error, timestamp: Date.now() });
          for (const id of dependents.get(step.id)!) skip(byId.get(id)!, reason);
        }
        pump();
      });
    };
    signal.addEventListener("abort", finishIfIdle, { once: true, signal: runEnded.signal });
    for (const [id, reason] of skippedFirst ?? []) skip(byId.get(id)!, reason);
    pump();
  });
  runEnded.abort();

  if (signal.aborted) for (const step of steps) skip(step, "the run was cancelled before this step started");
  for (const message of await env.resources.teardown())
    emit({ type: "log", runId, stepId: "", level: "warning", message, timestamp: Date.now() });
  const status = signal.aborted ? "cancelled" : failed > 0 ? "failed" : "success";
  const durationMs = performance.now() - started;
  emit({ type: "run_finished", runId, status, durationMs, succeeded, failed, skipped, timestamp: Date.now() });
  return { runId, status, succeeded, failed, skipped, durationMs };
}
