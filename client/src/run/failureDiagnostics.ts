/**
 * A diagnostic on each failed asset's definition, with the error; cleared when the asset next materializes. Failures
 * are kept by asset key and placed again from every new graph, so an edit above a definition moves its diagnostic along.
 */
import * as vscode from "vscode";
import type { AssetNode, StepError } from "assetline/protocol";
import { forwardSlashes } from "../paths";
import type { GraphCache } from "../server/graphCache";
import { placeFailure, type FailurePlacement, type RecordedFailure } from "./failurePlacement";

const pathOf = (uri: vscode.Uri): string => forwardSlashes(uri.fsPath);
const failureId = (root: string, key: string) => `${root}\0${key}`;

function toDiagnostic({ range, message, thrownAt }: FailurePlacement): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(
    new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character),
    message,
    vscode.DiagnosticSeverity.Error,
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
  /** By folder and key: two folders of a multi-root workspace may share a key. */
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

  /** Marks the asset's definition (its name, else the whole call) in the folder `root` with the step's error. */
  fail(root: string, node: AssetNode, runId: string, error: StepError): void {
    this.failures.set(failureId(root, node.key), {
      root,
      failure: { key: node.key, runId, error, definitionAtFailure: node.location },
    });
    this.publish();
  }

  clear(root: string, keys: string[]): void {
    if (keys.map((key) => this.failures.delete(failureId(root, key))).some(Boolean)) this.publish();
  }

  /**
   * A failure whose asset is not in the graph (renamed away, deleted) is not shown: a diagnostic must underline the
   * code that failed, and on any other line it would only mislead. It is kept, though, and shows again if the key
   * comes back, as it does mid-edit while typing in a key string or on undo; the run's log stays the full record.
   */
  private publish(): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    const shown = new Set<string>();
    for (const { root, failure } of this.failures.values()) {
      const placement = placeFailure(failure, this.graph.node(failure.key, root), (file) => this.lineCount(file));
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
