import { MetadataValue } from "../define/metadata";
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
