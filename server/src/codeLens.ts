/**
 * Lenses above each asset of a file: its state, then the actions the client implements as commands
 * (arguments: [key]). In an untrusted workspace one lens says why nothing can run.
 */
import type { CodeLens, CodeLensParams } from "vscode-languageserver/node";
import type { AssetNode, Range } from "../../sdk/src/protocol";
import { toLspRange } from "./convert";
import { stateTitle } from "./statusText";
import type { Located, WorkspaceState } from "./workspaceState";

export const LensCommands = {
  materialize: "assetline.materialize",
  materializeWithUpstream: "assetline.materializeWithUpstream",
  showLineage: "assetline.showLineage",
  manageTrust: "workbench.trust.manage",
} as const;

export function codeLenses(workspace: WorkspaceState, params: CodeLensParams): CodeLens[] {
  const located = workspace.locate(params.textDocument.uri);
  if (!located) return [];
  return located.folder.analyzer
    .graph()
    .nodes.flatMap((node) => {
      const at = node.nameLocation ?? node.location;
      return at?.file === located.file ? lensesFor(node, at.range, located, workspace.isTrusted) : [];
    });
}

function lensesFor(node: AssetNode, at: Range, { folder }: Located, trusted: boolean): CodeLens[] {
  const range = toLspRange(at);
  const lens = (title: string, command: string, args: unknown[] = [node.key]): CodeLens => ({ range, command: { title, command, arguments: args } });
  if (!trusted) return [lens("⚠ Materialize disabled: workspace not trusted", LensCommands.manageTrust, [])];
  const lenses: CodeLens[] = [];
  if (folder.statuses.known) {
    const status = folder.statuses.get(node.key);
    // The state lens only informs; an empty command makes it plain text in every client.
    lenses.push(lens(status ? stateTitle(status) : "○ never materialized", "", []));
  }
  // An external asset is produced elsewhere: there is nothing to run, only to look at.
  if (node.kind !== "external") {
    lenses.push(lens("▶ Materialize", LensCommands.materialize), lens("Materialize with upstream", LensCommands.materializeWithUpstream));
  }
  lenses.push(lens("Lineage", LensCommands.showLineage));
  return lenses;
}
