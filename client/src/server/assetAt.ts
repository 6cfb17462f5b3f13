/** Asks the server which asset is at the cursor (its definition or a reference to it). */
import type * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { AssetAtRequest } from "assetline/protocol";
import { requestType } from "./messageTypes";

export async function assetAtCursor(
  client: LanguageClient,
  editor: vscode.TextEditor | undefined,
): Promise<string | undefined> {
  if (editor?.document.uri.scheme !== "file" || editor.document.languageId !== "typescript") return undefined;
  const { line, character } = editor.selection.active;
  const found = await client.sendRequest(requestType(AssetAtRequest), {
    uri: editor.document.uri.toString(),
    position: { line, character },
  });
  return found?.key;
}
