import type Database from "better-sqlite3";
import { hostname } from "node:os";
import type { RunEvent } from "../protocol";
import { deathOf, removeLock, type RunningRow } from "./runLiveness";

interface CrashedRun {
  id: string;
  /** Why its process is known to be gone. */
  cause: string;
}

/** Runs still marked running whose process is gone: killed (`kill -9`, a crash, a power cut), a zombie included. */
export function crashedRuns(db: Database.Database, storeDir: string): CrashedRun[] {
  const running = db
    .prepare("SELECT id, pid, host, heartbeat_at, heartbeat_ms FROM runs WHERE status = 'running'")
    .all() as RunningRow[];
  const host = hostname();
  const now = Date.now();
  return running.flatMap((run) => {
    const cause = deathOf(run, storeDir, host, now);
    return cause === undefined ? [] : [{ id: run.id, cause }];
  });
}

interface OpenStep {
  assets: string[];
  /** Absent for an unpartitioned step. */
  partitions?: string[];
}

/** Steps the run's process started and never ended (as far as it recorded): they died with it. */
function unfinishedSteps(db: Database.Database, runId: string): Map<string, OpenStep> {
  const open = new Map<string, OpenStep>();
  const rows = db.prepare("SELECT body FROM events WHERE run_id = ? ORDER BY id").all(runId) as { body: string }[];
  for (const row of rows) {
    for (const event of JSON.parse(row.body) as RunEvent[]) {
      if (event.type === "step_started")
        open.set(event.stepId, { assets: event.assets, ...(event.partitions && { partitions: event.partitions }) });
      else if (event.type === "step_succeeded" || event.type === "step_failed" || event.type === "step_skipped")
        open.delete(event.stepId);
    }
  }
  return open;
}

/**
 * Marks crashed runs failed, with a log line that says why, inside one write transaction: a run's process records its
 * end before it lets go of its lock, so a run seen dead here cannot finish meanwhile.
 */
export function recoverCrashedRuns(db: Database.Database, storeDir: string): void {
  db.transaction(() => {
    const now = Date.now();
    const finish = db.prepare("UPDATE runs SET status = 'failed', ended_at = ? WHERE id = ? AND status = 'running'");
    const insert = db.prepare("INSERT INTO events (run_id, body) VALUES (?, ?)");
    const fail = db.prepare("INSERT INTO failures (key, run_id, timestamp, error, partition) VALUES (?, ?, ?, ?, ?)");
    for (const run of crashedRuns(db, storeDir)) {
      if (finish.run(now, run.id).changes === 0) continue;
      const events: RunEvent[] = [
        {
          type: "log",
          runId: run.id,
          stepId: "",
          level: "error",
          message: `${run.cause}; marked failed`,
          timestamp: now,
        },
      ];
      // Its assets (and partitions) failed as a step that throws fails them: `status`, lenses and --stale then say so.
      const died = unfinishedSteps(db, run.id);
      for (const [stepId, step] of died) {
        const error = { message: `this step never finished: ${run.cause}` };
        events.push({ type: "step_failed", runId: run.id, stepId, ...step, error, timestamp: now });
        for (const key of step.assets)
          for (const partition of step.partitions ?? [null]) fail.run(key, run.id, now, error.message, partition);
      }
      events.push({
        type: "run_finished",
        runId: run.id,
        status: "failed",
        durationMs: 0,
        succeeded: 0,
        failed: died.size,
        skipped: 0,
        timestamp: now,
      });
      insert.run(run.id, JSON.stringify(events));
      removeLock(storeDir, run.id);
    }
  }).immediate();
}
