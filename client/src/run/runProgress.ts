/**
 * Folds the runner's events into what the editor shows: the progress message (`revenue_by_segment (3/7)`), how far
 * the bar has moved, which assets failed and how the run ended. Pure, so the notification's text is unit-tested.
 */
import { stepTitle } from "assetline/describe";
import type { RunEvent, RunStatus, StepError } from "assetline/protocol";

export interface StepFailure {
  stepId: string;
  assets: string[];
  error: StepError;
}

export interface RunProgress {
  runId: string | undefined;
  /** Steps in the plan. */
  total: number;
  /** Ids of the steps started so far, each once however often it is retried. */
  startedSteps: string[];
  /** Steps that ended (succeeded, failed or skipped). */
  ended: number;
  /** The assets of the step started last: what the status bar and the notification name. */
  current: string[];
  /** Each planned step's title (`stepTitle`), to prefix log lines (log events carry only the step id). */
  stepAssets: Record<string, string[]>;
  /** Partitions in the plan (a backfill's (asset, partition) pairs) and in its ended steps; 0 for no partitioned step. */
  partitionsTotal: number;
  partitionsEnded: number;
  /** The partitions of the step started last, e.g. `["2026-03-05"]`. */
  currentPartitions: string[];
  failures: StepFailure[];
  /** Assets materialized in this run, in order. */
  materialized: string[];
  status: RunStatus;
}

export const initialProgress: RunProgress = {
  runId: undefined,
  total: 0,
  startedSteps: [],
  ended: 0,
  current: [],
  stepAssets: {},
  partitionsTotal: 0,
  partitionsEnded: 0,
  currentPartitions: [],
  failures: [],
  materialized: [],
  status: "running",
};

export function reduceRunProgress(state: RunProgress, event: RunEvent): RunProgress {
  switch (event.type) {
    case "run_started":
      return {
        ...state,
        runId: event.runId,
        total: event.plan.length,
        stepAssets: Object.fromEntries(event.plan.map((step) => [step.id, [stepTitle(step)]])),
        partitionsTotal: event.plan.reduce((sum, step) => sum + (step.partitions?.length ?? 0), 0),
      };
    case "step_started":
      return {
        ...state,
        startedSteps: state.startedSteps.includes(event.stepId)
          ? state.startedSteps
          : [...state.startedSteps, event.stepId],
        current: [stepTitle(event)],
        currentPartitions: event.partitions ?? [],
      };
    case "step_succeeded":
    case "step_skipped":
      return {
        ...state,
        ended: state.ended + 1,
        partitionsEnded: state.partitionsEnded + (event.partitions?.length ?? 0),
      };
    case "step_failed":
      return {
        ...state,
        ended: state.ended + 1,
        partitionsEnded: state.partitionsEnded + (event.partitions?.length ?? 0),
        failures: [...state.failures, { stepId: event.stepId, assets: event.assets, error: event.error }],
      };
    case "materialization":
      return { ...state, materialized: [...state.materialized, event.materialization.key] };
    case "run_finished":
      return { ...state, status: event.status, current: [] };
    case "step_retrying":
    case "log":
    case "check_evaluated":
      return state;
  }
}

/** A step's name as users know it: its asset keys, and its partitions (`bronze_orders [2026-03-05]`, a range `[a…b]`). */
export function stepLabel(assets: string[], partitions: readonly string[] = []): string {
  const shown = partitions.length > 1 ? `${partitions[0]}…${partitions.at(-1)}` : partitions[0];
  return shown === undefined ? assets.join(", ") : `${assets.join(", ")} [${shown}]`;
}

/**
 * The notification's message: the step started last and its place in the plan, e.g. `revenue_by_segment (3/7)`; a
 * backfill counts partitions instead of steps (a single-run step holds many): `bronze_orders [2026-03-05] · 12 of 31 partitions`.
 */
export function progressMessage(state: RunProgress): string {
  if (state.runId === undefined) return "starting…";
  const partitions = state.partitionsTotal > 0;
  const done = partitions
    ? `${state.partitionsEnded} of ${state.partitionsTotal} partition${state.partitionsTotal === 1 ? "" : "s"}`
    : `${state.ended}/${state.total}`;
  if (state.status !== "running") return partitions ? `${state.status} · ${done}` : `${state.status} (${done})`;
  if (state.current.length === 0)
    return partitions
      ? `planned ${state.partitionsTotal} partition${state.partitionsTotal === 1 ? "" : "s"}`
      : `planned ${state.total} step${state.total === 1 ? "" : "s"}`;
  const step = stepLabel(state.current, state.currentPartitions);
  return partitions ? `${step} · ${done}` : `${step} (${state.startedSteps.length}/${state.total})`;
}

/** How far the bar should be, 0–100, from the partitions (or else the steps) that ended. */
export function progressPercent(state: RunProgress): number {
  if (state.partitionsTotal > 0) return Math.round((100 * state.partitionsEnded) / state.partitionsTotal);
  return state.total === 0 ? 0 : Math.round((100 * state.ended) / state.total);
}
