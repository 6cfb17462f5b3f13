/**
 * Whether a run marked running still has a live process, without trusting a pid (a zombie and a reused pid both answer
 * `kill(pid, 0)`). Two signals, both dying with the process:
 * - on the run's own machine, an OS lock the run's process holds on `running/<run id>.lock` in the store folder. The
 *   kernel drops a process's file locks when it exits, before anyone reaps it, so a zombie holds none; the answer is
 *   exact and immediate, and a step that blocks the event loop for minutes still holds its lock.
 * - from any other machine (a store folder shared over the network; later a PostgreSQL store), a heartbeat: the run's
 *   row carries the time of its last beat and the interval it promised. The run is dead once its heartbeat is older
 *   than `MISSED_BEATS` intervals.
 */
import Database from "better-sqlite3";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { heartbeatDeath, type RunningRow } from "./crashedRun";

export { MISSED_BEATS } from "./crashedRun";

/** How often a run's process writes its heartbeat unless `ASSETLINE_HEARTBEAT_MS` says otherwise. */
export const DEFAULT_HEARTBEAT_MS = 10_000;

/** The heartbeat interval of runs this process starts; a short one lets tests watch a timeout pass. */
export function heartbeatInterval(): number {
  const configured = Number(process.env.ASSETLINE_HEARTBEAT_MS);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_HEARTBEAT_MS;
}

const lockFile = (storeDir: string, runId: string) => join(storeDir, "running", `${runId}.lock`);

/**
 * The lock a run's process holds while the run is running. SQLite's file locking is the portable OS lock at hand
 * (fcntl on Unix, LockFileEx on Windows): an exclusive lock taken once and kept until the connection closes.
 */
export class RunLock {
  private constructor(
    private readonly db: Database.Database,
    private readonly file: string,
  ) {}

  static acquire(storeDir: string, runId: string): RunLock {
    const file = lockFile(storeDir, runId);
    mkdirSync(join(storeDir, "running"), { recursive: true });
    const db = new Database(file);
    // No journal file beside the lock: nothing is ever written (this SQLite build answers OFF with "delete").
    db.pragma("journal_mode = MEMORY");
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE; COMMIT");
    return new RunLock(db, file);
  }

  release(): void {
    this.db.close();
    rmSync(this.file, { force: true });
  }
}

/** True while some process holds the run's lock; a missing lock file means none does. */
function lockIsHeld(storeDir: string, runId: string): boolean {
  let db: Database.Database;
  try {
    db = new Database(lockFile(storeDir, runId), { readonly: true, fileMustExist: true, timeout: 0 });
  } catch {
    return false;
  }
  try {
    db.prepare("SELECT count(*) FROM sqlite_master").get();
    return false;
  } catch (error) {
    if (String((error as { code?: string }).code).startsWith("SQLITE_BUSY")) return true;
    throw error;
  } finally {
    db.close();
  }
}

/** Why the run's process is known to be gone, in words; undefined while it may still be alive. */
export function deathOf(run: RunningRow, storeDir: string, host: string, now: number): string | undefined {
  if (run.host === host) {
    return lockIsHeld(storeDir, run.id)
      ? undefined
      : `the run's process (pid ${run.pid}) ended without finishing the run`;
  }
  return heartbeatDeath(run, now);
}

/** Removes the lock file of a run found dead (its process can no longer do so). */
export function removeLock(storeDir: string, runId: string): void {
  rmSync(lockFile(storeDir, runId), { force: true });
}
