import type { IOManager } from "../io/ioManager";
import type { RunEvent } from "../protocol";

/** What a run needs from its surroundings: the CLI gives it a store-backed IO manager, `materialize()` an in-memory one. */
export interface RunEnvironment {
  runId: string;
  io: IOManager;
  emit(event: RunEvent): void;
  /** The code version recorded with a key's materialization. */
  codeVersion(key: string): string;
  /** The newest data version of each key: seeded from the store, updated as this run materializes. */
  dataVersions: Map<string, string>;
  /** Fires when the run is cancelled. */
  signal: AbortSignal;
}
