/**
 * A value reference, as a materialization record stores it: `table:<sha256>` (a row of the store's value table),
 * `file:<sha256>` (a file beside the key's name in the storage folder), `duckdb:<sha256>` (an immutable table of
 * the warehouse) or `parquet:<sha256>` (a Parquet file in the storage folder). Content-addressed, so writing the same
 * value twice is harmless and a load can verify it got what the record describes. A warehouse value an asset
 * returned as an array of records ends in `:rows`: a downstream gets rows back, not a Table.
 */
export type ValueRef = { where: "table" | "file" | "duckdb" | "parquet"; hash: string; rows?: true };

const REF = /^(table|file|duckdb|parquet):([0-9a-f]{64})(:rows)?$/;

export function formatValueRef(ref: ValueRef): string {
  return `${ref.where}:${ref.hash}${ref.rows ? ":rows" : ""}`;
}

/** Undefined for anything that is not a well-formed reference (a record from a newer Assetline, a damaged row). */
export function parseValueRef(text: string): ValueRef | undefined {
  const match = REF.exec(text);
  if (!match) return undefined;
  return { where: match[1] as ValueRef["where"], hash: match[2]!, ...(match[3] && { rows: true as const }) };
}
