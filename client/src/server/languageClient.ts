/** Starts the bundled language server (`dist/server.js`) over IPC for TypeScript files. */
import * as vscode from "vscode";
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";
import { HOVER_COMMANDS, type AssetlineInitializationOptions } from "assetline/protocol";

/**
 * Read at every (re)start. Each folder's store and definitions settings are not passed here: the server asks for them
 * per folder (workspace/configuration) and again whenever they change.
 */
function initializationOptions(): AssetlineInitializationOptions {
  return { trusted: vscode.workspace.isTrusted, commandLinks: true };
}

export function createLanguageClient(
  context: vscode.ExtensionContext,
  outputChannel: vscode.LogOutputChannel,
): LanguageClient {
  const module = context.asAbsolutePath("dist/server.js");
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6019"] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: "file", language: "typescript" }],
    initializationOptions,
    outputChannel,
    // Hover links may run these commands and no other.
    markdown: { isTrusted: { enabledCommands: [...HOVER_COMMANDS] } },
  };
  return new LanguageClient("assetline", "Assetline Language Server", serverOptions, clientOptions);
}
