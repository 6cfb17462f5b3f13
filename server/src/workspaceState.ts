/**
 * What the server knows of the workspace: one Folder per workspace folder, fed by the editor's text for open
 * documents and by the disk (watcher notifications) for the rest. Every change re-analyzes that one file at once and
 * publishes the diagnostics of the files `update()` names; the lineage view hears about it a little later.
 * Folders are added, removed and rebuilt for new settings one change at a time, as each waits for the client's settings.
 */
import { readFileSync } from "node:fs";
import {
  CodeLensRefreshRequest,
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  TextDocuments,
  type ClientCapabilities,
  type Connection,
  type DidChangeWatchedFilesParams,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { AssetGraph, AssetlineInitializationOptions, GraphWithStatuses } from "assetline/protocol";
import { pathToUri, uriToPath } from "./convert";
import { DiagnosticsPublisher } from "./diagnostics";
import { isResolutionConfig } from "assetline/analyze";
import { Folder } from "./folder";
import type { StatusEvents } from "./statusCache";
import { FolderSettingsReader, sameSettings, storeName } from "./folderSettings";
import { graphChanged } from "./lspMessages";
import { tryHandler } from "./tryHandler";

/** The lineage view redraws the whole graph; a burst of keystrokes should cost it one redraw. */
const GRAPH_CHANGED_DELAY_MS = 300;
/** State lenses say "2 min ago": asked again this often, an idle editor's ages stay true to the minute. */
const LENS_AGE_REFRESH_MS = 60_000;

export interface Located {
  folder: Folder;
  file: string;
}

export class WorkspaceState {
  readonly documents = new TextDocuments(TextDocument);
  /** Deepest root first, so a file in a nested folder belongs to the nested one. */
  folders: Folder[] = [];
  private trusted: boolean;
  private readonly openUris = new Map<string, string>();
  private graphTimer: NodeJS.Timeout | null = null;
  private readonly lensAgeTimer: NodeJS.Timeout;
  private readonly statusEvents: StatusEvents;
  /** Whether hovers may hold `command:` links (see AssetlineInitializationOptions). */
  readonly commandLinks: boolean;
  private lastGraphShape = "";
  private readonly settings: FolderSettingsReader;
  /** The folder change going on; the next one starts after it. */
  private folderChanges: Promise<void> = Promise.resolve();

  constructor(
    private readonly connection: Connection,
    readonly capabilities: ClientCapabilities,
    private readonly roots: string[],
    options: AssetlineInitializationOptions,
  ) {
    this.trusted = options.trusted === true;
    this.commandLinks = options.commandLinks === true;
    this.statusEvents = {
      log: connection.console,
      statusesChanged: () => this.statusesChanged(),
      // Without it a broken store only shows as lenses without states; the output log has the details.
      // A notification, not a request: nothing waits for the user's answer, and a client that cannot show it loses nothing.
      storeUnreadable: (message) =>
        void connection.sendNotification(ShowMessageNotification.type, {
          type: MessageType.Warning,
          message: `Assetline cannot read the run store: ${message}`,
        }),
      protocolMismatch: (message) =>
        void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message }),
    };
    this.settings = new FolderSettingsReader(connection, capabilities.workspace?.configuration === true, options);
    // A file the analyzer chokes on must not take the server down: log it and keep serving the rest.
    const log = connection.console;
    this.documents.onDidChangeContent(
      tryHandler(log, "analysis", undefined, ({ document }) => this.fromEditor(document)),
    );
    this.documents.onDidClose(tryHandler(log, "analysis", undefined, ({ document }) => this.closed(document.uri)));
    this.documents.onDidSave(tryHandler(log, "status refresh", undefined, () => this.refreshStatuses()));
    this.documents.listen(connection);
    this.lensAgeTimer = setInterval(() => {
      if (this.folders.some((folder) => folder.statuses.all().some((s) => s.lastMaterialization || s.lastFailure)))
        this.refreshLenses();
    }, LENS_AGE_REFRESH_MS).unref();
  }

  get isTrusted(): boolean {
    return this.trusted;
  }

  /** Reads every folder from disk, publishes its diagnostics, then starts reading the store. */
  load(): Promise<void> {
    return this.oneAtATime(() => this.addFolders(this.roots));
  }

  /** Workspace folders added or removed while the server runs. */
  changeFolders(added: string[], removed: string[]): Promise<void> {
    return this.oneAtATime(async () => {
      for (const folder of this.folders.filter((candidate) => removed.includes(candidate.root))) {
        folder.statuses.dispose();
        folder.diagnostics.clear();
      }
      this.folders = this.folders.filter((folder) => !removed.includes(folder.root));
      await this.addFolders(added);
      this.scheduleGraphChanged();
    });
  }

  /**
   * The client's settings changed: asks again for each folder's, and rebuilds only the folders whose store or
   * definitions differ (re-analyzed, statuses read from the new store) instead of restarting the server.
   */
  settingsChanged(): Promise<void> {
    return this.oneAtATime(async () => {
      const settings = await this.settings.read(this.folders.map((folder) => folder.root));
      const changed = this.folders
        .map((folder, index) => ({ folder, next: settings[index]! }))
        .filter(({ folder, next }) => !sameSettings(folder.settings, next));
      if (changed.length === 0) return;
      for (const { folder, next } of changed) {
        folder.statuses.dispose();
        // The same publisher, so publishAll clears the files whose problems the old settings found.
        const rebuilt = new Folder(folder.root, next, folder.diagnostics, this.statusEvents);
        this.folders = this.folders.map((candidate) => (candidate === folder ? rebuilt : candidate));
        this.connection.console.log(
          `Assetline: ${folder.root} now uses the store ${storeName(next)} and ${next.definitionsFile ? `the definitions in ${next.definitionsFile}` : "every asset it finds"}.`,
        );
        this.loadFolder(rebuilt);
      }
      // Lenses and the lineage view show the new graph and the new store's states.
      this.statusesChanged();
    });
  }

  private oneAtATime(change: () => Promise<void>): Promise<void> {
    const done = this.folderChanges.then(change);
    this.folderChanges = done.catch(() => undefined);
    return done;
  }

  private async addFolders(roots: string[]): Promise<void> {
    const settings = await this.settings.read(roots);
    const uriOf = (file: string) => this.openUris.get(file) ?? pathToUri(file);
    const fresh = roots.map(
      (root, index) =>
        new Folder(root, settings[index]!, new DiagnosticsPublisher(this.connection, uriOf), this.statusEvents),
    );
    this.folders = [...this.folders, ...fresh].sort((a, b) => b.root.length - a.root.length);
    for (const folder of fresh) this.loadFolder(folder);
    // Lenses asked for while the settings were on their way were answered without these folders.
    if (fresh.length > 0) this.statusesChanged();
  }

  private loadFolder(folder: Folder): void {
    const started = performance.now();
    folder.analyzer.loadFromDisk();
    // Documents opened before their folder was added: from now on their truth is the editor's text, as in fromEditor.
    for (const document of this.documents.all()) {
      const located = this.locate(document.uri);
      if (located?.folder !== folder) continue;
      this.openUris.set(located.file, document.uri);
      folder.analyzer.update(located.file, document.getText());
    }
    folder.publishAll();
    this.connection.console.log(
      `Assetline: analyzed ${folder.analyzer.files().length} files in ${folder.root} in ${Math.round(performance.now() - started)} ms.`,
    );
    folder.statuses.setTrusted(this.trusted);
  }

  /** The folder that owns a document and its analyzer path, or null for anything Assetline does not analyze. */
  locate(uri: string): Located | null {
    const file = uriToPath(uri);
    if (file === null) return null;
    const folder = this.folders.find((candidate) => candidate.owns(file));
    return folder ? { folder, file } : null;
  }

  setTrusted(trusted: boolean): void {
    this.trusted = trusted;
    for (const folder of this.folders) folder.statuses.setTrusted(trusted);
    // Untrusted lenses say why nothing can run, trusted ones show actions: both need a redraw.
    this.statusesChanged();
  }

  async refreshStatuses(): Promise<void> {
    await Promise.all(this.folders.map((folder) => folder.statuses.refresh()));
  }

  /** The custom graph request: every folder's graph and statuses, in one. */
  graphWithStatuses(): GraphWithStatuses {
    return { graph: this.graph(), statuses: this.folders.flatMap((folder) => folder.statuses.all()) };
  }

  private graph(): AssetGraph {
    const parts = this.folders.map((folder) => folder.analyzer.graph());
    return {
      nodes: parts.flatMap((part) => part.nodes),
      edges: parts.flatMap((part) => part.edges),
      jobs: parts.flatMap((part) => part.jobs),
      checks: parts.flatMap((part) => part.checks ?? []),
    };
  }

  watchedFilesChanged({ changes }: DidChangeWatchedFilesParams): void {
    let applied = this.configsChanged(changes.map((change) => uriToPath(change.uri)));
    for (const change of changes) {
      const located = this.locate(change.uri);
      // An open document's truth is the editor's text, not the disk; its save refreshes statuses on its own (onDidSave).
      if (!located || this.openUris.has(located.file)) continue;
      if (change.type === FileChangeType.Deleted) located.folder.remove(located.file);
      else this.fromDisk(located);
      applied = true;
    }
    if (!applied) return;
    this.scheduleGraphChanged();
    void this.refreshStatuses();
  }

  /**
   * Re-resolves the imports of each folder a changed tsconfig.json or package.json may govern: the folders holding
   * it, or every folder for one outside them all (a tsconfig they extend). Whether any folder was re-resolved.
   */
  private configsChanged(paths: (string | null)[]): boolean {
    const configs = paths.filter((path): path is string => path !== null && isResolutionConfig(path));
    const touched = new Set<Folder>();
    for (const config of configs) {
      const holding = this.folders.filter((folder) => config.startsWith(`${folder.root}/`));
      for (const folder of holding.length > 0 ? holding : this.folders) touched.add(folder);
    }
    for (const folder of touched) folder.configChanged();
    return touched.size > 0;
  }

  dispose(): void {
    if (this.graphTimer) clearTimeout(this.graphTimer);
    clearInterval(this.lensAgeTimer);
    for (const folder of this.folders) folder.statuses.dispose();
  }

  private fromEditor(document: TextDocument): void {
    const located = this.locate(document.uri);
    if (!located) return;
    this.openUris.set(located.file, document.uri);
    located.folder.update(located.file, document.getText());
    this.scheduleGraphChanged();
  }

  /** A closed editor may have dropped unsaved text: the disk is the truth again. */
  private closed(uri: string): void {
    const located = this.locate(uri);
    if (!located) return;
    this.openUris.delete(located.file);
    this.fromDisk(located);
    this.scheduleGraphChanged();
  }

  private fromDisk({ folder, file }: Located): void {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      folder.remove(file);
      return;
    }
    folder.update(file, text);
  }

  private statusesChanged(): void {
    for (const folder of this.folders) folder.statusesChanged();
    this.refreshLenses();
    void this.connection.sendNotification(graphChanged, {});
  }

  private refreshLenses(): void {
    if (this.capabilities.workspace?.codeLens?.refreshSupport)
      void this.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  }

  private scheduleGraphChanged(): void {
    if (this.graphTimer) clearTimeout(this.graphTimer);
    // A throw in a timer would end the process: this one goes through tryHandler like every handler.
    this.graphTimer = setTimeout(
      tryHandler(this.connection.console, "graph change check", undefined, () => {
        this.graphTimer = null;
        const shape = this.graphShape();
        if (shape === this.lastGraphShape) return;
        this.lastGraphShape = shape;
        void this.connection.sendNotification(graphChanged, {});
      }),
      GRAPH_CHANGED_DELAY_MS,
    );
  }

  /** What the lineage view draws; positions and code versions move on every keystroke and are left out. */
  private graphShape(): string {
    const graph = this.graph();
    return JSON.stringify([
      graph.nodes.map((n) => [n.key, n.kind, n.group, n.description, n.tags, n.kinds, n.owners, n.ops, n.freshness]),
      graph.edges.map((e) => [e.from, e.to, e.kind]),
      graph.jobs.map((j) => [j.name, j.selection]),
      graph.checks?.map((c) => c.key),
    ]);
  }
}
