import { MetadataValue } from "../define/metadata";
import type { TableFacts } from "../io/ioManager";
import type { Metadata } from "../protocol";
import { markdownTable } from "../status/markdownTable";

const PREVIEW_ROWS = 5;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A Markdown table of the first rows of an array of records. */
function markdownPreview(rows: Record<string, unknown>[]): string {
  const shown = rows.slice(0, PREVIEW_ROWS);
  const columns = [...new Set(shown.flatMap((row) => Object.keys(row)))];
  const more = rows.length > PREVIEW_ROWS ? [``, `_${rows.length - PREVIEW_ROWS} more rows_`] : [];
  return [markdownTable(columns, shown), ...more].join("\n");
}

/** Dagster's names for what the warehouse knows of a stored table; `row_count_change` against the previous record. */
function tableMetadata(table: TableFacts, preview: boolean, previousRowCount: unknown): Metadata {
  return {
    row_count: MetadataValue.int(table.rowCount),
    ...(typeof previousRowCount === "number" && {
      row_count_change: MetadataValue.int(table.rowCount - previousRowCount),
    }),
    column_schema: MetadataValue.tableSchema(table.columns),
    ...(preview && { preview: MetadataValue.md(table.preview) }),
    table_name: MetadataValue.text(table.tableName),
  };
}

/**
 * What every materialization records without the asset asking: duration, bytes stored, rows and a preview for tables
 * (from the warehouse for a value stored as a table, whose previous `row_count` gives `row_count_change`).
 */
export function automaticMetadata(
  value: unknown,
  facts: { durationMs: number; bytes?: number; preview: boolean; table?: TableFacts; previousRowCount?: unknown },
): Metadata {
  const metadata: Metadata = {
    duration_ms: MetadataValue.float(Math.round(facts.durationMs * 1000) / 1000),
    ...(facts.bytes !== undefined && { bytes: MetadataValue.int(facts.bytes) }),
  };
  if (facts.table) return { ...metadata, ...tableMetadata(facts.table, facts.preview, facts.previousRowCount) };
  if (Array.isArray(value)) {
    metadata.row_count = MetadataValue.int(value.length);
    if (facts.preview && value.length > 0 && value.every(isRecord))
      metadata.preview = MetadataValue.md(markdownPreview(value));
  }
  return metadata;
}
