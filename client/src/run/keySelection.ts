/**
 * The selection each key command runs, in the selection syntax. Valid keys use only characters an unquoted selection
 * word allows (letters, digits, `_`, `-`, `/`), so a key is written as it is.
 */
export type KeyMode = "asset" | "upstream" | "downstream";

export function keySelection(mode: KeyMode, key: string): string {
  switch (mode) {
    case "asset":
      return `key:${key}`;
    case "upstream":
      return `+key:${key}`;
    case "downstream":
      return `key:${key}+`;
  }
}
