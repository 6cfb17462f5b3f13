/**
 * The runner's event stream: with `--json`, one `RunEvent` per line on stdout.
 * The client turns these into progress, logs and refreshed lenses; the webview into live node states.
 */
import type { Materialization, RunStatus } from "./state";

export type LogLevel = "debug" | "info" | "warning" | "error";

/** A step runs one asset, one multi-asset (several keys) or one graph asset. */
export interface PlannedStep {
  id: string;
  assets: string[];
  /** Steps that must finish first. */
  dependsOn: string[];
}

export interface StepError {
  message: string;
  /** Stack mapped to the TypeScript source. */
  stack?: string;
  /** Where the error was thrown in the workspace's source, when known. */
  location?: { file: string; line: number; column: number };
}

export type RunEvent =
  | { type: "run_started"; runId: string; selection: string; plan: PlannedStep[]; timestamp: number }
  | { type: "step_started"; runId: string; stepId: string; assets: string[]; attempt: number; timestamp: number }
  | { type: "step_succeeded"; runId: string; stepId: string; assets: string[]; durationMs: number; timestamp: number }
  | { type: "step_failed"; runId: string; stepId: string; assets: string[]; error: StepError; timestamp: number }
  | { type: "step_skipped"; runId: string; stepId: string; assets: string[]; reason: string; timestamp: number }
  | {
      type: "step_retrying";
      runId: string;
      stepId: string;
      assets: string[];
      attempt: number;
      delayMs: number;
      error: StepError;
      timestamp: number;
    }
  | { type: "log"; runId: string; stepId: string; level: LogLevel; message: string; timestamp: number }
  | { type: "materialization"; runId: string; stepId: string; materialization: Materialization; timestamp: number }
  | {
      type: "run_finished";
      runId: string;
      status: Exclude<RunStatus, "running">;
      durationMs: number;
      succeeded: number;
      failed: number;
      skipped: number;
      timestamp: number;
    };

export type RunEventType = RunEvent["type"];
