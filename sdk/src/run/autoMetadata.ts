import { MetadataValue } from "../define/metadata";
import type { Metadata } from "../protocol";

const PREVIEW_ROWS = 5;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function cell(value: unknown): string {
  const text = typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** A Markdown table of the first rows of an array of records. */
function markdownPreview(rows: Record<string, unknown>[]): string {
  const columns = [...new Set(rows.slice(0, PREVIEW_ROWS).flatMap((row) => Object.keys(row)))];
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const body = rows.slice(0, PREVIEW_ROWS).map((row) => line(columns.map((column) => cell(row[column]))));
  const more = rows.length > PREVIEW_ROWS ? [``, `_${rows.length - PREVIEW_ROWS} more rows_`] : [];
  return [line(columns), line(columns.map(() => "---")), ...body, ...more].join("\n");
}

/** What every materialization records without the asset asking: duration, bytes stored, rows and a preview for tables. */
export function automaticMetadata(
  value: unknown,
  facts: { durationMs: number; bytes: number; preview: boolean },
): Metadata {
  const metadata: Metadata = {
    duration_ms: MetadataValue.float(Math.round(facts.durationMs * 1000) / 1000),
    bytes: MetadataValue.int(facts.bytes),
  };
  if (Array.isArray(value)) {
    metadata.row_count = MetadataValue.int(value.length);
    if (facts.preview && value.length > 0 && value.every(isRecord))
      metadata.preview = MetadataValue.md(markdownPreview(value));
  }
  return metadata;
}
