import type Database from "better-sqlite3";
import { hostname } from "node:os";
import type { RunEvent } from "../protocol";

/** Signal 0 checks that a process exists without touching it; EPERM means it exists but belongs to someone else. */
function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

interface RunningRun {
  id: string;
  pid: number;
  host: string;
}

/** Runs still marked running whose process is gone on this machine: killed (`kill -9`, a crash, a power cut). */
export function crashedRuns(db: Database.Database): RunningRun[] {
  const running = db.prepare("SELECT id, pid, host FROM runs WHERE status = 'running'").all() as RunningRun[];
  const host = hostname();
  return running.filter((run) => run.host === host && !processIsAlive(run.pid));
}

/** Marks crashed runs failed, with a log line that says why, inside one write transaction. */
export function recoverCrashedRuns(db: Database.Database): void {
  db.transaction(() => {
    const now = Date.now();
    const finish = db.prepare("UPDATE runs SET status = 'failed', ended_at = ? WHERE id = ? AND status = 'running'");
    const insert = db.prepare("INSERT INTO events (run_id, body) VALUES (?, ?)");
    for (const run of crashedRuns(db)) {
      if (finish.run(now, run.id).changes === 0) continue;
      const events: RunEvent[] = [
        {
          type: "log",
          runId: run.id,
          stepId: "",
          level: "error",
          message: `the run's process (pid ${run.pid}) ended without finishing the run; marked failed`,
          timestamp: now,
        },
        {
          type: "run_finished",
          runId: run.id,
          status: "failed",
          durationMs: 0,
          succeeded: 0,
          failed: 0,
          skipped: 0,
          timestamp: now,
        },
      ];
      insert.run(run.id, JSON.stringify(events));
    }
  }).immediate();
}
