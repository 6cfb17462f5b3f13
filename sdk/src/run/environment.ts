import type { CommittedValue, IOManager } from "../io/ioManager";
import type { RunEvent } from "../protocol";

/** What a run needs from its surroundings: the CLI gives it a store-backed IO manager, `materialize()` an in-memory one. */
export interface RunEnvironment {
  runId: string;
  io: IOManager;
  emit(event: RunEvent): void;
  /** The code version recorded with a key's materialization. */
  codeVersion(key: string): string;
  /**
   * The latest committed materialization of a key this run did not materialize, read when a step needs it: a
   * downstream loads the value that record points to and records that record's data version.
   */
  committed(key: string): CommittedValue | undefined;
  /** What this run materialized, by key: its later steps load these, not a newer value another run stored meanwhile. */
  produced: Map<string, CommittedValue>;
  /** Fires when the run is cancelled. */
  signal: AbortSignal;
}
