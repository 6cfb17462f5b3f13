/** What commands and the lineage view do with an asset: find its workspace folder, open it, materialize. */
import * as vscode from "vscode";
import type { RunTarget } from "./run/materializeArgs";
import type { Runner } from "./run/runner";
import type { GraphCache } from "./server/graphCache";

export class AssetActions {
  constructor(
    private readonly graph: GraphCache,
    private readonly runner: Runner,
  ) {}

  /** The folder of the asset's definition, else of the active editor, else the first one. */
  folderFor(key: string | undefined): vscode.WorkspaceFolder | undefined {
    const file = key === undefined ? undefined : this.graph.node(key)?.location?.file;
    const uri = file ? vscode.Uri.file(file) : vscode.window.activeTextEditor?.document.uri;
    return (uri && vscode.workspace.getWorkspaceFolder(uri)) ?? vscode.workspace.workspaceFolders?.[0];
  }

  /** Opens the asset's definition with its name selected, in the editor column the user works in. */
  async reveal(key: string): Promise<void> {
    const node = this.graph.node(key) ?? (await this.graph.refresh(), this.graph.node(key));
    const location = node?.nameLocation ?? node?.location;
    if (!location) {
      void vscode.window.showWarningMessage(
        `Assetline has no source location for ${key}: it is not defined in this workspace's TypeScript files.`,
      );
      return;
    }
    const { start, end } = location.range;
    const column = vscode.window.visibleTextEditors[0]?.viewColumn ?? vscode.ViewColumn.One;
    await vscode.window.showTextDocument(vscode.Uri.file(location.file), {
      viewColumn: column,
      selection: new vscode.Range(start.line, start.character, end.line, end.character),
    });
  }

  async materialize(target: RunTarget, title: string, key?: string): Promise<void> {
    const folder = this.folderFor(key);
    if (!folder) {
      void vscode.window.showErrorMessage(
        "Assetline materializes inside a workspace folder: open the folder that holds your assets.",
      );
      return;
    }
    await this.runner.materialize(folder, target, title);
  }
}
