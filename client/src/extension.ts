/**
 * The Assetline extension: language server, commands, runs with progress, lineage panel, status bar, trust, and the
 * line to the workspace's daemon (automation).
 */
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { TrustChangedNotification } from "assetline/protocol";
import { AssetActions } from "./actions";
import type { AssetlineApi } from "./api";
import { Automation } from "./automation/automation";
import { ChecksController } from "./checks/checksController";
import { registerCommands } from "./commands";
import { LineagePanel } from "./lineage/panel";
import { workspaceCli } from "assetline/locate";
import { FailureDiagnostics } from "./run/failureDiagnostics";
import { Runner } from "./run/runner";
import { GraphCache } from "./server/graphCache";
import { createLanguageClient } from "./server/languageClient";
import { notificationType } from "./server/messageTypes";
import { RunConfigs } from "./runConfig/materializeWithConfig";
import { createStatusBar } from "./status/statusBar";
import { TablePreviews } from "./tables/previewTable";

let client: LanguageClient | undefined;
let running = false;

/** `assetline.running` shows Cancel Run in the palette; set only on change, as progress fires on every event. */
function setRunningContext(now: boolean): void {
  if (now === running) return;
  running = now;
  void vscode.commands.executeCommand("setContext", "assetline.running", now);
}

/** The extension activates on any TypeScript file; it starts only where a workspace folder can resolve `assetline`. */
function dependsOnAssetline(): boolean {
  return (vscode.workspace.workspaceFolders ?? []).some((folder) => workspaceCli(folder.uri.fsPath) !== undefined);
}

export async function activate(context: vscode.ExtensionContext): Promise<AssetlineApi | undefined> {
  const output = vscode.window.createOutputChannel("Assetline");
  context.subscriptions.push(output);
  if (!dependsOnAssetline()) {
    output.appendLine("No workspace folder depends on assetline (npm install assetline), so Assetline stays inactive.");
    return undefined;
  }
  const languageClient = createLanguageClient(
    context,
    vscode.window.createOutputChannel("Assetline Language Server", { log: true }),
  );
  client = languageClient;
  const graph = new GraphCache(languageClient, (line) => output.appendLine(line));
  const failures = new FailureDiagnostics(graph);
  const runner = new Runner({
    client: languageClient,
    graph,
    output,
    failures,
    bundledCli: context.asAbsolutePath("dist/cli.js"),
  });
  const actions = new AssetActions(graph, runner);
  const checks = new ChecksController({ client: languageClient, graph, runner, output });
  const automation = new Automation({ graph, runner, actions });
  const lineage = new LineagePanel({
    extensionUri: context.extensionUri,
    client: languageClient,
    graph,
    runner,
    daemonRuns: automation.onRunEvent,
    actions,
    memento: context.workspaceState,
  });
  const tables = new TablePreviews(graph, runner, actions);
  const runConfigs = new RunConfigs(context.storageUri ?? context.globalStorageUri, runner, actions);
  context.subscriptions.push(
    graph,
    tables,
    runConfigs,
    failures,
    runner,
    lineage,
    checks,
    automation,
    createStatusBar(graph, runner),
    ...registerCommands({
      client: languageClient,
      graph,
      runner,
      actions,
      lineage,
      checks,
      tables,
      runConfigs,
      output,
    }),
    runner.onProgress(() => setRunningContext(runner.runningStep() !== undefined)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      void languageClient.sendNotification(notificationType(TrustChangedNotification), { trusted: true });
      graph.refreshSoon();
    }),
  );
  void vscode.commands.executeCommand("setContext", "assetline.active", true);
  try {
    await languageClient.start();
    await graph.refresh();
  } catch (error) {
    void vscode.window.showErrorMessage(
      `Assetline's language server did not start: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return {
    lineageRendered: () => lineage.lineageRendered(),
    lastRun: () => runner.lastRun(),
    checkItems: () => checks.checkItems(),
    checkStates: () => checks.checkStates(),
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
