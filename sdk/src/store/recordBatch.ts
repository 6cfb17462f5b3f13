/**
 * What a store buffers between writes, shared by the SQLite and the PostgreSQL store so both turn an event into the
 * same rows and commit at the same moments.
 */
import type { CheckEvaluation, Materialization, RunEvent, RunStatus } from "../protocol";
import type { FailureTuple } from "./crashedRun";

/**
 * Records are written in batches: one transaction per this many, or after this long, whichever comes first.
 * A 10,000-step run then costs a few dozen transactions instead of 50,000 (each ~25 µs with synchronous=NORMAL).
 */
export const BATCH_SIZE = 1000;
export const BATCH_DELAY_MS = 25;

/** What is buffered until the next flush; values are keyed by hash so a read can be answered before the flush. */
export interface Pending {
  events: Map<string, RunEvent[]>;
  materializations: Materialization[];
  failures: FailureTuple[];
  evaluations: CheckEvaluation[];
  finishedRuns: [status: RunStatus, endedAt: number, runId: string][];
  values: Map<string, Buffer>;
  size: number;
}

export const emptyPending = (): Pending => ({
  events: new Map(),
  materializations: [],
  failures: [],
  evaluations: [],
  finishedRuns: [],
  values: new Map(),
  size: 0,
});

/** Adds the event and the rows it implies; true when it must be committed at once (a run's end). */
export function addEvent(pending: Pending, event: RunEvent): boolean {
  const events = pending.events.get(event.runId);
  if (events) events.push(event);
  else pending.events.set(event.runId, [event]);
  if (event.type === "materialization") pending.materializations.push(event.materialization);
  else if (event.type === "step_failed") {
    // A partitioned step (a range, for a single-run backfill) failed each of its partitions.
    for (const key of event.assets)
      for (const partition of event.partitions ?? [null])
        pending.failures.push([key, event.runId, event.timestamp, event.error.message, partition]);
  } else if (event.type === "check_evaluated") pending.evaluations.push(event.evaluation);
  else if (event.type === "run_finished") pending.finishedRuns.push([event.status, event.timestamp, event.runId]);
  pending.size++;
  return event.type === "run_finished";
}

/** A materializations row's values, in the order of its INSERT in either store (value_ref and partition last). */
export function materializationValues(m: Materialization) {
  return [
    m.key,
    m.runId,
    m.timestamp,
    m.durationMs,
    JSON.stringify(m.metadata),
    m.codeVersion,
    m.dataVersion,
    JSON.stringify(m.upstreamDataVersions),
    m.valueRef ?? null,
    m.partition ?? null,
  ] as const;
}
