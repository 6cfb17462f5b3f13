/**
 * A test client for the real language server: spawns `node dist/server.js --stdio`, speaks LSP to it over
 * vscode-languageserver-protocol, and offers one typed helper per request the tests use.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  CodeActionRequest,
  CodeLensRefreshRequest,
  CodeLensRequest,
  CompletionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DefinitionRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  ExitNotification,
  FileChangeType,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PrepareRenameRequest,
  PublishDiagnosticsNotification,
  ReferencesRequest,
  RegistrationRequest,
  RenameRequest,
  ShowMessageNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkspaceSymbolRequest,
  type CodeAction,
  type CodeLens,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type Hover,
  type Location,
  type Position,
  type ProtocolConnection,
  type SymbolInformation,
  type WorkspaceEdit,
  type WorkspaceSymbol,
} from "vscode-languageserver-protocol/node";
import type {
  AssetlineFolderSettings,
  AssetlineInitializationOptions,
  AssetAtParams,
  GraphWithStatuses,
} from "../../sdk/src/protocol";
import {
  AssetAtRequest,
  GraphChangedNotification,
  GraphRequest,
  RunFinishedNotification,
  TrustChangedNotification,
} from "../../sdk/src/protocol";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const serverScript = fileURLToPath(new URL("../../dist/server.js", import.meta.url));

export const uriOf = (file: string): string => pathToFileURL(file).toString();

export interface StartOptions extends Partial<AssetlineInitializationOptions> {
  root: string;
  /** More workspace folders after `root`. */
  moreRoots?: string[];
  /**
   * Makes the client answer `workspace/configuration` as VS Code does: the `assetline` section of each folder, asked
   * for by root (null: the client has no such settings). Without it the client declares no configuration support.
   */
  settingsOf?: (root: string) => AssetlineFolderSettings | null;
}

export class TestClient {
  /** Latest diagnostics per URI, as published. */
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly logs: string[] = [];
  /** What the server showed the user (window/showMessage). */
  readonly messages: string[] = [];
  lensRefreshes = 0;
  graphChanges = 0;
  /** Methods the server registered for dynamically. */
  readonly registrations: string[] = [];
  private versions = new Map<string, number>();
  private waiters: (() => void)[] = [];
  private publishWaiters = new Map<string, (() => void)[]>();

  private constructor(
    readonly connection: ProtocolConnection,
    private readonly child: ChildProcess,
  ) {
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.diagnostics.set(params.uri, params.diagnostics);
      for (const resolve of this.publishWaiters.get(params.uri)?.splice(0) ?? []) resolve();
      this.wake();
    });
    connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params.message);
    });
    connection.onNotification(ShowMessageNotification.type, (params) => {
      this.messages.push(params.message);
      this.wake();
    });
    connection.onRequest(CodeLensRefreshRequest.type, () => {
      this.lensRefreshes += 1;
      this.wake();
    });
    connection.onNotification(GraphChangedNotification.method, () => {
      this.graphChanges += 1;
      this.wake();
    });
    connection.onRequest(RegistrationRequest.type, ({ registrations }) => {
      this.registrations.push(...registrations.map((registration) => registration.method));
    });
    connection.listen();
  }

  static async start(options: StartOptions): Promise<TestClient> {
    if (!existsSync(serverScript))
      throw new Error(`${serverScript} is missing: run \`node scripts/build.mjs sdk server\` first.`);
    const child = spawn(process.execPath, [serverScript, "--stdio"], {
      cwd: options.root,
      stdio: ["pipe", "pipe", "inherit"],
    });
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    const client = new TestClient(connection, child);
    const { root, moreRoots = [], settingsOf, ...initializationOptions } = options;
    if (settingsOf) {
      connection.onRequest(ConfigurationRequest.type, ({ items }) =>
        items.map((item) =>
          item.section === "assetline" && item.scopeUri ? settingsOf(fileURLToPath(item.scopeUri)) : null,
        ),
      );
    }
    const configuration = settingsOf
      ? { configuration: true, didChangeConfiguration: { dynamicRegistration: true } }
      : {};
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: uriOf(root),
      workspaceFolders: [root, ...moreRoots].map((folder) => ({ uri: uriOf(folder), name: folder })),
      initializationOptions,
      capabilities: {
        workspace: {
          codeLens: { refreshSupport: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
          workspaceFolders: true,
          ...configuration,
        },
        textDocument: { publishDiagnostics: { relatedInformation: true } },
      },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** Resolves when `check` returns a value, re-checking after every message that could change it. */
  async until<T>(
    what: string,
    check: () => T | undefined | false | Promise<T | undefined | false>,
    timeoutMs = 30_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value !== undefined && value !== false) return value;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}. Server log:\n${this.logs.join("\n")}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Resolves at the next publishDiagnostics for this file (call before the change that causes it). */
  nextPublish(file: string): Promise<void> {
    return new Promise((resolve) => {
      const uri = uriOf(file);
      this.publishWaiters.set(uri, [...(this.publishWaiters.get(uri) ?? []), resolve]);
    });
  }

  diagnosticsOf(file: string): Diagnostic[] {
    return this.diagnostics.get(uriOf(file)) ?? [];
  }

  async open(file: string, text = readFileSync(file, "utf8")): Promise<void> {
    this.versions.set(file, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uriOf(file), languageId: "typescript", version: 1, text },
    });
  }

  /** Replaces the whole text of an open document. */
  async change(file: string, text: string): Promise<void> {
    const version = (this.versions.get(file) ?? 1) + 1;
    this.versions.set(file, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uriOf(file), version },
      contentChanges: [{ text }],
    });
  }

  async changedOnDisk(file: string, type: FileChangeType = FileChangeType.Changed): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uriOf(file), type }],
    });
  }

  async changeFolders(added: string[], removed: string[]): Promise<void> {
    const folders = (roots: string[]) => roots.map((root) => ({ uri: uriOf(root), name: root }));
    await this.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
      event: { added: folders(added), removed: folders(removed) },
    });
  }

  /** What VS Code sends when a setting changes: no settings, as a server that pulls them expects. */
  async settingsChanged(): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  codeLenses(file: string): Promise<CodeLens[] | null> {
    return this.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: uriOf(file) } });
  }

  hover(file: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uriOf(file) }, position });
  }

  async definition(file: string, position: Position): Promise<Location[]> {
    const result = await this.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri: uriOf(file) },
      position,
    });
    if (!result) return [];
    return (Array.isArray(result) ? result : [result]).map((item) =>
      "targetUri" in item ? { uri: item.targetUri, range: item.targetSelectionRange } : item,
    );
  }

  async references(file: string, position: Position, includeDeclaration = false): Promise<Location[]> {
    return (
      (await this.connection.sendRequest(ReferencesRequest.type, {
        textDocument: { uri: uriOf(file) },
        position,
        context: { includeDeclaration },
      })) ?? []
    );
  }

  async completion(file: string, position: Position): Promise<CompletionItem[]> {
    const result: CompletionItem[] | CompletionList | null = await this.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: uriOf(file) },
      position,
    });
    return Array.isArray(result) ? result : (result?.items ?? []);
  }

  prepareRename(file: string, position: Position) {
    return this.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: uriOf(file) }, position });
  }

  rename(file: string, position: Position, newName: string): Promise<WorkspaceEdit | null> {
    return this.connection.sendRequest(RenameRequest.type, { textDocument: { uri: uriOf(file) }, position, newName });
  }

  async codeActions(file: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const result = await this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uriOf(file) },
      range,
      context: { diagnostics },
    });
    return (result ?? []).filter(
      (item): item is CodeAction => "title" in item && !("command" in item && typeof item.command === "string"),
    );
  }

  async documentSymbols(file: string): Promise<DocumentSymbol[]> {
    return ((await this.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: uriOf(file) } })) ??
      []) as DocumentSymbol[];
  }

  async workspaceSymbols(query: string): Promise<(SymbolInformation | WorkspaceSymbol)[]> {
    return (await this.connection.sendRequest(WorkspaceSymbolRequest.type, { query })) ?? [];
  }

  graph(): Promise<GraphWithStatuses> {
    return this.connection.sendRequest(GraphRequest.method, {});
  }

  assetAt(params: AssetAtParams): Promise<{ key: string } | null> {
    return this.connection.sendRequest(AssetAtRequest.method, params);
  }

  trustChanged(trusted: boolean): Promise<void> {
    return this.connection.sendNotification(TrustChangedNotification.method, { trusted });
  }

  runFinished(runId: string): Promise<void> {
    return this.connection.sendNotification(RunFinishedNotification.method, { runId });
  }

  /** The server process's resident memory, in bytes (from `ps`, so the server needs no debug request for it). */
  residentBytes(): number {
    const kilobytes = Number(execFileSync("ps", ["-o", "rss=", "-p", String(this.child.pid)], { encoding: "utf8" }));
    if (!Number.isFinite(kilobytes) || kilobytes <= 0)
      throw new Error(`ps reported no memory for the server (pid ${this.child.pid})`);
    return kilobytes * 1024;
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    await this.connection.sendRequest(ShutdownRequest.type).catch(() => undefined);
    await this.connection.sendNotification(ExitNotification.type).catch(() => undefined);
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
    if (this.child.exitCode === null) this.child.kill();
    this.connection.dispose();
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}
