/** Two SQL helpers the pipeline needs. Plain code, not assets. */
import type { Table } from "assetline";

/** A string as a SQL literal, quotes doubled: a partition key or any other text never ends the literal early. */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** Every table of a partition map (an input that reads several partitions) as one query: `union all by name`. */
export function unionAll<Row>(tables: ReadonlyMap<string, Table<Row>>): string {
  return [...tables.values()].map((table) => `select * from ${table}`).join(" union all by name ");
}
