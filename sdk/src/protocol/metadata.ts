/** Materialization and check metadata: typed entries, as Dagster's MetadataValue kinds. */
import * as v from "valibot";

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
]);
export type MetadataEntry = v.InferOutput<typeof MetadataEntrySchema>;

export const MetadataSchema = v.record(v.string(), MetadataEntrySchema);
export type Metadata = v.InferOutput<typeof MetadataSchema>;
