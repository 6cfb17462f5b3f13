/**
 * Follows a queued run from any machine: its events as the workers record them, read from the store, until its
 * `run_finished`. The launching CLI is only a reader: killed, it leaves the run to its workers; Ctrl-C cancels it.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { PlannedStep, RunEvent } from "../protocol";
import { cancelRun, type RunFinish, type SkippedStep } from "../queue";
import type { PostgresStore } from "../store/postgres/pgStore";
import { stepFields } from "./executor";

/** How often the store is asked for new events: a person watching sees a step's end within this. */
export const FOLLOW_POLL_MS = 250;

export type RunFinished = Extract<RunEvent, { type: "run_finished" }>;

export interface FollowOptions {
  /** Aborted (Ctrl-C): the run is cancelled and followed until it ends cancelled. */
  signal: AbortSignal;
  onEvent(event: RunEvent): void;
  pollMs?: number;
}

export async function followQueuedRun(
  store: PostgresStore,
  runId: string,
  { signal, onEvent, pollMs = FOLLOW_POLL_MS }: FollowOptions,
): Promise<RunFinished> {
  // Workers commit concurrently, so a row with a lower id can appear after one with a higher id: each event is
  // printed once, when first seen, rather than counted by position (two equal events, as twice the same log line in
  // one millisecond, are printed twice).
  const printed = new Map<string, number>();
  let cancelled = false;
  for (;;) {
    const events = await store.events(runId);
    if (signal.aborted && !cancelled) {
      cancelled = true;
      await cancelQueuedRun(store, runId, events);
      continue;
    }
    const seen = new Map<string, number>();
    for (const event of events) {
      const id = JSON.stringify(event);
      const nth = (seen.get(id) ?? 0) + 1;
      seen.set(id, nth);
      if (nth <= (printed.get(id) ?? 0)) continue;
      printed.set(id, nth);
      onEvent(event);
      if (event.type === "run_finished") return event;
    }
    // Ctrl-C wakes the wait, so the cancel is not a poll late.
    await sleep(pollMs, undefined, cancelled ? {} : { signal }).catch(() => {});
  }
}

/**
 * Cancels the run with the queue (`cancelRun`: workers stop its running steps) and records, in the same transaction,
 * the skips of its steps not yet started and, when none was running, its end.
 */
async function cancelQueuedRun(store: PostgresStore, runId: string, events: readonly RunEvent[]): Promise<void> {
  const started = events.find((event) => event.type === "run_started");
  if (!started) return;
  await store.transaction(async (tx) => {
    const cancel = await cancelRun(tx, runId);
    if (cancel) await tx.record(queuedRunEnd(runId, started.plan, started.timestamp, cancel.skipped, cancel.finished));
  });
}

/**
 * The events of what the queue decided in one transaction: steps skipped (with the local runner's reasons) and, when
 * it was the last word, the run's end, as a local run records them.
 */
export function queuedRunEnd(
  runId: string,
  plan: readonly PlannedStep[],
  startedAt: number,
  skipped: readonly SkippedStep[],
  finished: RunFinish | undefined,
): RunEvent[] {
  const byId = new Map(plan.map((step) => [step.id, step]));
  const now = Date.now();
  const events: RunEvent[] = skipped.flatMap(({ stepId, reason }) => {
    const step = byId.get(stepId);
    return step ? [{ type: "step_skipped", ...stepFields(runId, step), reason, timestamp: now }] : [];
  });
  if (finished) events.push({ type: "run_finished", runId, ...finished, durationMs: now - startedAt, timestamp: now });
  return events;
}
