/**
 * Runs one workspace folder's checks in its own CLI (`check-assets --json --origin editor --check KEY...`) and streams
 * the events into the test run; cancelling the run stops the process.
 */
import type * as vscode from "vscode";
import type { RunEvent } from "assetline/protocol";
import { startRunProcess } from "../run/cliProcess";
import type { ResolvedCli } from "../run/cliResolution";
import { logLines } from "../run/logLines";
import { warnProtocolMismatch } from "../run/protocolNotice";
import { initialProgress, reduceRunProgress } from "../run/runProgress";
import { readSettings } from "../settings";
import { checkAssetsArgs } from "./checkAssetsArgs";
import { type CheckUpdate, CheckRunTally } from "./checkRunTally";
import { messageAtCheck, testMessage } from "./testMessages";

const RUN_COMMAND = "assetline check-assets --json";

export interface FolderCheckRun {
  folder: vscode.WorkspaceFolder;
  cli: ResolvedCli;
  /** The folder's check items, by key. */
  items: Map<string, vscode.TestItem>;
  run: vscode.TestRun;
  /** Calls back when the user stops the run. */
  onCancel(listener: () => void): vscode.Disposable;
  /** Each check's latest state as reported, for the extension's API. */
  onUpdate(update: CheckUpdate, runId: string | undefined): void;
}

/** The test run's output wants CRLF line ends. */
const outputLine = (line: string): string => `${line}\r\n`;

function apply(run: vscode.TestRun, item: vscode.TestItem, update: CheckUpdate): void {
  switch (update.kind) {
    case "started":
      run.started(item);
      break;
    case "passed":
      run.passed(item, update.durationMs);
      break;
    case "failed":
      run.failed(item, testMessage(update.message, item), update.durationMs);
      break;
    case "skipped":
      // A skip carries no message: the reason goes to the run's output, tied to the check.
      run.appendOutput(outputLine(`${item.id} skipped: ${update.reason}`), undefined, item);
      run.skipped(item);
      break;
    case "errored":
      run.errored(item, messageAtCheck(update.message, item));
      break;
  }
}

/** Runs the checks and resolves with the run's id (undefined when the CLI started none) once the process has exited. */
export async function runFolderChecks({
  folder,
  cli,
  items,
  run,
  onCancel,
  onUpdate,
}: FolderCheckRun): Promise<string | undefined> {
  const root = folder.uri.fsPath;
  const keys = [...items.keys()];
  const tally = new CheckRunTally(keys);
  const report = (updates: CheckUpdate[]): void => {
    for (const update of updates) {
      const item = items.get(update.key);
      if (!item) continue;
      apply(run, item, update);
      onUpdate(update, tally.runId);
    }
  };
  const args = checkAssetsArgs(cli.bin, root, keys, readSettings(folder.uri));
  run.appendOutput(outputLine(`$ node ${args.join(" ")}`));
  let progress = initialProgress;
  const child = startRunProcess(args, root, {
    onEvent: (event: RunEvent) => {
      progress = reduceRunProgress(progress, event);
      for (const line of logLines(event, progress.stepAssets)) run.appendOutput(outputLine(line));
      report(tally.onEvent(event));
    },
    onOutput: (line) => run.appendOutput(outputLine(line)),
    onMismatch: (found) => warnProtocolMismatch(RUN_COMMAND, root, cli.bin, found),
    onMalformed: (line, error) =>
      run.appendOutput(outputLine(`Assetline: \`${RUN_COMMAND}\` printed a line it cannot read (${error}): ${line}`)),
  });
  const subscription = onCancel(() => {
    tally.cancelled = true;
    child.cancel();
  });
  try {
    const exit = await child.exit;
    const refused = !tally.cancelled && tally.runId === undefined && exit.code !== 0;
    const reason = exit.spawnError
      ? `the node on PATH could not start (${exit.spawnError.message}): install Node 20 or newer`
      : exit.stderrTail
          .filter((line) => line.trim() !== "")
          .slice(-3)
          .join(" ") || `exit code ${exit.code ?? exit.signal}`;
    report(tally.onExit(refused ? reason : undefined));
    return tally.runId;
  } finally {
    subscription.dispose();
  }
}
