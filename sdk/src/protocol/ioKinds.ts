/**
 * The IO managers an asset or a Definitions can choose, and the kinds each adds (docs/warehouse.md): a table IO
 * manager makes the asset a `table` of that engine. One rule for the runtime's graph and the analyzer's (parity).
 */
export const IO_MANAGERS = ["json", "duckdb", "parquet"] as const;
export type IOManagerName = (typeof IO_MANAGERS)[number];

const IO_KINDS: Readonly<Record<IOManagerName, readonly string[]>> = {
  json: [],
  duckdb: ["table", "duckdb"],
  parquet: ["table", "parquet"],
};

export function isIOManagerName(value: unknown): value is IOManagerName {
  return (IO_MANAGERS as readonly unknown[]).includes(value);
}

/** `kinds` as written, then those of the IO manager it lacks; `io`: the asset's, else its Definitions' default. */
export function kindsWithIo(kinds: readonly string[], io: string | undefined): string[] {
  const added = isIOManagerName(io) ? IO_KINDS[io] : [];
  return [...kinds, ...added.filter((kind) => !kinds.includes(kind))];
}
