/**
 * What a table's materialization recorded (docs/warehouse.md: `row_count`, `row_count_change`, `column_schema`,
 * `preview`, `table_name`) in words: Markdown for the editor's hover, aligned plain text for `show` in a terminal.
 */
import type { Metadata, TableColumn } from "../protocol";
import { formatNumber } from "./formatNumber";
import { LINE_BREAK, markdownCell, markdownTable } from "./markdownTable";

/** The entries the table section shows; the other metadata is listed after it. */
const TABLE_ENTRIES = ["table_name", "row_count", "row_count_change", "column_schema", "preview"] as const;

/**
 * `1,000,000 rows (+2,000 since the previous materialization)`, `1 row (no change since …)`, or `1,000 rows` when
 * there was no previous count; undefined without `row_count`.
 */
export function rowCountChangeText(metadata: Metadata): string | undefined {
  const count = metadata.row_count;
  if (count?.type !== "int") return undefined;
  const rows = `${formatNumber(count.value)} ${count.value === 1 ? "row" : "rows"}`;
  const change = metadata.row_count_change;
  if (change?.type !== "int") return rows;
  const delta = change.value === 0 ? "no change" : `${change.value > 0 ? "+" : ""}${formatNumber(change.value)}`;
  return `${rows} (${delta} since the previous materialization)`;
}

const nullableWord = (column: TableColumn) => (column.nullable === undefined ? "" : column.nullable ? "yes" : "no");

/** A column schema as a Markdown table (column, type, nullable), every name and type escaped. */
export function schemaMarkdown(columns: readonly TableColumn[]): string {
  if (columns.length === 0) return "_no columns_";
  const rows = columns.map((column) => ({ column: column.name, type: column.type, nullable: nullableWord(column) }));
  return markdownTable(["column", "type", "nullable"], rows);
}

/** A name or type on one line in a terminal, whatever it holds: a line break would read as another column. */
const oneLine = (text: string) => text.replace(LINE_BREAK, " ");

/** One line per column, names and types aligned: `order_id  BIGINT`, `city      VARCHAR  nullable`. */
export function schemaLines(columns: readonly TableColumn[]): string[] {
  const names = columns.map((column) => oneLine(column.name));
  const types = columns.map((column) => oneLine(column.type));
  const nameWidth = Math.max(0, ...names.map((name) => name.length));
  const typeWidth = Math.max(0, ...types.map((type) => type.length));
  return columns.map((column, i) =>
    `${names[i]!.padEnd(nameWidth)}  ${types[i]!.padEnd(typeWidth)}  ${column.nullable ? "nullable" : ""}`.trimEnd(),
  );
}

/** `order_id BIGINT, city VARCHAR (nullable)`: a schema on one line, for messages read in a peek. */
export function schemaText(columns: readonly TableColumn[]): string {
  return columns.map((column) => `${column.name} ${column.type}${column.nullable ? " (nullable)" : ""}`).join(", ");
}

/** Whether the materialization recorded a table (a schema or a table name), so the table section applies. */
export function isTableMetadata(metadata: Metadata): boolean {
  return metadata.column_schema?.type === "table_schema" || metadata.table_name?.type === "text";
}

/** The metadata without the entries the table section shows (all of it when it recorded no table). */
export function otherMetadata(metadata: Metadata): Metadata {
  if (!isTableMetadata(metadata)) return metadata;
  const shown: readonly string[] = TABLE_ENTRIES;
  return Object.fromEntries(Object.entries(metadata).filter(([name]) => !shown.includes(name)));
}

/**
 * A table's section of the hover: its name and row count with the change, its schema as a Markdown table, the
 * preview (Markdown the IO manager built with every cell escaped). Undefined when the materialization recorded no table.
 */
export function tableMarkdown(metadata: Metadata): string | undefined {
  if (!isTableMetadata(metadata)) return undefined;
  const { table_name: name, column_schema: schema, preview } = metadata;
  const rows = rowCountChangeText(metadata);
  const title = [name?.type === "text" ? `Table **${markdownCell(name.value)}**` : "", rows ?? ""].filter(Boolean);
  return [
    title.join(" · "),
    schema?.type === "table_schema" ? schemaMarkdown(schema.value.columns) : "",
    preview?.type === "md" ? `**Preview**\n\n${preview.value}` : "",
  ]
    .filter(Boolean)
    .join("\n\n");
}

/** The same section as `show` prints it in a terminal: the schema aligned as plain text, the preview as recorded. */
export function tableLines(metadata: Metadata, indent: string): string[] {
  if (!isTableMetadata(metadata)) return [];
  const { table_name: name, column_schema: schema, preview } = metadata;
  const rows = rowCountChangeText(metadata);
  const title = [name?.type === "text" ? `table ${oneLine(name.value)}` : "table", rows].filter(Boolean).join(": ");
  return [
    `${indent}${title}`,
    ...(schema?.type === "table_schema"
      ? [`${indent}columns:`, ...schemaLines(schema.value.columns).map((line) => `${indent}  ${line}`)]
      : []),
    ...(preview?.type === "md"
      ? [`${indent}preview:`, ...preview.value.split("\n").map((l) => `${indent}  ${l}`)]
      : []),
  ];
}
