/** What the server offers in `initialize`. */
import { TextDocumentSyncKind, type ServerCapabilities } from "vscode-languageserver/node";
import { COMPLETION_TRIGGERS } from "./completion";
import { INSTIGATOR_COMMANDS } from "./instigatorCommands";

export const serverCapabilities: ServerCapabilities = {
  textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
  codeLensProvider: { resolveProvider: false },
  hoverProvider: true,
  definitionProvider: true,
  referencesProvider: true,
  completionProvider: { triggerCharacters: COMPLETION_TRIGGERS },
  renameProvider: { prepareProvider: true },
  documentSymbolProvider: true,
  workspaceSymbolProvider: true,
  codeActionProvider: { codeActionKinds: ["quickfix"] },
  executeCommandProvider: { commands: INSTIGATOR_COMMANDS },
  workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
};
