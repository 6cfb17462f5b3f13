/**
 * Materializes in the workspace's own CLI (`materialize --json --origin editor`), one run at a time per workspace
 * folder, and turns its events into progress, output-channel lines, failure diagnostics and a refresh of the lenses.
 */
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { RunFinishedNotification, type RunEvent } from "assetline/protocol";
import { notificationType } from "../server/messageTypes";
import type { GraphCache } from "../server/graphCache";
import { readSettings } from "../settings";
import { ensureTrusted } from "../trust";
import { resolveCli, type ResolvedCli } from "./cliResolution";
import { startRunProcess, type RunExit } from "./cliProcess";
import type { FailureDiagnostics } from "./failureDiagnostics";
import { logLines } from "./logLines";
import { cliEnv, materializeArgs, type RunTarget } from "./materializeArgs";
import { showRunProgress } from "./progress";
import { warnProtocolMismatch } from "./protocolNotice";
import { RunFailures } from "./runFailures";
import { initialProgress, reduceRunProgress, type RunProgress } from "./runProgress";

const RUN_COMMAND = "assetline materialize --json";

export interface RunnerDeps {
  client: LanguageClient;
  graph: GraphCache;
  output: vscode.OutputChannel;
  failures: FailureDiagnostics;
  /** `dist/cli.js` inside the extension, used only when a workspace has no `assetline` of its own. */
  bundledCli: string;
}

interface ActiveRun {
  progress: RunProgress;
  /** Set once the user cancels, so the run's end is not reported as an error. */
  cancelled: boolean;
  /** What the run's events change among the failure diagnostics. */
  failures: RunFailures;
  cancel(): void;
}

const showLog = "Show log";

export class Runner implements vscode.Disposable {
  private readonly active = new Map<string, ActiveRun>();
  private readonly events = new vscode.EventEmitter<RunEvent>();
  private readonly progressChanged = new vscode.EventEmitter<RunProgress>();
  private last: { runId: string; status: string } | undefined;
  /** Every runner event, for the lineage view's live states. */
  readonly onEvent = this.events.event;
  /** Fires on each event of any run, and when a run ends, for the status bar. */
  readonly onProgress = this.progressChanged.event;

  constructor(private readonly deps: RunnerDeps) {}

  lastRun(): { runId: string; status: string } | undefined {
    return this.last;
  }

  /** The assets of the step started last in any running run. */
  runningStep(): string[] | undefined {
    for (const run of this.active.values()) if (run.progress.current.length > 0) return run.progress.current;
    return this.active.size > 0 ? ["starting…"] : undefined;
  }

  /** Cancels the runs going on; returns how many. */
  cancelAll(): number {
    for (const run of this.active.values()) run.cancel();
    return this.active.size;
  }

  /** Resolves the CLI for a folder and tells the user when there is none or only the bundled one. */
  cliFor(folder: vscode.WorkspaceFolder): ResolvedCli | undefined {
    const cli = resolveCli(folder.uri.fsPath, this.deps.bundledCli);
    if (!cli) {
      void vscode.window.showErrorMessage(
        `Assetline cannot find the assetline package from ${folder.uri.fsPath}: add it to the workspace (npm install assetline) and run npm install.`,
      );
    } else if (cli.bundled) {
      void vscode.window.showWarningMessage(
        `${folder.name} does not depend on assetline; using the CLI bundled with the extension, whose version may not match your code. Add assetline to the workspace's package.json.`,
      );
    }
    return cli;
  }

  /** Runs one materialization; `title` names it in the notification (`+key:revenue_by_segment`). */
  async materialize(folder: vscode.WorkspaceFolder, target: RunTarget, title: string): Promise<void> {
    if (!ensureTrusted()) return;
    const root = folder.uri.fsPath;
    if (this.active.has(root)) {
      const choice = await vscode.window.showWarningMessage(
        `Assetline is already materializing in ${folder.name}; one run at a time per workspace.`,
        "Cancel run",
      );
      if (choice) this.active.get(root)?.cancel();
      return;
    }
    const cli = this.cliFor(folder);
    if (!cli) return;
    let args: string[];
    const settings = readSettings(folder.uri);
    try {
      args = materializeArgs(cli.bin, root, target, settings);
    } catch (error) {
      void vscode.window.showErrorMessage((error as Error).message);
      return;
    }
    const { output, graph } = this.deps;
    output.appendLine(`$ node ${args.join(" ")}`);
    const run: ActiveRun = {
      progress: initialProgress,
      cancelled: false,
      failures: new RunFailures({ asset: (key) => graph.node(key, root), check: (key) => graph.check(key, root) }),
      cancel: () => undefined,
    };
    const runProgress = new vscode.EventEmitter<RunProgress>();
    const child = startRunProcess(
      args,
      root,
      {
        onEvent: (event) => {
          run.progress = reduceRunProgress(run.progress, event);
          for (const line of logLines(event, run.progress.stepAssets)) output.appendLine(line);
          this.onRunEvent(root, event, run);
          runProgress.fire(run.progress);
          this.progressChanged.fire(run.progress);
        },
        onOutput: (line) => output.appendLine(line),
        onMismatch: (found) => warnProtocolMismatch(RUN_COMMAND, root, cli.bin, found),
        onMalformed: (line, error) =>
          output.appendLine(`Assetline: \`${RUN_COMMAND}\` printed a line it cannot read (${error}): ${line}`),
      },
      cliEnv(settings),
    );
    run.cancel = () => {
      run.cancelled = true;
      child.cancel();
    };
    this.active.set(root, run);
    this.progressChanged.fire(run.progress);
    try {
      void showRunProgress(title, { onDidChange: runProgress.event, cancel: run.cancel, exited: child.exit });
      const exit = await child.exit;
      await this.finish(run, exit);
    } finally {
      this.active.delete(root);
      runProgress.dispose();
      this.progressChanged.fire(run.progress);
    }
  }

  /** A step the user cancelled ends as failed; that is no failure to mark on the asset. */
  private onRunEvent(root: string, event: RunEvent, run: ActiveRun): void {
    if (!(run.cancelled && event.type === "step_failed")) {
      const { record, clear } = run.failures.changes(event);
      this.deps.failures.clear(root, clear);
      for (const failure of record) this.deps.failures.record(root, failure);
    }
    switch (event.type) {
      case "run_started":
        this.last = { runId: event.runId, status: "running" };
        break;
      case "run_finished":
        this.last = { runId: event.runId, status: event.status };
        break;
      default:
        break;
    }
    this.events.fire(event);
  }

  /** Tells the server (lenses refresh), then the user when something went wrong; messages are not awaited. */
  private async finish({ progress, cancelled }: ActiveRun, exit: RunExit): Promise<void> {
    if (progress.runId) {
      // The process ended without its run_finished event: it crashed or was killed.
      if (progress.status === "running") this.last = { runId: progress.runId, status: "failed" };
      // Lenses refresh on the server's store watcher too, so a stopped language server costs only a delay.
      await this.deps.client
        .sendNotification(notificationType(RunFinishedNotification), { runId: progress.runId })
        .catch((error: unknown) =>
          this.deps.output.appendLine(
            `Could not tell the language server about run ${progress.runId}: ${String(error)}`,
          ),
        );
    } else {
      // The CLI refused before starting a run (bad selection, broken definitions, no node): no run id exists.
      this.last = { runId: "", status: cancelled ? "cancelled" : "failed" };
    }
    this.deps.graph.refreshSoon();
    const showLogOnChoice = (choice: string | undefined): void => {
      if (choice) this.deps.output.show(true);
    };
    if (exit.spawnError) {
      void vscode.window.showErrorMessage(
        `Assetline runs the workspace's CLI with the node on PATH, which could not start: ${exit.spawnError.message}. Install Node 20 or newer.`,
      );
      return;
    }
    const [failure] = progress.failures;
    if (failure && !cancelled) {
      const more = progress.failures.length > 1 ? ` (and ${progress.failures.length - 1} more failed steps)` : "";
      void vscode.window
        .showErrorMessage(`Assetline: ${failure.assets.join(", ")} failed: ${failure.error.message}${more}`, showLog)
        .then(showLogOnChoice);
    } else if (progress.status === "running" && exit.code !== 0 && !cancelled) {
      // The CLI stopped before or without finishing a run (bad selection, broken definitions): its stderr says why.
      const reason =
        exit.stderrTail
          .filter((line) => line.trim() !== "")
          .slice(-3)
          .join(" ") || `exit code ${exit.code ?? exit.signal}`;
      void vscode.window.showErrorMessage(`Assetline could not materialize: ${reason}`, showLog).then(showLogOnChoice);
    }
  }

  dispose(): void {
    this.cancelAll();
    this.events.dispose();
    this.progressChanged.dispose();
  }
}
