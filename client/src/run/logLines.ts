/** Turns runner events into the "Assetline" output channel's lines, each prefixed by the asset it concerns. */
import type { RunEvent } from "assetline/protocol";
import { checkVerdict, formatDuration, stepTitle } from "assetline/describe";
import { stepLabel } from "./runProgress";

/** Prefixes every line of a possibly multi-line text, so a stack trace stays attributable in a busy log. */
function prefixed(prefix: string, text: string): string[] {
  return text.split(/\r?\n/).map((line) => `[${prefix}] ${line}`);
}

/** The output lines for one event; `stepAssets` maps step ids to keys, since log events carry only the step id. */
export function logLines(event: RunEvent, stepAssets: Record<string, string[]>): string[] {
  switch (event.type) {
    case "run_started":
      return [
        `Run ${event.runId}: ${event.selection} (${event.plan.length} step${event.plan.length === 1 ? "" : "s"})`,
      ];
    case "step_started":
      // Attempts count from 0, so attempt N > 0 is the N-th retry.
      return prefixed(
        stepLabel([stepTitle(event)], event.partitions),
        event.attempt > 0 ? `started, retry ${event.attempt}` : "started",
      );
    case "step_succeeded":
      return prefixed(
        stepLabel([stepTitle(event)], event.partitions),
        `succeeded in ${formatDuration(event.durationMs)}`,
      );
    case "step_failed":
      return prefixed(
        stepLabel([stepTitle(event)], event.partitions),
        `failed: ${event.error.stack ?? event.error.message}`,
      );
    case "step_skipped":
      return prefixed(stepLabel([stepTitle(event)], event.partitions), `skipped: ${event.reason}`);
    case "step_retrying":
      return prefixed(
        stepLabel([stepTitle(event)], event.partitions),
        `retry ${event.attempt} in ${formatDuration(event.delayMs)} after: ${event.error.message}`,
      );
    case "log":
      // A run-level log (no step) is about the whole run.
      return prefixed(
        event.stepId ? stepLabel(stepAssets[event.stepId] ?? [event.stepId]) : "run",
        `${event.level}: ${event.message}`,
      );
    case "materialization":
      return prefixed(
        stepLabel(
          [event.materialization.key],
          event.materialization.partition === undefined ? [] : [event.materialization.partition],
        ),
        `materialized in ${formatDuration(event.materialization.durationMs)}`,
      );
    case "check_evaluated": {
      const { checkKey, partition } = event.evaluation;
      return prefixed(
        stepLabel([checkKey], partition === undefined ? [] : [partition]),
        `check ${checkVerdict(event.evaluation)}`,
      );
    }
    case "run_finished":
      return [
        `Run ${event.runId} ${event.status} in ${formatDuration(event.durationMs)}: ${event.succeeded} succeeded, ${event.failed} failed, ${event.skipped} skipped`,
      ];
  }
}
