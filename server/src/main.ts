/**
 * The Assetline language server: `node dist/server.js --stdio` (any LSP client) or `--node-ipc` (VS Code).
 * Every handler is a one-line call into a feature module, wrapped so a failure answers empty instead of crashing.
 */
import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type InitializeParams,
} from "vscode-languageserver/node";
import { SETTINGS_SECTION, type AssetlineInitializationOptions } from "assetline/protocol";
import { RESOLUTION_CONFIG_GLOB } from "assetline/analyze";
import { serverCapabilities } from "./capabilities";
import { codeActions } from "./codeActions";
import { codeLenses } from "./codeLens";
import { completion } from "./completion";
import { uriToPath } from "./convert";
import { assetAt, graphWithStatuses } from "./customRequests";
import { hover } from "./hover";
import { executeInstigatorCommand } from "./instigatorCommands";
import { assetAtRequest, graphRequest, runFinished, trustChanged } from "./lspMessages";
import { definition, references } from "./navigation";
import { prepareRename, rename } from "./rename";
import { documentSymbols, workspaceSymbols } from "./symbols";
import { tryHandler } from "./tryHandler";
import { WorkspaceState } from "./workspaceState";

const connection = createConnection();
const log = connection.console;
// A promise nobody awaits (a request to the client that it answers with an error) must not end the server.
process.on("unhandledRejection", (reason) =>
  log.error(
    `Assetline: unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`,
  ),
);
let workspace: WorkspaceState | undefined;
/** Requests before `initialize` get the empty answer from tryHandler. */
const ws = (): WorkspaceState => {
  if (!workspace) throw new Error("the server has no workspace folder yet");
  return workspace;
};

connection.onInitialize((params) => {
  workspace = new WorkspaceState(
    connection,
    params.capabilities,
    workspaceRoots(params),
    initializationOptions(params),
  );
  return { capabilities: serverCapabilities, serverInfo: { name: "assetline" } };
});

connection.onInitialized(async () => {
  await tryHandler(log, "workspace load", undefined, () => ws().load())(undefined);
  const { workspace: can } = ws().capabilities;
  if (can?.workspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders(
      tryHandler(log, "workspace folders", undefined, ({ added, removed }) =>
        ws().changeFolders(rootsOf(added), rootsOf(removed)),
      ),
    );
  }
  // Clients send changes of files on disk only for the patterns a server registers.
  if (can?.didChangeWatchedFiles?.dynamicRegistration) {
    await connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: "**/*.{ts,tsx}" }, { globPattern: RESOLUTION_CONFIG_GLOB }],
    });
  }
  // VS Code sends settings changes only to a server registered for them; the section limits them to Assetline's.
  if (can?.didChangeConfiguration?.dynamicRegistration) {
    await connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
  }
});

// The notification's own payload is ignored: the server asks again for each folder's settings (workspace/configuration).
connection.onDidChangeConfiguration(tryHandler(log, "settings change", undefined, () => ws().settingsChanged()));
connection.onDidChangeWatchedFiles(tryHandler(log, "file watcher", undefined, (p) => ws().watchedFilesChanged(p)));
connection.onCodeLens(tryHandler(log, "code lens", [], (p) => codeLenses(ws(), p)));
connection.onHover(tryHandler(log, "hover", null, (p) => hover(ws(), p)));
connection.onDefinition(tryHandler(log, "definition", null, (p) => definition(ws(), p)));
connection.onReferences(tryHandler(log, "references", [], (p) => references(ws(), p)));
connection.onCompletion(tryHandler(log, "completion", [], (p) => completion(ws(), p)));
connection.onPrepareRename(tryHandler(log, "rename", null, (p) => prepareRename(ws(), p)));
connection.onRenameRequest(tryHandler(log, "rename", null, (p) => rename(ws(), p)));
connection.onDocumentSymbol(tryHandler(log, "document symbols", [], (p) => documentSymbols(ws(), p)));
connection.onWorkspaceSymbol(tryHandler(log, "workspace symbols", [], (p) => workspaceSymbols(ws(), p)));
connection.onCodeAction(tryHandler(log, "quick fixes", [], (p) => codeActions(ws(), p)));
connection.onExecuteCommand(tryHandler(log, "command", null, (p) => executeInstigatorCommand(ws(), connection, p)));
connection.onRequest(
  graphRequest,
  tryHandler(log, "graph request", { graph: { nodes: [], edges: [], jobs: [] }, statuses: [] }, () =>
    graphWithStatuses(ws()),
  ),
);
connection.onRequest(
  assetAtRequest,
  tryHandler(log, "asset-at request", null, (p) => assetAt(ws(), p)),
);
connection.onNotification(
  trustChanged,
  tryHandler(log, "trust change", undefined, (p) => ws().setTrusted(p.trusted === true)),
);
connection.onNotification(
  runFinished,
  tryHandler(log, "run finished", undefined, () => ws().refreshStatuses()),
);
connection.onShutdown(() => workspace?.dispose());

connection.listen();

function workspaceRoots(params: InitializeParams): string[] {
  return rootsOf(params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri }] : []));
}

function rootsOf(folders: { uri: string }[]): string[] {
  return folders.flatMap(({ uri }) => {
    const path = uriToPath(uri);
    return path ? [path.replace(/\/+$/, "")] : [];
  });
}

/**
 * Clients other than VS Code may send nothing; the safe reading of nothing is "not trusted". The folder settings are
 * for clients that cannot answer `workspace/configuration`, and fill in what an answer leaves out.
 */
function initializationOptions(params: InitializeParams): AssetlineInitializationOptions {
  const options = (params.initializationOptions ?? {}) as Partial<AssetlineInitializationOptions>;
  return {
    trusted: options.trusted === true,
    commandLinks: options.commandLinks === true,
    ...(typeof options.storeFolder === "string" && { storeFolder: options.storeFolder }),
    ...(typeof options.definitionsFile === "string" && { definitionsFile: options.definitionsFile }),
    ...(typeof options.store === "string" && { store: options.store }),
  };
}
