import {
  formatSelectionInput,
  parseSelection,
  selectAssets,
  type AssetSelection,
  type SelectionFacts,
  type SelectionGraph,
} from "../selection";

/** The keys a selection names, or throws with the parse error pointing at the offending text. */
export function resolveSelection(
  input: string | AssetSelection,
  graph: SelectionGraph,
  facts?: SelectionFacts,
): Set<string> {
  const text = formatSelectionInput(input);
  const parsed = parseSelection(text);
  if (!parsed.ok) {
    const { message, offset, length } = parsed.error;
    throw new Error(
      `cannot parse selection "${text}": ${message}\n  ${text}\n  ${" ".repeat(offset)}${"^".repeat(Math.max(1, length))}`,
    );
  }
  return selectAssets(parsed.expr, graph, facts);
}

/** Exact keys from a command line: every one must exist. */
export function resolveKeys(keys: string[], known: Iterable<string>): Set<string> {
  const all = new Set(known);
  const unknown = keys.filter((key) => !all.has(key));
  if (unknown.length > 0) {
    throw new Error(
      `unknown asset key${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => `"${k}"`).join(", ")}: run \`assetline list\` to see the keys.`,
    );
  }
  return new Set(keys);
}

/** Exact keys in the selection syntax (`key:a or key:b`), as a run records them. */
export function keysSelection(keys: Iterable<string>): string {
  return [...keys].map((key) => `key:${key}`).join(" or ");
}
