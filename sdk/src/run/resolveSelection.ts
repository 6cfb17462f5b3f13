import { suggestKey } from "../analyze/report";
import {
  formatSelectionInput,
  keyTerms,
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

/** ` Did you mean "orders"?` for the keys written that name no asset and are close to one, or "". */
export function didYouMean(written: string[], known: readonly string[]): string {
  const all = new Set(known);
  const suggestions = [
    ...new Set(written.filter((key) => !all.has(key)).flatMap((key) => suggestKey(key, known) ?? [])),
  ];
  return suggestions.length === 0 ? "" : ` Did you mean ${suggestions.map((key) => `"${key}"`).join(" or ")}?`;
}

/**
 * Why a selection chose nothing, with the closest keys to the ones it names: an empty run would look like a success
 * (a scheduled job whose selection no longer matches must not stay green).
 */
export function nothingSelected(what: string, selection: string, known: readonly string[]): Error {
  const written = keyTerms(selection)
    .filter((term) => !term.wildcard && term.key !== "")
    .map((term) => term.key);
  return new Error(
    `${what} "${selection}" matches no asset, so nothing ran.${didYouMean(written, known)} \`assetline list\` shows the keys.`,
  );
}

/** Exact keys from a command line: every one must exist. */
export function resolveKeys(keys: string[], known: Iterable<string>): Set<string> {
  const all = [...known];
  const unknown = keys.filter((key) => !all.includes(key));
  if (unknown.length > 0) {
    throw new Error(
      `no asset ${unknown.map((k) => `"${k}"`).join(", ")} in this workspace.${didYouMean(unknown, all)} \`assetline list\` shows the keys.`,
    );
  }
  return new Set(keys);
}

/** Exact keys in the selection syntax (`key:a or key:b`), as a run records them. */
export function keysSelection(keys: Iterable<string>): string {
  return [...keys].map((key) => `key:${key}`).join(" or ");
}
