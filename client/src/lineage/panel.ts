/**
 * Hosts the lineage webview beside the editor: sends the graph after the webview's ReadyMessage and whenever it
 * changes, follows the editor's cursor, forwards runner events, and acts on the webview's requests.
 */
import { randomBytes } from "node:crypto";
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import {
  ExportSvgMessage,
  PreviewTableMessage,
  FocusMessage,
  GraphMessage,
  MaterializeMessage,
  ReadyMessage,
  RenderedMessage,
  RevealMessage,
  RunEventMessage,
  ViewStateMessage,
  type LineageDirection,
  type NotificationDescriptor,
  type RunEvent,
} from "assetline/protocol";
import { renderWebviewHtml } from "../../../webview/host/html";
import type { RunTarget } from "../run/materializeArgs";
import type { Runner } from "../run/runner";
import { assetAtCursor } from "../server/assetAt";
import type { GraphCache } from "../server/graphCache";
import { envelope, MessageDispatcher } from "./dispatcher";
import { FirstSight } from "./firstSight";
import { LatestValue } from "./latestValue";

export interface LineageActions {
  reveal(key: string): Promise<void>;
  materialize(target: RunTarget, title: string): Promise<void>;
}

export interface LineageDeps {
  extensionUri: vscode.Uri;
  client: LanguageClient;
  graph: GraphCache;
  runner: Runner;
  /** The events of the runs the workspace's daemons run (schedules, sensors, automation), shown as the editor's own. */
  daemonRuns: vscode.Event<RunEvent>;
  actions: LineageActions;
  /** Where the view's choices (layout direction) outlive the panel: the workspace's state. */
  memento: vscode.Memento;
}

const cursorDebounceMs = 200;
const directionKey = "assetline.lineage.direction";

export class LineagePanel implements vscode.Disposable {
  static readonly viewType = "assetline.lineage";
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private focus: string | null = null;
  private cursorTimer: NodeJS.Timeout | undefined;
  private readonly rendered = new LatestValue<{ nodes: number; edges: number }>();
  private readonly subscriptions: vscode.Disposable[];
  private readonly dispatcher: MessageDispatcher;
  private readonly runEvents = new FirstSight();

  constructor(private readonly deps: LineageDeps) {
    this.dispatcher = new MessageDispatcher()
      .on(ReadyMessage, () => this.onReady())
      .on(RevealMessage, ({ key }) => deps.actions.reveal(key))
      .on(MaterializeMessage, ({ mode, selection }) =>
        deps.actions.materialize(
          mode === "stale" ? { stale: true } : { selection },
          mode === "stale" ? "stale assets" : selection,
        ),
      )
      .on(PreviewTableMessage, async ({ key }) => await vscode.commands.executeCommand("assetline.previewTable", key))
      .on(ExportSvgMessage, ({ svg }) => this.exportSvg(svg))
      .on(RenderedMessage, (counts) => this.rendered.set(counts))
      .on(ViewStateMessage, async ({ direction }) => await deps.memento.update(directionKey, direction));
    this.subscriptions = [
      deps.graph.onDidChange((graph) => this.post(GraphMessage, graph)),
      deps.runner.onEvent((event) => this.postRunEvent(event)),
      deps.daemonRuns((event) => this.postRunEvent(event)),
      vscode.window.onDidChangeTextEditorSelection(({ textEditor }) => this.followCursorSoon(textEditor)),
      vscode.window.onDidChangeActiveTextEditor((editor) => this.followCursorSoon(editor)),
    ];
  }

  /** The webview's latest render counts, once it has rendered. */
  lineageRendered(): Promise<{ nodes: number; edges: number }> {
    return this.rendered.get();
  }

  /** Opens the panel beside the editor (or reveals it) and focuses `key` when given. */
  show(key: string | undefined): void {
    if (key !== undefined) this.setFocus(key);
    if (this.panel) {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
      return;
    }
    const root = vscode.Uri.joinPath(this.deps.extensionUri, "dist", "webview");
    const panel = vscode.window.createWebviewPanel(
      LineagePanel.viewType,
      "Asset Lineage",
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [root] },
    );
    const { webview } = panel;
    const resource = (file: string): string => webview.asWebviewUri(vscode.Uri.joinPath(root, file)).toString();
    webview.onDidReceiveMessage(
      (message: unknown) => void this.dispatcher.dispatch(message).catch((error: unknown) => this.report(error)),
    );
    webview.html = renderWebviewHtml({
      scriptUri: resource("main.js"),
      styleUri: resource("style.css"),
      workerUri: resource("layoutWorker.js"),
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString("base64"),
    });
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.ready = false;
      this.rendered.clear();
    });
    this.panel = panel;
    if (this.focus === null) this.followCursorSoon(vscode.window.activeTextEditor);
  }

  private async onReady(): Promise<void> {
    this.ready = true;
    // Before the graph, so the first layout already runs the way the user chose when the panel was last open.
    this.post(ViewStateMessage, { direction: this.deps.memento.get<LineageDirection | null>(directionKey, null) });
    // A fresh fetch rather than the cache (the panel may open before the server announces its first graph); the
    // cache's change event posts it.
    await this.deps.graph.refresh();
    this.post(FocusMessage, { key: this.focus });
  }

  private setFocus(key: string): void {
    if (key === this.focus) return;
    this.focus = key;
    this.post(FocusMessage, { key });
  }

  /** Follows the asset under the cursor; moving onto code that is no asset keeps the last one in view. */
  private followCursorSoon(editor: vscode.TextEditor | undefined): void {
    if (!this.panel || !editor) return;
    clearTimeout(this.cursorTimer);
    this.cursorTimer = setTimeout(() => {
      assetAtCursor(this.deps.client, editor).then(
        (key) => key && this.setFocus(key),
        (error: unknown) => this.report(error),
      );
    }, cursorDebounceMs);
  }

  private async exportSvg(svg: string): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      title: "Export lineage as SVG",
      filters: { "SVG image": ["svg"] },
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, "lineage.svg") } : {}),
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, Buffer.from(svg, "utf8"));
    void vscode.window.showInformationMessage(`Saved the lineage view to ${vscode.workspace.asRelativePath(target)}.`);
  }

  private postRunEvent(event: RunEvent): void {
    if (this.runEvents.isNew(event)) this.post(RunEventMessage, event);
  }

  private post<P>(message: NotificationDescriptor<P>, params: P): void {
    if (this.panel && this.ready) void this.panel.webview.postMessage(envelope(message, params));
  }

  private report(error: unknown): void {
    void vscode.window.showErrorMessage(`Assetline lineage: ${error instanceof Error ? error.message : String(error)}`);
  }

  dispose(): void {
    clearTimeout(this.cursorTimer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.panel?.dispose();
  }
}
