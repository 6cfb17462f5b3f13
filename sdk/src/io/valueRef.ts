/**
 * A value reference, as a materialization record stores it: `table:<sha256>` (a row of the store's value table) or
 * `file:<sha256>` (a file beside the key's name in the storage folder). Content-addressed, so writing the same value
 * twice is harmless and a load can verify it got the bytes the record describes.
 */
export type ValueRef = { where: "table" | "file"; hash: string };

const REF = /^(table|file):([0-9a-f]{64})$/;

export function formatValueRef(ref: ValueRef): string {
  return `${ref.where}:${ref.hash}`;
}

/** Undefined for anything that is not a well-formed reference (a record from a newer Assetline, a damaged row). */
export function parseValueRef(text: string): ValueRef | undefined {
  const match = REF.exec(text);
  return match ? { where: match[1] as ValueRef["where"], hash: match[2]! } : undefined;
}
