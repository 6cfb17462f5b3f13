/**
 * The filter box: Dagster's selection syntax (`+key:enriched_orders`, `group:gold`) when the text uses it,
 * else a plain case-insensitive search in keys and descriptions.
 */
import { parseSelection, selectAssets } from "assetline/selection";
import type { LineageModel } from "./model";

export type FilterResult = { keys: Set<string> | null; error: string | null };

const SELECTION_SYMBOLS = /[:+*()]/;
const SELECTION_WORDS = /\b(and|or|not)\b/i;

export function applyFilter(text: string, model: LineageModel): FilterResult {
  const query = text.trim();
  if (query === "") return { keys: null, error: null };
  if (SELECTION_SYMBOLS.test(query) || SELECTION_WORDS.test(query)) {
    const parsed = parseSelection(query);
    if (parsed.ok) return { keys: selectAssets(parsed.expr, model.message.graph), error: null };
    // Words alone ("or", "not" on the way to "orders", "notes") are a search being typed, not a broken selection;
    // with a symbol the user means the syntax, and the parser's message names the column and the fix.
    if (SELECTION_SYMBOLS.test(query)) return { keys: null, error: parsed.error.message };
  }
  const needle = query.toLowerCase();
  const keys = new Set<string>();
  for (const node of model.nodes.values()) {
    if (node.key.toLowerCase().includes(needle) || node.description?.toLowerCase().includes(needle)) keys.add(node.key);
  }
  return { keys, error: null };
}
