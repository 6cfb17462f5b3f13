/** Writes a small workspace to a temp folder and analyzes it from disk, as the CLI and the server do. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createAnalyzer, type Analyzer } from "../../../sdk/src/analyze";
import type { Position } from "../../../sdk/src/protocol/graph";

export interface AnalyzedWorkspace {
  root: string;
  analyzer: Analyzer;
  /** Absolute path of a workspace file. */
  path(file: string): string;
  /** The position of the `occurrence`-th (0-based) `needle` in `file`, plus `offset` characters. */
  at(file: string, needle: string, offset?: number, occurrence?: number): Position;
  /** Edges as `from -kind-> to`, sorted. */
  edges(): string[];
  /** Diagnostics as `file:line code`, sorted (line 1-based). */
  codes(): string[];
  /** Diagnostics as data tables state them: code, severity, file, where they start, message. */
  placed(): PlacedDiagnostic[];
  /** What `placed()` should give for diagnostics a table states by where they start in the text. */
  expected(diagnostics: readonly ExpectedDiagnostic[]): PlacedDiagnostic[];
}

export interface ExpectedDiagnostic {
  code: string;
  severity: "error" | "warning";
  /** The diagnostic starts at the `occurrence`-th `needle` in `file`, plus `offset` characters. */
  at: [file: string, needle: string, offset?: number, occurrence?: number];
  message: string;
}

export interface PlacedDiagnostic {
  code: string;
  severity: "error" | "warning";
  file: string;
  start: Position;
  message: string;
}

export function analyzeFiles(
  files: Record<string, string>,
  options: { definitionsFile?: string; now?: () => Date } = {},
): AnalyzedWorkspace {
  const root = mkdtempSync(join(tmpdir(), "assetline-analyze-")).split("\\").join("/");
  const texts = new Map(Object.entries(files));
  for (const [file, text] of texts) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  const analyzer = createAnalyzer({ root, ...options });
  analyzer.loadFromDisk();
  const path = (file: string) => `${root}/${file}`;
  const at = (file: string, needle: string, offset = 0, occurrence = 0): Position => {
    const text = texts.get(file)!;
    let index = -1;
    for (let i = 0; i <= occurrence; i++) index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" not in ${file}`);
    const before = text.slice(0, index + offset).split("\n");
    return { line: before.length - 1, character: before[before.length - 1]!.length };
  };
  return {
    root,
    analyzer,
    path,
    at,
    expected: (diagnostics) =>
      diagnostics.map(({ code, severity, at: [file, needle, offset, occurrence], message }) => ({
        code,
        severity,
        file: path(file),
        start: at(file, needle, offset, occurrence),
        message,
      })),
    edges: () =>
      analyzer
        .graph()
        .edges.map((e) => `${e.from} -${e.kind}-> ${e.to}`)
        .sort(),
    codes: () =>
      analyzer
        .diagnostics()
        .map((d) => `${d.file.slice(root.length + 1)}:${d.range.start.line + 1} ${d.code}`)
        .sort(),
    placed: () =>
      analyzer.diagnostics().map(({ code, severity, file, range, message }) => ({
        code,
        severity,
        file,
        start: range.start,
        message,
      })),
  };
}
