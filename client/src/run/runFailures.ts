/**
 * What each event of one run changes among the failure diagnostics: which failures it records and which it clears.
 * Kept free of vscode so tests can feed it a run's events.
 */
import type { RunEvent } from "assetline/protocol";
import {
  assetFailed,
  assetNotMaterialized,
  checkFailed,
  type Definition,
  failureId,
  type RecordedFailure,
} from "./failurePlacement";

export interface FailureChanges {
  record: RecordedFailure[];
  /** Failure ids (see failureId). */
  clear: string[];
}

/** The graph's definitions now, by key; undefined when the graph has no such asset or check. */
export interface Definitions {
  asset(key: string): Definition | undefined;
  check(key: string): Definition | undefined;
}

const BLOCKED = "blocked by check ";

export class RunFailures {
  /** Check step id → the check whose blocking failure fails it: the first such evaluation, as the runner's error names. */
  private readonly blockedBy = new Map<string, string>();

  constructor(private readonly definitions: Definitions) {}

  changes(event: RunEvent): FailureChanges {
    const none: FailureChanges = { record: [], clear: [] };
    switch (event.type) {
      case "materialization":
        return { ...none, clear: [event.materialization.key] };
      case "check_evaluated": {
        const { checkKey, partition, passed, blocking, severity } = event.evaluation;
        if (!passed && blocking && severity === "error" && !this.blockedBy.has(event.stepId))
          this.blockedBy.set(event.stepId, checkKey);
        // A blocking failure fails the step next, which records it again with the step's error.
        return { ...none, clear: [failureId({ key: checkKey, partition })] };
      }
      case "step_failed": {
        const { runId, error } = event;
        const record = this.onAssets(event.assets, (key, at) => assetFailed(key, runId, error, at));
        const check = this.blockedBy.get(event.stepId);
        const at = check === undefined ? undefined : this.definitions.check(check);
        if (check !== undefined && at) record.push(checkFailed(check, event.partitions?.[0], runId, error, at));
        return { ...none, record };
      }
      case "step_skipped": {
        const { runId, reason } = event;
        if (!reason.startsWith(BLOCKED)) return none;
        return {
          ...none,
          record: this.onAssets(event.assets, (key, at) => assetNotMaterialized(key, runId, reason, at)),
        };
      }
      default:
        return none;
    }
  }

  /** A failure on each asset the graph has; one it lacks (renamed away mid-run) has no definition to mark. */
  private onAssets(keys: string[], failure: (key: string, at: Definition) => RecordedFailure): RecordedFailure[] {
    return keys.flatMap((key) => {
      const at = this.definitions.asset(key);
      return at ? [failure(key, at)] : [];
    });
  }
}
