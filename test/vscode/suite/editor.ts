/** What the real-editor tests do through the VS Code API: open the example's files, wait for the extension, edit. */
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import type { AssetlineApi } from "../../../client/src/api";

export const extensionId = "assetline.assetline-vscode";

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, "The tests need the example workspace open as the first folder.");
  return folder.uri;
}

export function workspaceFile(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), relative);
}

export async function openFile(relative: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(relative));
  return vscode.window.showTextDocument(document);
}

/** Polls `probe` until it returns a value other than undefined; on timeout names what it waited for and what it last saw. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : "";
      throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}${cause}.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Rejects naming `what` when `promise` has not settled after `timeoutMs`. */
export function within<T>(what: string, promise: Promise<T>, timeoutMs = 60_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}.`)),
      timeoutMs,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The extension's API; activates it as VS Code would on opening a TypeScript file, if that has not happened yet. */
export async function assetlineApi(): Promise<AssetlineApi> {
  const extension = vscode.extensions.getExtension<AssetlineApi>(extensionId);
  assert.ok(extension, `Extension ${extensionId} is not loaded: is extensionDevelopmentPath the repository root?`);
  return extension.isActive ? extension.exports : extension.activate();
}

/** The position of the `occurrence`-th match of `text` in the document, plus `offset` characters. */
export function positionOf(document: vscode.TextDocument, text: string, offset = 0, occurrence = 1): vscode.Position {
  let index = -1;
  for (let n = 0; n < occurrence; n++) {
    index = document.getText().indexOf(text, index + 1);
    assert.ok(
      index >= 0,
      `"${text}" (occurrence ${occurrence}) is not in ${document.uri.fsPath}: has the example changed?`,
    );
  }
  return document.positionAt(index + offset);
}

/** The resolved code-lens titles on each line of a file. */
export async function lensTitlesByLine(uri: vscode.Uri): Promise<Map<number, string[]>> {
  const lenses =
    (await vscode.commands.executeCommand<vscode.CodeLens[]>("vscode.executeCodeLensProvider", uri, 1000)) ?? [];
  const byLine = new Map<number, string[]>();
  for (const lens of lenses) {
    const title = lens.command?.title;
    if (title) byLine.set(lens.range.start.line, [...(byLine.get(lens.range.start.line) ?? []), title]);
  }
  return byLine;
}

/** The lens titles on `line`, once one of them matches `pattern`. */
export function waitForLens(uri: vscode.Uri, line: number, pattern: RegExp, timeoutMs?: number): Promise<string[]> {
  return waitFor(
    `a code lens matching ${pattern} on line ${line + 1} of ${vscode.workspace.asRelativePath(uri)}`,
    async () => {
      const titles = (await lensTitlesByLine(uri)).get(line) ?? [];
      return titles.some((title) => pattern.test(title)) ? titles : undefined;
    },
    timeoutMs,
  );
}

/** The hover text at a position, all providers' Markdown joined. */
export async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers =
    (await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", uri, position)) ?? [];
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === "string" ? content : content.value))
    .join("\n");
}

/** Assetline's error diagnostics in a file whose message mentions `text`. */
export function assetlineErrors(uri: vscode.Uri, text: string): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter(
      (diagnostic) => diagnostic.severity === vscode.DiagnosticSeverity.Error && diagnostic.message.includes(text),
    );
}

/**
 * Replaces the first `search` in the document with `replacement`, unsaved, as typing would. Returns the fix: it types
 * the original text back and leaves the document clean, as it is on disk.
 */
export async function replaceText(
  document: vscode.TextDocument,
  search: string,
  replacement: string,
): Promise<() => Promise<void>> {
  const onDisk = document.getText();
  await applyReplacement(document, search, replacement);
  return async () => {
    await applyReplacement(document, replacement, search);
    assert.equal(document.getText(), onDisk, `Typing the original text back did not restore ${document.uri.fsPath}.`);
    await leaveClean(document);
  };
}

/**
 * Leaves a document whose text is back to the disk's not dirty. A save of a document in no visible editor now and
 * then reports false (2 of some 30 runs here); reverting from disk then reaches the same end state.
 */
export async function leaveClean(document: vscode.TextDocument): Promise<void> {
  if (!(await document.save())) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand("workbench.action.files.revert");
  }
  assert.equal(document.isDirty, false, `${document.uri.fsPath} is still dirty after saving and reverting it.`);
}

async function applyReplacement(document: vscode.TextDocument, search: string, replacement: string): Promise<void> {
  const start = positionOf(document, search);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(
    document.uri,
    new vscode.Range(start, document.positionAt(document.offsetAt(start) + search.length)),
    replacement,
  );
  assert.ok(await vscode.workspace.applyEdit(edit), `VS Code refused to edit ${document.uri.fsPath}.`);
}

/** Renames the key written as `written` in the document (the key itself, `from`) to `to`, and applies the edit. */
export async function renameKey(
  document: vscode.TextDocument,
  written: string,
  from: string,
  to: string,
): Promise<void> {
  const at = positionOf(document, written, written.indexOf(from) + 2);
  const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
    "vscode.executeDocumentRenameProvider",
    document.uri,
    at,
    to,
  );
  assert.ok(edit && edit.size > 0, `Renaming ${from} produced no edit.`);
  assert.ok(await vscode.workspace.applyEdit(edit), "VS Code refused the rename edit.");
}
