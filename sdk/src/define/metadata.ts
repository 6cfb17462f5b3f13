import type { Metadata, MetadataEntry, TableColumn } from "../protocol/metadata";

/** Constructors for typed metadata values, as in Dagster's `MetadataValue`. */
export const MetadataValue = {
  md: (value: string): MetadataEntry => ({ type: "md", value }),
  text: (value: string): MetadataEntry => ({ type: "text", value }),
  json: (value: unknown): MetadataEntry => ({ type: "json", value }),
  url: (value: string): MetadataEntry => ({ type: "url", value }),
  path: (value: string): MetadataEntry => ({ type: "path", value }),
  int: (value: number): MetadataEntry => ({ type: "int", value: Math.trunc(value) }),
  float: (value: number): MetadataEntry => ({ type: "float", value }),
  bool: (value: boolean): MetadataEntry => ({ type: "bool", value }),
  timestamp: (value: Date | number): MetadataEntry => ({
    type: "timestamp",
    value: typeof value === "number" ? value : value.getTime(),
  }),
  table: (rows: Record<string, unknown>[], columns?: string[]): MetadataEntry => ({
    type: "table",
    value: { columns: columns ?? columnsOf(rows), rows },
  }),
  tableSchema: (columns: TableColumn[]): MetadataEntry => ({ type: "table_schema", value: { columns } }),
} as const;

/** What users may pass as metadata: typed entries or plain values, which are typed here. */
export type MetadataInput = Record<string, MetadataEntry | string | number | boolean | Date | null | object>;

const ENTRY_TYPES = new Set([
  "md",
  "text",
  "json",
  "url",
  "path",
  "int",
  "float",
  "bool",
  "timestamp",
  "table",
  "table_schema",
]);

function isEntry(value: unknown): value is MetadataEntry {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 2 && "value" in value && ENTRY_TYPES.has((value as { type?: unknown }).type as string);
}

export function toMetadataEntry(value: MetadataInput[string]): MetadataEntry {
  if (isEntry(value)) return value;
  if (typeof value === "string") return MetadataValue.text(value);
  if (typeof value === "number") return Number.isInteger(value) ? MetadataValue.int(value) : MetadataValue.float(value);
  if (typeof value === "boolean") return MetadataValue.bool(value);
  if (value instanceof Date) return MetadataValue.timestamp(value);
  return MetadataValue.json(value);
}

export function normalizeMetadata(input: MetadataInput | undefined): Metadata {
  const out: Metadata = {};
  for (const [name, value] of Object.entries(input ?? {})) out[name] = toMetadataEntry(value);
  return out;
}

function columnsOf(rows: Record<string, unknown>[]): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const column of Object.keys(row)) columns.add(column);
  return [...columns];
}
