/** Tells the user, once per message, that the workspace's CLI speaks another protocol version than the extension. */
import * as vscode from "vscode";
import { cliMismatchMessage } from "assetline/locate";

const said = new Set<string>();

/** `command` as typed (`assetline runs --json`); `found` is what the output declared (undefined: no version). */
export function warnProtocolMismatch(command: string, root: string, bin: string, found: number | undefined): void {
  const message = cliMismatchMessage(command, root, bin, found);
  if (said.has(message)) return;
  said.add(message);
  void vscode.window.showWarningMessage(message);
}
