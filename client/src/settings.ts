/** The extension's settings, read for one workspace folder. */
import * as vscode from "vscode";
import { DEFAULT_STORE_FOLDER } from "assetline/protocol";
import type { CliSettings } from "./run/materializeArgs";

export type AssetlineSettings = CliSettings;

export function readSettings(scope: vscode.Uri | undefined): AssetlineSettings {
  const config = vscode.workspace.getConfiguration("assetline", scope);
  return {
    concurrency: config.get<number>("concurrency", 0),
    storeFolder: config.get<string>("storeFolder", DEFAULT_STORE_FOLDER),
    definitionsFile: config.get<string>("definitionsFile", ""),
    store: config.get<string>("store", ""),
    executor: config.get<"local" | "queue">("executor", "local"),
    storage: config.get<string>("storage", ""),
  };
}
