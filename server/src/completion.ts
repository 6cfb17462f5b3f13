/** Asset keys where a key is expected: `ins`, `deps`, key arguments, selection strings and `AssetSelection` calls. */
import { CompletionItemKind, MarkupKind, type CompletionItem, type CompletionParams } from "vscode-languageserver/node";
import { toLspRange } from "./convert";
import type { WorkspaceState } from "./workspaceState";

/** Quotes open a key, `:` follows `key:` in a selection, `/` separates a prefixed key. */
export const COMPLETION_TRIGGERS = ['"', "'", "`", ":", "/"];

export function completion(workspace: WorkspaceState, params: CompletionParams): CompletionItem[] {
  const located = workspace.locate(params.textDocument.uri);
  if (!located) return [];
  const { analyzer } = located.folder;
  const found = analyzer.completionsAt(located.file, params.position);
  if (!found) return [];
  const nodes = new Map(analyzer.graph().nodes.map((node) => [node.key, node]));
  const range = toLspRange(found.range);
  return found.keys.map((key) => {
    const node = nodes.get(key);
    return {
      label: key,
      kind: CompletionItemKind.Reference,
      detail: node ? `${node.kind} · group ${node.group}` : "asset",
      ...(node?.description && { documentation: { kind: MarkupKind.Markdown, value: node.description } }),
      textEdit: { range, newText: key },
      // Clients filter against the replaced text, which for `key:ord` is `ord`, not the whole string.
      filterText: key,
    };
  });
}
