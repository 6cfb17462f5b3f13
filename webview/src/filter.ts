/**
 * The filter box: Dagster's selection syntax (`+key:enriched_orders`, `group:gold`) when the text uses it,
 * else a plain case-insensitive search in keys and descriptions.
 */
import { parseSelection, selectAssets } from "../../sdk/src/selection";
import type { LineageModel } from "./model";

export type FilterResult = { keys: Set<string> | null; error: string | null };

const SELECTION_SYNTAX = /[:+*()]|\b(and|or|not)\b/;

export function applyFilter(text: string, model: LineageModel): FilterResult {
  const query = text.trim();
  if (query === "") return { keys: null, error: null };
  if (SELECTION_SYNTAX.test(query)) {
    const parsed = parseSelection(query);
    // The parser's messages already name the column and the fix.
    if (!parsed.ok) return { keys: null, error: parsed.error.message };
    return { keys: selectAssets(parsed.expr, model.message.graph), error: null };
  }
  const needle = query.toLowerCase();
  const keys = new Set<string>();
  for (const node of model.nodes.values()) {
    if (node.key.toLowerCase().includes(needle) || node.description?.toLowerCase().includes(needle)) keys.add(node.key);
  }
  return { keys, error: null };
}
