/** The cancellable progress notification of one run: the current step and its place in the plan. */
import * as vscode from "vscode";
import { progressMessage, progressPercent, type RunProgress } from "./runProgress";

export interface ProgressSource {
  readonly onDidChange: vscode.Event<RunProgress>;
  cancel(): void;
  /** Settles when the run's process has exited. */
  readonly exited: Promise<unknown>;
}

export function showRunProgress(title: string, run: ProgressSource): Thenable<void> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Assetline: ${title}`, cancellable: true },
    async (progress, token) => {
      let reported = 0;
      const cancelled = token.onCancellationRequested(() => {
        progress.report({ message: "cancelling…" });
        run.cancel();
      });
      const changed = run.onDidChange((state) => {
        // withProgress takes increments; report only the part of the bar not shown yet.
        const percent = progressPercent(state);
        progress.report({ message: progressMessage(state), increment: percent - reported });
        reported = percent;
      });
      try {
        await run.exited;
      } finally {
        cancelled.dispose();
        changed.dispose();
      }
    },
  );
}
