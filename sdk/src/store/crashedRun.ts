/**
 * What makes a run crashed and how its crash is recorded, without the database: the SQLite store (store folder locks,
 * heartbeats from other machines) and the PostgreSQL store (heartbeats only) write the same events and failures.
 */
import type { RunEvent } from "../protocol";

/** A run whose heartbeat is older than this many of its own intervals is dead (30 s by default). */
export const MISSED_BEATS = 3;

export interface RunningRow {
  id: string;
  pid: number;
  host: string;
  heartbeat_at: number;
  heartbeat_ms: number;
}

/** Why a run is known dead by its heartbeat alone, in words; undefined while it may still be alive. */
export function heartbeatDeath(run: RunningRow, now: number): string | undefined {
  const silentMs = now - run.heartbeat_at;
  if (silentMs <= MISSED_BEATS * run.heartbeat_ms) return undefined;
  return `the run's process (pid ${run.pid} on ${run.host}) sent no heartbeat for ${Math.round(silentMs / 1000)} s (more than ${MISSED_BEATS} of its ${run.heartbeat_ms} ms intervals)`;
}

interface OpenStep {
  assets: string[];
  /** Absent for an unpartitioned step. */
  partitions?: string[];
}

/** Steps the run's process started and never ended (as far as it recorded): they died with it. */
function unfinishedSteps(recorded: readonly RunEvent[]): Map<string, OpenStep> {
  const open = new Map<string, OpenStep>();
  for (const event of recorded) {
    if (event.type === "step_started")
      open.set(event.stepId, { assets: event.assets, ...(event.partitions && { partitions: event.partitions }) });
    else if (event.type === "step_succeeded" || event.type === "step_failed" || event.type === "step_skipped")
      open.delete(event.stepId);
  }
  return open;
}

/** key, run_id, timestamp, error, partition: a failures row. */
export type FailureTuple = [key: string, runId: string, timestamp: number, error: string, partition: string | null];

/**
 * The events that end a crashed run (a log line saying why, a step_failed per unfinished step, run_finished) and the
 * failures of its unfinished steps' assets (and partitions), as a step that throws fails them.
 */
export function crashRecord(
  runId: string,
  cause: string,
  now: number,
  recorded: readonly RunEvent[],
): { events: RunEvent[]; failures: FailureTuple[] } {
  const events: RunEvent[] = [
    { type: "log", runId, stepId: "", level: "error", message: `${cause}; marked failed`, timestamp: now },
  ];
  const failures: FailureTuple[] = [];
  const died = unfinishedSteps(recorded);
  for (const [stepId, step] of died) {
    const error = { message: `this step never finished: ${cause}` };
    events.push({ type: "step_failed", runId, stepId, ...step, error, timestamp: now });
    for (const key of step.assets)
      for (const partition of step.partitions ?? [null]) failures.push([key, runId, now, error.message, partition]);
  }
  events.push({
    type: "run_finished",
    runId,
    status: "failed",
    durationMs: 0,
    succeeded: 0,
    failed: died.size,
    skipped: 0,
    timestamp: now,
  });
  return { events, failures };
}
