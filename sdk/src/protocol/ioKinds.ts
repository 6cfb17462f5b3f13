/**
 * The kinds an asset's IO manager adds (docs/warehouse.md): a table IO manager makes it a `table` of that engine.
 * One rule for the runtime's graph and the analyzer's, so the parity test holds.
 */
const IO_KINDS: Readonly<Record<string, readonly string[]>> = { duckdb: ["table", "duckdb"], parquet: ["table", "parquet"] };

/** `kinds` as written, then the IO manager's own that it lacks; `io`: the asset's, else its Definitions' default. */
export function kindsWithIo(kinds: readonly string[], io: string | undefined): string[] {
  const added = (io !== undefined && IO_KINDS[io]) || [];
  return [...kinds, ...added.filter((kind) => !kinds.includes(kind))];
}
