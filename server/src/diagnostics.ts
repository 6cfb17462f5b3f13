/** Analyzer diagnostics to LSP, with the server's own beside them (overdue assets), published per file of one folder. */
import { DiagnosticSeverity, type Connection, type Diagnostic } from "vscode-languageserver/node";
import { DiagnosticCodes, type Analyzer, type AnalyzerDiagnostic } from "assetline/analyze";
import { pathToUri, toLocation, toLspRange } from "./convert";

function toLspDiagnostic(diagnostic: AnalyzerDiagnostic): Diagnostic {
  return {
    range: toLspRange(diagnostic.range),
    severity: diagnostic.severity === "error" ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: diagnostic.code,
    source: "assetline",
    message: diagnostic.message,
    ...(diagnostic.related && {
      relatedInformation: diagnostic.related.map((related) => ({
        location: toLocation(related.location),
        message: related.message,
      })),
    }),
    // Quick fixes read the missing key and the suggestion back from here.
    ...(diagnostic.data && { data: diagnostic.data }),
  };
}

/** Diagnostics the server adds to the analyzer's, from what the store says (see freshnessDiagnostics.ts). */
export interface StoreDiagnostics {
  of(file: string): Diagnostic[];
  /** The files `of` has something for. */
  files(): Set<string>;
}

const NO_STORE_DIAGNOSTICS: StoreDiagnostics = { of: () => [], files: () => new Set() };

export class DiagnosticsPublisher {
  /** Files whose last published list was not empty. */
  private readonly nonEmpty = new Set<string>();
  /** Files whose last published list held store diagnostics. */
  private readonly withStore = new Set<string>();

  constructor(
    private readonly connection: Connection,
    /** The URI the client uses for a file: the open document's own, else the file URI. */
    private readonly uriOf: (file: string) => string = pathToUri,
  ) {}

  /** Publishes exactly these files (what `update()` or `remove()` returned), empty lists included. */
  publish(analyzer: Analyzer, files: Iterable<string>, store = NO_STORE_DIAGNOSTICS): void {
    for (const file of files) this.send(file, analyzer.diagnostics(file), store.of(file));
  }

  /** The store was read again: the files whose store diagnostics may differ, theirs and the analyzer's together. */
  storeChanged(analyzer: Analyzer, store: StoreDiagnostics): void {
    this.publish(analyzer, new Set([...this.withStore, ...store.files()]), store);
  }

  /** After a full load: every file with a problem, and clears files that had one before. */
  publishAll(analyzer: Analyzer, store = NO_STORE_DIAGNOSTICS): void {
    const byFile = new Map<string, AnalyzerDiagnostic[]>();
    for (const diagnostic of analyzer.diagnostics()) {
      const list = byFile.get(diagnostic.file) ?? [];
      list.push(diagnostic);
      byFile.set(diagnostic.file, list);
    }
    // Clean files that never had a problem get nothing: at 10,000 files that is most of the traffic.
    for (const file of new Set([...this.nonEmpty, ...store.files()])) if (!byFile.has(file)) byFile.set(file, []);
    for (const [file, diagnostics] of byFile) this.send(file, diagnostics, store.of(file));
  }

  /** When the folder leaves the workspace: nothing of it should stay in the problems list. */
  clear(): void {
    for (const file of [...this.nonEmpty]) this.send(file, [], []);
  }

  private send(file: string, all: AnalyzerDiagnostic[], fromStore: Diagnostic[]): void {
    // The editor's TypeScript already underlines a syntax error; the same error twice is noise.
    const analyzed = all.filter((diagnostic) => diagnostic.code !== DiagnosticCodes.syntaxError);
    const diagnostics = [...analyzed.map(toLspDiagnostic), ...fromStore];
    if (diagnostics.length === 0) this.nonEmpty.delete(file);
    else this.nonEmpty.add(file);
    if (fromStore.length === 0) this.withStore.delete(file);
    else this.withStore.add(file);
    void this.connection.sendDiagnostics({ uri: this.uriOf(file), diagnostics });
  }
}
