/**
 * Asset checks in VS Code's Testing view: the `assetline-checks` controller lists file → asset → check from the graph,
 * runs them with the workspace's CLI (`check-assets`), and shows the store's newest results when the workspace opens
 * and after every run.
 */
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { RunFinishedNotification, type AssetStatus, type GraphWithStatuses } from "assetline/protocol";
import type { Runner } from "../run/runner";
import type { GraphCache } from "../server/graphCache";
import { notificationType } from "../server/messageTypes";
import { CheckItems } from "./checkItems";
import type { CheckUpdate } from "./checkRunTally";
import { checksOfFile } from "./checkTree";
import { runFolderChecks } from "./folderCheckRun";
import { showLastResults } from "./lastResultsRun";
import { isRunChecksArg, requestedChecks } from "./runChecksArg";
import { RESTRICTED_MODE, messageAtCheck } from "./testMessages";

export interface ChecksDeps {
  client: LanguageClient;
  graph: GraphCache;
  runner: Runner;
  output: vscode.OutputChannel;
}

/** A check's latest result as the view shows it, the run it came from (none when no run started), and its message. */
export interface CheckState {
  state: "running" | "passed" | "failed" | "skipped" | "errored";
  runId: string | undefined;
  message?: string;
}

function updateMessage(update: CheckUpdate): string | undefined {
  switch (update.kind) {
    case "failed":
      return update.message.text;
    case "errored":
      return update.message;
    case "skipped":
      return update.reason;
    default:
      return undefined;
  }
}

export class ChecksController implements vscode.Disposable {
  private readonly controller = vscode.tests.createTestController("assetline-checks", "Assetline Checks");
  private readonly items = new CheckItems(this.controller);
  private readonly profile: vscode.TestRunProfile;
  /** Check key → the time of the evaluation the view shows, so a refresh shows only newer results. */
  private readonly shown = new Map<string, number>();
  private readonly states = new Map<string, CheckState>();
  private readonly subscription: vscode.Disposable;
  /** Runs going on: their results arrive live, so the store's copy of them waits until they end. */
  private running = 0;

  constructor(private readonly deps: ChecksDeps) {
    this.profile = this.controller.createRunProfile(
      "Run",
      vscode.TestRunProfileKind.Run,
      (request, token) => this.run(request, token),
      true,
    );
    this.subscription = deps.graph.onDidChange((graph) => this.graphChanged(graph));
    if (deps.graph.graph) this.graphChanged(deps.graph.graph);
  }

  /** Each check's latest result shown, by key; for the real-editor tests. */
  checkStates(): Record<string, CheckState> {
    return Object.fromEntries(this.states);
  }

  /** Every check item as `file › asset › key` and its line (zero-based), in the view's order; for the real-editor tests. */
  checkItems(): { path: string; line: number }[] {
    return this.items.tree.flatMap((file) =>
      file.assets.flatMap((asset) =>
        asset.checks.map((check) => ({
          path: [vscode.workspace.asRelativePath(file.file), asset.key, check.key].join(" › "),
          line: check.location.range.start.line,
        })),
      ),
    );
  }

  /** `assetline.runChecks`: the lens's assets or checks, else the checks of the given or active file. */
  async runChecks(arg: unknown): Promise<void> {
    const { tree } = this.items;
    let keys: string[];
    if (isRunChecksArg(arg)) keys = requestedChecks(arg, tree);
    else {
      const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
      const file = uri?.scheme === "file" ? uri.fsPath : undefined;
      keys = file === undefined ? [] : checksOfFile(tree, this.deps.graph.graph?.graph.nodes ?? [], file);
      if (keys.length === 0) {
        void vscode.window.showInformationMessage(
          `Assetline: ${file ? vscode.workspace.asRelativePath(file) : "this editor"} has no asset checks. Define one with assetCheck({ asset }, fn), or open a file that does.`,
        );
        return;
      }
    }
    const items = this.items.itemsOf(keys);
    const missing = keys.filter((key) => this.items.itemsOf([key]).length === 0);
    if (missing.length > 0)
      void vscode.window.showWarningMessage(
        `Assetline: no check ${missing.join(", ")} in the workspace's graph; save the file that defines it and try again.`,
      );
    if (items.length === 0) return;
    const source = new vscode.CancellationTokenSource();
    try {
      await this.run(new vscode.TestRunRequest(items, undefined, this.profile), source.token);
    } finally {
      source.dispose();
    }
  }

  private graphChanged({ graph, statuses }: GraphWithStatuses): void {
    this.items.sync(graph.checks ?? [], graph.nodes);
    this.showLastResults(statuses);
  }

  private showLastResults(statuses: readonly AssetStatus[]): void {
    if (this.running > 0) return;
    for (const result of showLastResults(this.controller, this.items, statuses, this.shown))
      this.states.set(
        result.key,
        result.passed
          ? { state: "passed", runId: result.runId }
          : { state: "failed", runId: result.runId, message: result.message.text },
      );
  }

  private async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const run = this.controller.createTestRun(request);
    const checks = this.items.checksUnder(request.include, request.exclude);
    this.running++;
    try {
      if (!vscode.workspace.isTrusted) {
        for (const item of checks) this.errored(run, item, RESTRICTED_MODE);
        return;
      }
      for (const item of checks) run.enqueued(item);
      const onCancel = (listener: () => void): vscode.Disposable =>
        vscode.Disposable.from(token.onCancellationRequested(listener), run.token.onCancellationRequested(listener));
      // One CLI per workspace folder, one after the other: each folder has its own store and code.
      for (const { folder, items } of this.byFolder(run, checks)) {
        if (token.isCancellationRequested || run.token.isCancellationRequested) {
          for (const item of items.values()) run.skipped(item);
          continue;
        }
        const cli = this.deps.runner.cliFor(folder);
        if (!cli) {
          for (const item of items.values()) this.errored(run, item, `no assetline CLI in ${folder.name}`);
          continue;
        }
        const runId = await runFolderChecks({
          folder,
          cli,
          items,
          run,
          onCancel,
          onUpdate: (update, runId) => this.record(update, runId),
        });
        if (runId) await this.tellServer(runId);
      }
    } finally {
      run.end();
      this.running--;
      this.deps.graph.refreshSoon();
    }
  }

  /** The checks grouped by the workspace folder that defines them; one outside every folder cannot run. */
  private byFolder(
    run: vscode.TestRun,
    checks: readonly vscode.TestItem[],
  ): { folder: vscode.WorkspaceFolder; items: Map<string, vscode.TestItem> }[] {
    const groups = new Map<string, { folder: vscode.WorkspaceFolder; items: Map<string, vscode.TestItem> }>();
    for (const item of checks) {
      const folder = item.uri && vscode.workspace.getWorkspaceFolder(item.uri);
      if (!folder) {
        this.errored(run, item, "its file is outside the workspace's folders: open the folder that defines it");
        continue;
      }
      const id = folder.uri.toString();
      const group = groups.get(id) ?? { folder, items: new Map<string, vscode.TestItem>() };
      groups.set(id, group);
      group.items.set(item.id, item);
    }
    return [...groups.values()];
  }

  private errored(run: vscode.TestRun, item: vscode.TestItem, text: string): void {
    run.errored(item, messageAtCheck(text, item));
    this.states.set(item.id, { state: "errored", runId: undefined, message: text });
  }

  private record(update: CheckUpdate, runId: string | undefined): void {
    const message = updateMessage(update);
    const state = update.kind === "started" ? "running" : update.kind;
    this.states.set(update.key, { state, runId, ...(message !== undefined && { message }) });
    if (update.kind === "passed" || update.kind === "failed")
      this.shown.set(update.key, Math.max(update.timestamp, this.shown.get(update.key) ?? 0));
  }

  /** Lenses and hovers refresh at once rather than on the store watcher. */
  private async tellServer(runId: string): Promise<void> {
    await this.deps.client
      .sendNotification(notificationType(RunFinishedNotification), { runId })
      .catch((error: unknown) =>
        this.deps.output.appendLine(`Could not tell the language server about run ${runId}: ${String(error)}`),
      );
  }

  dispose(): void {
    this.subscription.dispose();
    this.controller.dispose();
  }
}
