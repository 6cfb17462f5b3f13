/**
 * The graph-wide partition check: each edge's mapping (the one written on it, or the default) against the
 * definitions of its two ends, which may be in other files. Checked again only when either end's definition or the
 * edge changed (a WeakMap per edge, kept by the linker): an edit elsewhere costs a lookup per edge.
 */
import { defaultMapping, mappingProblem } from "../partitions";
import type { PartitionsDefinitionData } from "../protocol/partitions";
import { DiagnosticCodes, type AnalyzerDiagnostic } from "./api";
import { diagnosticAt, type Site } from "./report";
import type { EdgeSite, LinkContext } from "./sites";

/** One edge checked against its ends' definitions as they were. */
export interface MappingCheck {
  upstream: PartitionsDefinitionData | undefined;
  downstream: PartitionsDefinitionData | undefined;
  diagnostic: AnalyzerDiagnostic | undefined;
}

export function checkMappings({ edges, nodeOf, report }: LinkContext, checked: WeakMap<EdgeSite, MappingCheck>): void {
  // A multi-asset's reference makes an edge into each member: its problem is said once.
  const reported = new Set<Site>();
  for (const edge of edges) {
    if (edge.mappingUnknown) continue;
    const from = nodeOf(edge.from);
    const to = nodeOf(edge.to);
    if (!from || !to || from.partitionsUnknown || to.partitionsUnknown) continue;
    const upstream = from.node.partitions;
    const downstream = to.node.partitions;
    if (!upstream && !downstream && !edge.mapping) continue;
    let check = checked.get(edge);
    if (!check || check.upstream !== upstream || check.downstream !== downstream)
      checked.set(edge, (check = { upstream, downstream, diagnostic: diagnose(edge, upstream, downstream) }));
    if (check.diagnostic && !reported.has(edge.reference)) {
      reported.add(edge.reference);
      report.push(check.diagnostic);
    }
  }
}

function diagnose(
  edge: EdgeSite,
  upstream: PartitionsDefinitionData | undefined,
  downstream: PartitionsDefinitionData | undefined,
): AnalyzerDiagnostic | undefined {
  const problem = mappingProblem(edge.mapping ?? defaultMapping(upstream, downstream), upstream, downstream);
  if (!problem) return undefined;
  // The core's words end with the fix (which mapping to write); the runtime throws the same.
  const through = edge.mapping ? "its partition mapping" : "the default partition mapping";
  const message = `Asset "${edge.to}" reads "${edge.from}" through ${through}: ${problem}.`;
  const site = edge.mappingSpan ? { file: edge.reference.file, span: edge.mappingSpan } : edge.reference;
  return diagnosticAt(site, DiagnosticCodes.partitionMapping, "error", message);
}
