/**
 * The selection each key command runs, in the selection syntax. Keys arrive as command arguments, which a link in
 * Markdown can also supply, so each is checked as an asset key (letters, digits, `_`, `-` and `/` only: no wildcard,
 * space or quote) and written quoted: `x or *` is refused, and a key spelled like a keyword (`or`) stays a key.
 */
import { keyProblem } from "assetline/analyze";

export type KeyMode = "asset" | "upstream" | "downstream";

/** Several keys (a multi-asset's specs named on one line share their lens) select each one's part. */
export function keySelection(mode: KeyMode, keys: readonly string[]): string {
  return keys.map((key) => keyTerm(mode, key)).join(" or ");
}

function keyTerm(mode: KeyMode, key: string): string {
  const problem = keyProblem(key);
  if (problem) throw new Error(`nothing was materialized: ${problem}.`);
  const term = `key:"${key}"`;
  switch (mode) {
    case "asset":
      return term;
    case "upstream":
      return `+${term}`;
    case "downstream":
      return `${term}+`;
  }
}
