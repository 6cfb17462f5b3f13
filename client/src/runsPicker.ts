/** `Assetline: Show Runs`: the store's recent runs in a quick pick; picking one prints its logs to the output channel. */
import * as vscode from "vscode";
import { readCliOutput, RunsOutputSchema, type RunStatus, type RunSummary } from "assetline/protocol";
import { formatDuration } from "assetline/describe";
import { runCliCommand } from "./run/cliProcess";
import { cliArgs } from "./run/materializeArgs";
import { warnProtocolMismatch } from "./run/protocolNotice";
import { readSettings } from "./settings";

const statusIcons: Record<RunStatus, string> = {
  running: "$(sync~spin)",
  success: "$(check)",
  failed: "$(error)",
  cancelled: "$(circle-slash)",
};

function describe(run: RunSummary): vscode.QuickPickItem & { runId: string } {
  const duration = run.endedAt === null ? "still running" : formatDuration(run.endedAt - run.startedAt);
  return {
    runId: run.id,
    label: `${statusIcons[run.status]} ${run.selection}`,
    description: `${run.status} · ${run.origin} · ${duration}`,
    detail: `${new Date(run.startedAt).toLocaleString()} · ${run.id}`,
  };
}

const RUNS_COMMAND = "assetline runs --json";

/** Lists runs with the folder's CLI (`runs --json`) and shows the picked run's logs (`logs RUN_ID`). */
export async function showRuns(
  folder: vscode.WorkspaceFolder,
  bin: string,
  output: vscode.OutputChannel,
): Promise<void> {
  const root = folder.uri.fsPath;
  const settings = readSettings(folder.uri);
  const listed = await runCliCommand(cliArgs(bin, root, "runs", ["--json", "--limit", "50"], settings), root);
  if (listed.code !== 0)
    throw new Error(`assetline runs failed: ${listed.stderr.trim() || `exit code ${listed.code}`}`);
  const read = readCliOutput(RunsOutputSchema, listed.stdout);
  if (!read.ok && "mismatch" in read) return warnProtocolMismatch(RUNS_COMMAND, root, bin, read.mismatch.found);
  if (!read.ok)
    throw new Error(`\`${RUNS_COMMAND}\` in ${folder.name} printed output Assetline cannot read: ${read.error}`);
  const { runs } = read.value;
  if (runs.length === 0) {
    void vscode.window.showInformationMessage(`No runs recorded in ${folder.name} yet: materialize an asset first.`);
    return;
  }
  const picked = await vscode.window.showQuickPick(runs.map(describe), {
    title: `Assetline runs in ${folder.name}`,
    matchOnDetail: true,
  });
  if (!picked) return;
  const logs = await runCliCommand(cliArgs(bin, root, "logs", [picked.runId], settings), root);
  output.appendLine(`--- logs of run ${picked.runId} ---`);
  output.append(logs.code === 0 ? logs.stdout : logs.stderr);
  output.show(true);
}
