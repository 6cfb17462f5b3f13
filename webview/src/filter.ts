/**
 * The filter box: Dagster's selection syntax (`+key:enriched_orders`, `group:gold`) when the text uses it,
 * else a plain case-insensitive search in keys and descriptions.
 */
import {
  parseSelection,
  SelectionEvaluationError,
  type SelectionExpr,
  selectAssets,
  tableFacts,
} from "assetline/selection";
import type { AssetState } from "assetline/protocol";
import type { LineageModel } from "./model";

export type FilterResult = { keys: Set<string> | null; error: string | null };

const SELECTION_SYMBOLS = /[:+*()]/;
const SELECTION_WORDS = /\b(and|or|not)\b/i;

/** `state` is each asset's state as drawn (the live run overlaid): what status: filters on. */
export function applyFilter(
  text: string,
  model: LineageModel,
  state: (key: string) => AssetState = (key) => model.statuses.get(key)?.state ?? "never",
): FilterResult {
  const query = text.trim();
  if (query === "") return { keys: null, error: null };
  if (SELECTION_SYMBOLS.test(query) || SELECTION_WORDS.test(query)) {
    const parsed = parseSelection(query);
    if (parsed.ok) return evaluated(parsed.expr, model, state);
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

/**
 * The view knows the graph, its jobs, the states and the latest materializations (column:, table_name:);
 * code_location: and changed_in_branch: need the CLI.
 */
function evaluated(expr: SelectionExpr, model: LineageModel, state: (key: string) => AssetState): FilterResult {
  const tables = tableFacts((key) => model.statuses.get(key)?.lastMaterialization?.metadata);
  try {
    return { keys: selectAssets(expr, model.message.graph, { state, ...tables }), error: null };
  } catch (error) {
    if (error instanceof SelectionEvaluationError)
      return { keys: null, error: `${error.message}: use the CLI's --select` };
    throw error;
  }
}
