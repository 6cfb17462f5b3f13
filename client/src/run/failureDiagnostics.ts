/** A diagnostic on each failed asset's definition, with the error; cleared when the asset next materializes. */
import * as vscode from "vscode";
import type { AssetNode, Range, StepError } from "assetline/protocol";

function toRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export class FailureDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection("assetline-runs");
  private readonly byKey = new Map<string, { uri: vscode.Uri; diagnostic: vscode.Diagnostic }>();

  /** Marks the asset's definition (its name, else the whole call) with the step's error. */
  fail(node: AssetNode, runId: string, error: StepError): void {
    const location = node.nameLocation ?? node.location;
    if (!location) return;
    const diagnostic = new vscode.Diagnostic(
      toRange(location.range),
      `${node.key} failed in run ${runId}: ${error.message}`,
      vscode.DiagnosticSeverity.Error,
    );
    diagnostic.source = "assetline";
    if (error.location) {
      // Stack positions are one-based; VS Code's are zero-based.
      const thrownAt = new vscode.Position(Math.max(0, error.location.line - 1), Math.max(0, error.location.column - 1));
      diagnostic.relatedInformation = [
        new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.file(error.location.file), thrownAt), "thrown here"),
      ];
    }
    this.byKey.set(node.key, { uri: vscode.Uri.file(location.file), diagnostic });
    this.publish();
  }

  clear(keys: string[]): void {
    if (keys.map((key) => this.byKey.delete(key)).some(Boolean)) this.publish();
  }

  private publish(): void {
    const byFile = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
    for (const { uri, diagnostic } of this.byKey.values()) {
      const entry = byFile.get(uri.toString()) ?? { uri, diagnostics: [] };
      entry.diagnostics.push(diagnostic);
      byFile.set(uri.toString(), entry);
    }
    this.collection.clear();
    for (const { uri, diagnostics } of byFile.values()) this.collection.set(uri, diagnostics);
  }

  dispose(): void {
    this.collection.dispose();
  }
}
