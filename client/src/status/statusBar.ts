/** The status bar item: the running step, else how many assets are stale; a click opens the lineage. */
import * as vscode from "vscode";
import type { GraphCache } from "../server/graphCache";
import type { Runner } from "../run/runner";
import { statusText } from "./statusText";

export function createStatusBar(graph: GraphCache, runner: Runner): vscode.Disposable {
  const item = vscode.window.createStatusBarItem("assetline.status", vscode.StatusBarAlignment.Left, 10);
  item.name = "Assetline";
  item.command = "assetline.showLineage";
  const update = (): void => {
    const { text, tooltip } = statusText({
      running: runner.runningStep(),
      graph: graph.graph,
      trusted: vscode.workspace.isTrusted,
    });
    item.text = text;
    item.tooltip = tooltip;
  };
  update();
  item.show();
  return vscode.Disposable.from(
    item,
    graph.onDidChange(update),
    runner.onProgress(update),
    vscode.workspace.onDidGrantWorkspaceTrust(update),
  );
}
