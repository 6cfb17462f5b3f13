/**
 * A warning on the name of each overdue asset (code `freshness`): the store says its newest materialization is older
 * than its freshness policy allows. Placed from the analyzer's graph at every publish, so it follows edits.
 */
import { DiagnosticSeverity, type Diagnostic } from "vscode-languageserver/node";
import type { Analyzer } from "assetline/analyze";
import type { AssetNode } from "assetline/protocol";
import { toLspRange } from "./convert";
import type { StatusCache } from "./statusCache";

export const FRESHNESS_CODE = "freshness";

const placeOf = (node: AssetNode) => node.nameLocation ?? node.location;

/** The overdue warnings of one file. */
export function overdueDiagnostics(analyzer: Analyzer, statuses: StatusCache, file: string): Diagnostic[] {
  return analyzer.assetsIn(file).flatMap(({ node }) => {
    const freshness = statuses.get(node.key)?.freshness;
    const at = placeOf(node);
    if (freshness?.state !== "overdue" || at?.file !== file) return [];
    return [
      {
        range: toLspRange(at.range),
        severity: DiagnosticSeverity.Warning,
        code: FRESHNESS_CODE,
        source: "assetline",
        message: `${node.key} is ${freshness.reason}. Materialize it to bring it up to date.`,
      },
    ];
  });
}

/** The files holding an overdue asset's name now. */
export function overdueFiles(analyzer: Analyzer, statuses: StatusCache): Set<string> {
  const files = new Set<string>();
  for (const status of statuses.all()) {
    const at = status.freshness?.state === "overdue" ? analyzer.asset(status.key) : null;
    const file = at && placeOf(at.node)?.file;
    if (file) files.add(file);
  }
  return files;
}
