/** Rename of an asset key: every string that names it, and its explicit `key`, in one workspace edit. */
import {
  ResponseError,
  ErrorCodes,
  type PrepareRenameParams,
  type Range,
  type RenameParams,
  type TextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver/node";
import { keyProblem } from "assetline/analyze";
import { pathToUri, toLspRange } from "./convert";
import type { WorkspaceState } from "./workspaceState";

export function prepareRename(
  workspace: WorkspaceState,
  params: PrepareRenameParams,
): { range: Range; placeholder: string } | null {
  const located = workspace.locate(params.textDocument.uri);
  const at = located?.folder.analyzer.assetAt(located.file, params.position);
  return at ? { range: toLspRange(at.range), placeholder: at.key } : null;
}

export function rename(workspace: WorkspaceState, params: RenameParams): WorkspaceEdit | null {
  const located = workspace.locate(params.textDocument.uri);
  const at = located?.folder.analyzer.assetAt(located.file, params.position);
  if (!located || !at) return null;
  const problem = keyProblem(params.newName);
  // Shown to the user by the client; a bad key would break every reference at once.
  if (problem) throw new ResponseError(ErrorCodes.InvalidParams, `Cannot rename ${at.key}: ${problem}.`);
  const changes: Record<string, TextEdit[]> = {};
  for (const edit of located.folder.analyzer.renameKey(at.key, params.newName)) {
    (changes[pathToUri(edit.file)] ??= []).push({ range: toLspRange(edit.range), newText: edit.newText });
  }
  return { changes };
}
