/**
 * Folds a `check-assets --json` run's events into what happens to each check's test item: started, passed, failed
 * (with a message per failed partition), skipped (with the runner's reason) or errored (the check never ran). Pure, so
 * each event's effect is unit-tested.
 */
import type { RunEvent } from "assetline/protocol";
import { type CheckMessage, evaluationMessage } from "./checkMessage";

export type CheckUpdate =
  | { kind: "started"; key: string }
  /** `timestamp`: the evaluation's, so the store's copy of it is known for the same result. */
  | { kind: "passed"; key: string; durationMs: number; timestamp: number }
  | { kind: "failed"; key: string; message: CheckMessage; durationMs: number; timestamp: number }
  | { kind: "skipped"; key: string; reason: string }
  | { kind: "errored"; key: string; message: string };

export class CheckRunTally {
  /** The run's id, once `run_started` came. */
  runId: string | undefined;
  private readonly failed = new Set<string>();
  /** Set when the user stops the run: the steps the runner then fails were cut short, not broken. */
  cancelled = false;
  /** Checks with a result (evaluated, skipped or errored): nothing later changes them but another failure. */
  private readonly ended = new Set<string>();

  /** `requested`: the check keys the run was asked for, each of which ends with a result. */
  constructor(private readonly requested: readonly string[]) {}

  onEvent(event: RunEvent): CheckUpdate[] {
    switch (event.type) {
      case "run_started":
        this.runId = event.runId;
        return [];
      case "step_started":
        return (event.checks ?? []).filter((key) => !this.ended.has(key)).map((key) => ({ kind: "started", key }));
      case "check_evaluated": {
        const { evaluation } = event;
        const { checkKey: key, durationMs, timestamp } = evaluation;
        this.ended.add(key);
        if (!evaluation.passed) {
          this.failed.add(key);
          return [{ kind: "failed", key, message: evaluationMessage(evaluation), durationMs, timestamp }];
        }
        // One partition's pass does not hide another's failure in the same run.
        return this.failed.has(key) ? [] : [{ kind: "passed", key, durationMs, timestamp }];
      }
      case "step_skipped":
        return this.end(event.checks ?? [], (key) => ({ kind: "skipped", key, reason: event.reason }));
      case "step_failed":
        // A blocking check that failed fails its step after its evaluation: only checks without one never ran. A step
        // the user stopped did not go wrong: it was skipped.
        return this.end(event.checks ?? [], (key) =>
          this.cancelled
            ? { kind: "skipped", key, reason: `cancelled: ${event.error.message}` }
            : { kind: "errored", key, message: event.error.message },
        );
      default:
        return [];
    }
  }

  /**
   * When the process has exited: each requested check without a result. `refusal` is why the CLI ran nothing (its
   * stderr: an unknown check key); without one the run was cancelled or ended early, and they are skipped.
   */
  onExit(refusal: string | undefined): CheckUpdate[] {
    return this.end(this.requested, (key) =>
      refusal === undefined
        ? { kind: "skipped", key, reason: "the run ended before this check ran" }
        : { kind: "errored", key, message: refusal },
    );
  }

  private end(keys: readonly string[], update: (key: string) => CheckUpdate): CheckUpdate[] {
    const open = keys.filter((key) => !this.ended.has(key));
    for (const key of open) this.ended.add(key);
    return open.map(update);
  }
}
