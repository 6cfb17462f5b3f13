/** Quick fixes for a key that names no asset (an upstream, a check's asset): use the did-you-mean, or create a stub asset. */
import { readFileSync } from "node:fs";
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { DiagnosticCodes, type AnalyzerDiagnostic } from "assetline/analyze";
import { IDENTIFIER, stubAssetEdits } from "./stubAsset";
import type { WorkspaceState } from "./workspaceState";

const MISSING_KEY = new Set<string>([
  DiagnosticCodes.missingUpstream,
  DiagnosticCodes.missingCheckAsset,
  DiagnosticCodes.missingResource,
]);

export function codeActions(workspace: WorkspaceState, params: CodeActionParams): CodeAction[] {
  const located = workspace.locate(params.textDocument.uri);
  if (!located) return [];
  const missing = params.context.diagnostics.filter((d) => d.source === "assetline" && MISSING_KEY.has(String(d.code)));
  if (missing.length === 0) return [];
  const uri = params.textDocument.uri;
  const document =
    workspace.documents.get(uri) ?? TextDocument.create(uri, "typescript", 0, readFileSync(located.file, "utf8"));
  return missing.flatMap((diagnostic) => {
    const data = missingKeyData(diagnostic.data);
    const actions: CodeAction[] = [];
    const replacement = data.suggestion && replaceKey(document, diagnostic, data.suggestion);
    if (replacement) actions.push(replacement);
    if (data.missingKey) {
      actions.push({
        title: `Create asset ${data.missingKey} at the end of this file`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [uri]: stubAssetEdits(document, data.missingKey) } },
      });
    }
    return actions;
  });
}

/** The analyzer's `data` as it comes back from the client: untyped JSON, so checked field by field. */
function missingKeyData(data: unknown): NonNullable<AnalyzerDiagnostic["data"]> {
  const fields = typeof data === "object" && data !== null ? (data as Record<string, unknown>) : {};
  return {
    ...(typeof fields.missingKey === "string" && { missingKey: fields.missingKey }),
    ...(typeof fields.suggestion === "string" && { suggestion: fields.suggestion }),
  };
}

/** Replaces the key inside its quotes, or a handle by the suggestion when that is an identifier too. */
function replaceKey(document: TextDocument, diagnostic: Diagnostic, suggestion: string): CodeAction | null {
  const written = document.getText(diagnostic.range);
  const quoted = written.length >= 2 && /^["'`]/.test(written) && written.at(-1) === written[0];
  if (!quoted && !IDENTIFIER.test(suggestion)) return null;
  const range = quoted
    ? {
        start: { ...diagnostic.range.start, character: diagnostic.range.start.character + 1 },
        end: { ...diagnostic.range.end, character: diagnostic.range.end.character - 1 },
      }
    : diagnostic.range;
  return {
    title: `Change to ${suggestion}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: true,
    edit: { changes: { [document.uri]: [{ range, newText: suggestion }] } },
  };
}
