/** Workspace Trust: analysis works everywhere, but materializing runs the workspace's code and needs trust. */
import * as vscode from "vscode";

const manageTrust = "Manage Workspace Trust";

/**
 * True when the workspace is trusted; otherwise says why nothing runs and offers to manage trust. `action` names what
 * was refused, as the message says it: `start automation`.
 */
export function ensureTrusted(action = "materialize assets"): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window
    .showWarningMessage(
      `Assetline does not ${action} in Restricted Mode: a run executes this workspace's code. Trust the workspace to ${action}; analysis, lenses and lineage work without it.`,
      manageTrust,
    )
    .then((choice) => {
      if (choice === manageTrust) void vscode.commands.executeCommand("workbench.trust.manage");
    });
  return false;
}
