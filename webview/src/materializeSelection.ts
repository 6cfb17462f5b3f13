/** The selection string a Materialize action sends, spelled by the selection module's own formatter. */
import type { MaterializeMode } from "assetline/protocol";
import { formatSelection, type SelectionExpr } from "assetline/selection";
import type { LineageModel } from "./model";

export function materializeSelection(mode: MaterializeMode, key: string | null, model: LineageModel): string {
  if (mode === "stale") {
    // Stale, failed and never-materialized assets (statuses absent from the store count as never materialized).
    const keys = [...model.nodes.keys()].filter(
      (k) => (model.statuses.get(k)?.state ?? "never") !== "fresh" && model.nodes.get(k)!.kind !== "external",
    );
    if (keys.length === 0) return "";
    const terms = keys.map((k): SelectionExpr => ({ type: "key", pattern: k }));
    return formatSelection(terms.reduce((left, right) => ({ type: "or", left, right })));
  }
  if (key === null) throw new Error(`Materialize ${mode} needs an asset: select one in the lineage view first.`);
  const operand: SelectionExpr = { type: "key", pattern: key };
  if (mode === "asset") return formatSelection(operand);
  return formatSelection({ type: "traverse", operand, ...(mode === "upstream" ? { up: "all" } : { down: "all" }) });
}
