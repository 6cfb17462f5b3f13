/**
 * The editor's runs in the Problems panel: an error on each failed asset's definition and on each blocking check that
 * failed its step, a warning on each asset such a check kept from materializing. An asset's is cleared when it next
 * materializes, a check's when it is next evaluated without failing its step. Failures are kept by key and placed
 * again from every new graph, so an edit above a definition moves its diagnostic along.
 */
import * as vscode from "vscode";
import { forwardSlashes } from "../paths";
import type { GraphCache } from "../server/graphCache";
import { failureId, placeFailure, type FailurePlacement, type RecordedFailure } from "./failurePlacement";

const pathOf = (uri: vscode.Uri): string => forwardSlashes(uri.fsPath);
const storedId = (root: string, id: string) => `${root}\0${id}`;

function toDiagnostic({ range, message, severity, thrownAt }: FailurePlacement): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(
    new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character),
    message,
    severity === "error" ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
  );
  diagnostic.source = "assetline";
  if (thrownAt) {
    const position = new vscode.Position(thrownAt.position.line, thrownAt.position.character);
    diagnostic.relatedInformation = [
      new vscode.DiagnosticRelatedInformation(
        new vscode.Location(vscode.Uri.file(thrownAt.file), position),
        "thrown here",
      ),
    ];
  }
  return diagnostic;
}

export class FailureDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection("assetline-runs");
  /** By folder and failure id: two folders of a multi-root workspace may share a key. */
  private readonly failures = new Map<string, { root: string; failure: RecordedFailure }>();
  /** Files the shown diagnostics point into: an edit there may move a definition. */
  private shownFiles = new Set<string>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly graph: GraphCache) {
    this.subscriptions = [
      graph.onDidChange(() => this.publish()),
      // The server announces a new graph only when its shape changes, not when a definition merely moves: ask for it.
      vscode.workspace.onDidChangeTextDocument(({ document, contentChanges }) => {
        if (contentChanges.length > 0 && this.shownFiles.has(pathOf(document.uri))) graph.refreshSoon();
      }),
    ];
  }

  /** Shows `failure` on its definition in the folder `root`, in place of the one it replaces (see failureId). */
  record(root: string, failure: RecordedFailure): void {
    this.failures.set(storedId(root, failureId(failure)), { root, failure });
    this.publish();
  }

  /** Clears the failures with these ids (see failureId): asset keys, check keys with their partition. */
  clear(root: string, ids: string[]): void {
    if (ids.map((id) => this.failures.delete(storedId(root, id))).some(Boolean)) this.publish();
  }

  /**
   * A failure whose asset or check is not in the graph (renamed away, deleted) is not shown: a diagnostic must underline the
   * code that failed, and on any other line it would only mislead. It is kept, though, and shows again if the key
   * comes back, as it does mid-edit while typing in a key string or on undo; the run's log stays the full record.
   */
  private publish(): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    const shown = new Set<string>();
    for (const { root, failure } of this.failures.values()) {
      const node = failure.on === "check" ? this.graph.check(failure.key, root) : this.graph.node(failure.key, root);
      const placement = placeFailure(failure, node, (file) => this.lineCount(file));
      if (!placement) continue;
      byFile.set(placement.file, [...(byFile.get(placement.file) ?? []), toDiagnostic(placement)]);
      shown.add(placement.file);
      if (placement.thrownAt) shown.add(placement.thrownAt.file);
    }
    this.shownFiles = shown;
    this.collection.clear();
    for (const [file, diagnostics] of byFile) this.collection.set(vscode.Uri.file(file), diagnostics);
  }

  private lineCount(file: string): number | undefined {
    return vscode.workspace.textDocuments.find((document) => pathOf(document.uri) === forwardSlashes(file))?.lineCount;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.collection.dispose();
  }
}
