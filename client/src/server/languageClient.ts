/** Starts the bundled language server (`dist/server.js`) over IPC for TypeScript files. */
import * as vscode from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
import type { AssetlineInitializationOptions } from "assetline/protocol";
import { readSettings } from "../settings";

/** Read at every (re)start, so a changed setting or trust takes effect when the server restarts. */
function initializationOptions(): AssetlineInitializationOptions {
  const settings = readSettings(vscode.workspace.workspaceFolders?.[0]?.uri);
  return {
    trusted: vscode.workspace.isTrusted,
    storeFolder: settings.storeFolder,
    ...(settings.definitionsFile ? { definitionsFile: settings.definitionsFile } : {}),
  };
}

export function createLanguageClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath("dist/server.js");
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6019"] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: "file", language: "typescript" }],
    initializationOptions,
    outputChannel,
  };
  return new LanguageClient("assetline", "Assetline Language Server", serverOptions, clientOptions);
}
