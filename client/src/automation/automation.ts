/**
 * Automation in the editor: a line to each workspace folder's daemon (`assetline dev`), the status bar item that says
 * whether it runs and when the next schedule ticks, *Start Automation* / *Stop Automation*, the "Assetline Automation"
 * output channel (the daemon's log) and the daemon's run events for the lineage. The extension never starts a
 * daemon unasked; it uses one that runs.
 */
import { resolve } from "node:path";
import * as vscode from "vscode";
import { DEFAULT_STORE_FOLDER, type RunEvent } from "assetline/protocol";
import type { AssetActions } from "../actions";
import { cliArgs, definitionsArgs } from "../run/materializeArgs";
import type { Runner } from "../run/runner";
import type { GraphCache } from "../server/graphCache";
import { readSettings } from "../settings";
import { ensureTrusted } from "../trust";
import { automationText, scheduleLine } from "./automationText";
import { DaemonLink } from "./daemonLink";
import { daemonLog, lastLines, startDaemonProcess, tailFile } from "./daemonProcess";

export interface AutomationDeps {
  graph: GraphCache;
  runner: Runner;
  actions: AssetActions;
}

interface FolderLink {
  folder: vscode.WorkspaceFolder;
  link: DaemonLink;
  stopTail: () => void;
}

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;
const showLog = "Show log";

/** The store folder the extension's runs use for this folder (`assetline.storeFolder`), as the language server reads it. */
function storeDirOf(folder: vscode.WorkspaceFolder): string {
  return resolve(folder.uri.fsPath, readSettings(folder.uri).storeFolder.trim() || DEFAULT_STORE_FOLDER);
}

/** Resolves when `done()` holds (checked after each `sync`), or false after `timeoutMs` or when `gaveUp` settles. */
async function waitFor(
  done: () => boolean,
  sync: () => Promise<void>,
  timeoutMs: number,
  gaveUp: Promise<unknown>,
): Promise<boolean> {
  let over = false;
  void gaveUp.then(() => (over = true));
  for (const end = Date.now() + timeoutMs; Date.now() < end; ) {
    await sync();
    if (done()) return true;
    if (over) return false;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

export class Automation implements vscode.Disposable {
  private readonly folders = new Map<string, FolderLink>();
  private readonly item = vscode.window.createStatusBarItem("assetline.automation", vscode.StatusBarAlignment.Left, 9);
  private readonly output = vscode.window.createOutputChannel("Assetline Automation");
  private readonly runEvents = new vscode.EventEmitter<RunEvent>();
  private readonly subscriptions: vscode.Disposable[];
  /** Every event of the runs the daemons run, for the lineage's live states. */
  readonly onRunEvent = this.runEvents.event;

  constructor(private readonly deps: AutomationDeps) {
    this.item.name = "Assetline Automation";
    this.item.command = "assetline.automationMenu";
    this.linkFolders();
    this.subscriptions = [
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.linkFolders()),
      vscode.workspace.onDidChangeConfiguration((change) => {
        if (change.affectsConfiguration("assetline.storeFolder")) this.linkFolders(true);
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.update()),
      vscode.commands.registerCommand("assetline.startAutomation", () => this.guard(() => this.start())),
      vscode.commands.registerCommand("assetline.stopAutomation", () => this.guard(() => this.stop())),
      vscode.commands.registerCommand("assetline.automationMenu", () => this.guard(() => this.menu())),
    ];
    this.update();
    this.item.show();
  }

  /** One link per workspace folder (`relink`: all anew, as the store folder setting changed). */
  private linkFolders(relink = false): void {
    const folders = vscode.workspace.workspaceFolders ?? [];
    for (const [uri, linked] of this.folders) {
      if (!relink && folders.some((folder) => folder.uri.toString() === uri)) continue;
      linked.link.dispose();
      linked.stopTail();
      this.folders.delete(uri);
    }
    for (const folder of folders) {
      if (this.folders.has(folder.uri.toString())) continue;
      const storeDir = storeDirOf(folder);
      const link = new DaemonLink(storeDir, {
        changed: () => this.update(),
        runEvent: (event) => this.onDaemonEvent(event),
      });
      const stopTail = tailFile(daemonLog(storeDir), (text) => this.output.append(text));
      this.folders.set(folder.uri.toString(), { folder, link, stopTail });
    }
    this.update();
  }

  private onDaemonEvent(event: RunEvent): void {
    this.runEvents.fire(event);
    // The lenses refresh on the server's store watcher; the lineage's statuses come with the graph.
    if (event.type === "run_finished") this.deps.graph.refreshSoon();
  }

  /** The folder of the active editor (the first folder without one), as the other status bar item counts. */
  private current(): FolderLink | undefined {
    const folder = this.deps.actions.folderFor(undefined);
    return folder && this.folders.get(folder.uri.toString());
  }

  private update(): void {
    const current = this.current();
    if (!current) {
      this.item.hide();
      return;
    }
    const { text, tooltip } = automationText(current.link.state, current.folder.name, Date.now());
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.show();
  }

  private async start(): Promise<void> {
    const current = this.current();
    if (!current || !ensureTrusted("start automation")) return;
    const { folder, link } = current;
    await link.sync();
    if (link.state) {
      void vscode.window.showInformationMessage(
        `Assetline: automation is already running for ${folder.name} (assetline dev, pid ${link.state.info.pid}).`,
      );
      return;
    }
    const cli = this.deps.runner.cliFor(folder);
    if (!cli) return;
    const root = folder.uri.fsPath;
    const settings = readSettings(folder.uri);
    const args = cliArgs(cli.bin, root, "dev", definitionsArgs(root, settings), settings);
    let said = "";
    const stopCollecting = tailFile(daemonLog(link.storeDir), (text) => (said += text), 200);
    this.output.appendLine(`$ node ${args.join(" ")}   (output in ${daemonLog(link.storeDir)})`);
    try {
      const daemon = startDaemonProcess(args, root, link.storeDir);
      const started = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: `Starting automation for ${folder.name}…` },
        () =>
          waitFor(
            () => link.state !== undefined,
            () => link.sync(),
            START_TIMEOUT_MS,
            daemon.exited,
          ),
      );
      if (started) return;
      const { error } = await Promise.race([daemon.exited, Promise.resolve({ error: undefined })]);
      const reason = error
        ? `the node on PATH could not start (${error.message}); install Node 20 or newer`
        : lastLines(said, 3) || `see ${daemonLog(link.storeDir)}`;
      void vscode.window
        .showErrorMessage(`Assetline could not start automation for ${folder.name}: ${reason}`, showLog)
        .then((choice) => choice && this.output.show(true));
    } finally {
      stopCollecting();
    }
  }

  private async stop(): Promise<void> {
    const current = this.current();
    if (!current) return;
    const { folder, link } = current;
    await link.sync();
    const pid = await link.stop();
    if (pid === undefined) {
      void vscode.window.showInformationMessage(`Assetline: automation is not running for ${folder.name}.`);
      return;
    }
    const stopped = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Stopping automation for ${folder.name}…` },
      () =>
        waitFor(
          () => link.state === undefined,
          () => link.sync(),
          STOP_TIMEOUT_MS,
          new Promise(() => {}),
        ),
    );
    if (!stopped)
      void vscode.window.showWarningMessage(
        `Assetline: assetline dev (pid ${pid}) for ${folder.name} is still finishing its runs; it stops once they are cancelled.`,
      );
  }

  /** The status bar item's click: Start or Stop, then the schedules (picking one opens its definition). */
  private async menu(): Promise<void> {
    const current = this.current();
    if (!current) return;
    const { state } = current.link;
    const now = Date.now();
    const ticks = new Map((state?.schedules ?? []).map((schedule) => [schedule.name, schedule]));
    const schedules = this.deps.graph.graph?.graph.schedules ?? [];
    type Item = vscode.QuickPickItem & { run?: () => Thenable<unknown> };
    const items: Item[] = [
      state
        ? {
            label: "$(debug-stop) Stop Automation",
            detail: `assetline dev, pid ${state.info.pid}`,
            run: () => this.stop(),
          }
        : {
            label: "$(sync) Start Automation",
            detail: vscode.workspace.isTrusted ? "runs assetline dev for this folder" : "needs a trusted workspace",
            run: () => this.start(),
          },
      ...(schedules.length > 0 ? [{ label: "Schedules", kind: vscode.QuickPickItemKind.Separator }] : []),
      ...schedules.map((schedule): Item => {
        const ticking = ticks.get(schedule.name);
        const location = schedule.location;
        return {
          label: `$(watch) ${schedule.name}`,
          description: `${schedule.cron} (${schedule.timezone})`,
          detail: ticking ? scheduleLine(ticking, now) : "automation off",
          ...(location && {
            run: () =>
              vscode.window.showTextDocument(vscode.Uri.file(location.file), {
                selection: new vscode.Range(
                  location.range.start.line,
                  location.range.start.character,
                  location.range.end.line,
                  location.range.end.character,
                ),
              }),
          }),
        };
      }),
    ];
    const picked = await vscode.window.showQuickPick(items, { title: `Assetline automation · ${current.folder.name}` });
    await picked?.run?.();
  }

  private async guard(action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      void vscode.window.showErrorMessage(`Assetline: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  dispose(): void {
    for (const { link, stopTail } of this.folders.values()) {
      link.dispose();
      stopTail();
    }
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
    this.output.dispose();
    this.runEvents.dispose();
  }
}
