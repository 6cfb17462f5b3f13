/** Analyzer data (absolute forward-slash paths, LSP-shaped ranges) to LSP types and back. */
import type { Location, Range as LspRange } from "vscode-languageserver/node";
import { URI } from "vscode-uri";
import type { Range, SourceLocation } from "assetline/protocol";

/** The analyzer's path for a `file:` URI, or null for any other scheme (untitled buffers, git views). */
export function uriToPath(uri: string): string | null {
  const parsed = URI.parse(uri);
  if (parsed.scheme !== "file") return null;
  return parsed.fsPath.replace(/\\/g, "/");
}

/** The URI VS Code itself would write for a path, so diagnostics land on the open editor's document. */
export function pathToUri(path: string): string {
  return URI.file(path).toString();
}

export function toLspRange(range: Range): LspRange {
  return { start: { ...range.start }, end: { ...range.end } };
}

export function toLocation(location: SourceLocation): Location {
  return { uri: pathToUri(location.file), range: toLspRange(location.range) };
}
