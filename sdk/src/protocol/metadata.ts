/** Materialization and check metadata: typed entries, as Dagster's MetadataValue kinds. */
import * as v from "valibot";

export const TableColumnSchema = v.object({ name: v.string(), type: v.string(), nullable: v.optional(v.boolean()) });
export type TableColumn = v.InferOutput<typeof TableColumnSchema>;

const entry = <T extends string, S extends v.GenericSchema>(type: T, value: S) =>
  v.object({ type: v.literal(type), value });

export const MetadataEntrySchema = v.variant("type", [
  entry("md", v.string()),
  entry("text", v.string()),
  entry("json", v.unknown()),
  entry("url", v.string()),
  entry("path", v.string()),
  entry("int", v.number()),
  entry("float", v.number()),
  entry("bool", v.boolean()),
  /** Milliseconds since the epoch. */
  entry("timestamp", v.number()),
  entry("table", v.object({ columns: v.array(v.string()), rows: v.array(v.record(v.string(), v.unknown())) })),
  /** A table's columns, as Dagster's `TableSchemaMetadataValue` (`column_schema`): SQL type names. */
  entry("table_schema", v.object({ columns: v.array(TableColumnSchema) })),
]);
export type MetadataEntry = v.InferOutput<typeof MetadataEntrySchema>;

export const MetadataSchema = v.record(v.string(), MetadataEntrySchema);
export type Metadata = v.InferOutput<typeof MetadataSchema>;
