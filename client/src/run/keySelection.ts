/**
 * The selection each key command runs, in the selection syntax. Valid keys use only characters an unquoted selection
 * word allows (letters, digits, `_`, `-`, `/`), so a key is written as it is.
 */
export type KeyMode = "asset" | "upstream" | "downstream";

/** Several keys (a multi-asset's specs named on one line share their lens) select each one's part. */
export function keySelection(mode: KeyMode, keys: readonly string[]): string {
  return keys.map((key) => keyTerm(mode, key)).join(" or ");
}

function keyTerm(mode: KeyMode, key: string): string {
  switch (mode) {
    case "asset":
      return `key:${key}`;
    case "upstream":
      return `+key:${key}`;
    case "downstream":
      return `key:${key}+`;
  }
}
