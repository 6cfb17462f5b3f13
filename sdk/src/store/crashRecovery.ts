import type Database from "better-sqlite3";
import { hostname } from "node:os";
import type { RunEvent } from "../protocol";
import { crashRecord, type RunningRow } from "./crashedRun";
import { deathOf, removeLock } from "./runLiveness";

interface CrashedRun {
  id: string;
  /** Why its process is known to be gone. */
  cause: string;
}

/** Runs still marked running whose process is gone: killed (`kill -9`, a crash, a power cut), a zombie included. */
export function crashedRuns(db: Database.Database, storeDir: string): CrashedRun[] {
  const running = db
    // A queued run's liveness is its workers' (the queue's reaper): its launcher may have left long ago.
    .prepare(
      "SELECT id, pid, host, heartbeat_at, heartbeat_ms FROM runs WHERE status = 'running' AND executor != 'queue'",
    )
    .all() as RunningRow[];
  const host = hostname();
  const now = Date.now();
  return running.flatMap((run) => {
    const cause = deathOf(run, storeDir, host, now);
    return cause === undefined ? [] : [{ id: run.id, cause }];
  });
}

/** The events the run's process recorded, oldest first. */
function recordedEvents(db: Database.Database, runId: string): RunEvent[] {
  const rows = db.prepare("SELECT body FROM events WHERE run_id = ? ORDER BY id").all(runId) as { body: string }[];
  return rows.flatMap((row) => JSON.parse(row.body) as RunEvent[]);
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
      const { events, failures } = crashRecord(run.id, run.cause, now, recordedEvents(db, run.id));
      for (const failure of failures) fail.run(...failure);
      insert.run(run.id, JSON.stringify(events));
      removeLock(storeDir, run.id);
    }
  }).immediate();
}
