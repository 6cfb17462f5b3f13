/** Assets and jobs as document symbols (outline) and workspace symbols (go to symbol in workspace). */
import {
  SymbolKind,
  type DocumentSymbol,
  type DocumentSymbolParams,
  type WorkspaceSymbol,
  type WorkspaceSymbolParams,
} from "vscode-languageserver/node";
import type { AssetGraph, Position, Range, SourceLocation } from "assetline/protocol";
import { toLocation, toLspRange } from "./convert";
import type { WorkspaceState } from "./workspaceState";

interface AssetSymbol {
  name: string;
  detail: string;
  kind: SymbolKind;
  location: SourceLocation;
  selection: SourceLocation;
}

function symbolsOf(graph: AssetGraph): AssetSymbol[] {
  const assets = graph.nodes.flatMap((node) =>
    node.location
      ? [
          {
            name: node.key,
            detail: `${node.kind} · group ${node.group}`,
            kind: SymbolKind.Constant,
            location: node.location,
            selection: node.nameLocation ?? node.location,
          },
        ]
      : [],
  );
  const jobs = graph.jobs.flatMap((job) =>
    job.location
      ? [
          {
            name: job.name,
            detail: `job · ${job.selection}`,
            kind: SymbolKind.Event,
            location: job.location,
            selection: job.location,
          },
        ]
      : [],
  );
  return [...assets, ...jobs];
}

export function documentSymbols(workspace: WorkspaceState, params: DocumentSymbolParams): DocumentSymbol[] {
  const located = workspace.locate(params.textDocument.uri);
  if (!located) return [];
  return symbolsOf(located.folder.analyzer.graph())
    .filter((symbol) => symbol.location.file === located.file)
    .map((symbol) => {
      const selection = symbol.selection.file === symbol.location.file ? symbol.selection.range : symbol.location.range;
      return {
        name: symbol.name,
        detail: symbol.detail,
        kind: symbol.kind,
        // LSP wants the name inside the range; a binding's name sits before its `asset(...)` call.
        range: toLspRange(cover(symbol.location.range, selection)),
        selectionRange: toLspRange(selection),
      };
    });
}

function cover(a: Range, b: Range): Range {
  const before = (p: Position, q: Position) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return { start: before(b.start, a.start) ? b.start : a.start, end: before(a.end, b.end) ? b.end : a.end };
}

/** Matches the query's characters in order, case-insensitively, as editors do for symbol search. */
function matches(name: string, query: string): boolean {
  let at = 0;
  const lower = name.toLowerCase();
  for (const char of query.toLowerCase()) {
    at = lower.indexOf(char, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

export function workspaceSymbols(workspace: WorkspaceState, params: WorkspaceSymbolParams): WorkspaceSymbol[] {
  return workspace.folders.flatMap((folder) =>
    symbolsOf(folder.analyzer.graph())
      .filter((symbol) => matches(symbol.name, params.query))
      .map((symbol) => ({
        name: symbol.name,
        kind: symbol.kind,
        containerName: symbol.detail,
        location: toLocation(symbol.selection),
      })),
  );
}
