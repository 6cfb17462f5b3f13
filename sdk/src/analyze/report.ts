/** Collects diagnostics per file while linking, converting offsets to positions with each file's line table. */
import { closest, distance } from "fastest-levenshtein";
import type { SourceLocation } from "../protocol/graph";
import type { AnalyzerDiagnostic, DiagnosticCode } from "./api";
import type { FileFacts } from "./facts";
import { rangeOf, type Span } from "./lineIndex";

/** A span in a known file: what link-phase structures carry until positions are needed. */
export interface Site {
  file: FileFacts;
  span: Span;
}

export function locationOf(site: Site): SourceLocation {
  return { file: site.file.file, range: rangeOf(site.file.lineStarts, site.span) };
}

export class Reporter {
  readonly byFile = new Map<string, AnalyzerDiagnostic[]>();

  push(diagnostic: AnalyzerDiagnostic): void {
    const list = this.byFile.get(diagnostic.file);
    if (list) list.push(diagnostic);
    else this.byFile.set(diagnostic.file, [diagnostic]);
  }

  add(
    code: DiagnosticCode,
    severity: AnalyzerDiagnostic["severity"],
    site: Site,
    message: string,
    extra: Pick<AnalyzerDiagnostic, "related" | "data"> = {},
  ): void {
    this.push(diagnosticAt(site, code, severity, message, extra));
  }
}

export function diagnosticAt(
  site: Site,
  code: DiagnosticCode,
  severity: AnalyzerDiagnostic["severity"],
  message: string,
  extra: Pick<AnalyzerDiagnostic, "related" | "data"> = {},
): AnalyzerDiagnostic {
  return { code, severity, message, file: site.file.file, range: rangeOf(site.file.lineStarts, site.span), ...extra };
}

/** The existing key closest to a missing one, when it is close enough to be a typo. */
export function suggestKey(missing: string, keys: readonly string[]): string | undefined {
  if (keys.length === 0) return undefined;
  const best = closest(missing, keys as string[]);
  return distance(missing, best) <= Math.max(3, Math.floor(missing.length / 3)) ? best : undefined;
}
