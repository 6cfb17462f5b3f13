/**
 * The run store behind a small interface: the runner records the event stream, status and the CLI read it back.
 * The SQLite implementation is the embedded default; a PostgreSQL one can come later behind the same interface.
 */
import type { CommittedValue } from "../io/ioManager";
import type { LiveValue } from "../io/sweepStorage";
import type { Materialization, RunEvent, RunOrigin, RunSummary } from "../protocol";

export interface NewRun {
  id: string;
  selection: string;
  origin: RunOrigin;
  startedAt: number;
}

export interface StoredFailure {
  runId: string;
  timestamp: number;
  error: string;
}

export interface StoreReader {
  /** The newest materialization of each key (all keys when `keys` is absent). */
  latestMaterializations(keys?: Iterable<string>): Map<string, Materialization>;
  /** The newest failure of each key, ignoring runs that were cancelled. */
  latestFailures(): Map<string, StoredFailure>;
  /** Newest first. */
  runs(limit: number): RunSummary[];
  run(runId: string): RunSummary | undefined;
  /** Ids of runs that start with `prefix` (at most `limit`), so a command can take a short id as git does. */
  runIdsStartingWith(prefix: string, limit: number): string[];
  events(runId: string): RunEvent[];
  close(): void;
}

export interface Store extends StoreReader {
  startRun(run: NewRun): void;
  /** Records one event of a run; `materialization`, `step_failed` and `run_finished` also update their tables. */
  record(event: RunEvent): void;
  /** Forgets these keys' materializations and failures (their values go with the next collectGarbage); returns how many keys had materializations. */
  wipe(keys: string[] | "all"): number;
  /** The newest committed materialization of `key` that another run recorded, read at the moment it is asked for. */
  committedValue(key: string): CommittedValue | undefined;
  /**
   * Deletes stored values no latest record points to (`sweepFiles` deletes the files among them), unless a run is
   * running: its values may not be recorded yet. Returns whether it collected.
   */
  collectGarbage(sweepFiles: (live: LiveValue[]) => void): boolean;
  /** Writes what is buffered; records are batched into few transactions. */
  flush(): void;
}
