/**
 * A table's materialization in words (docs/warehouse.md "What is recorded"): the row count with its change, the
 * schema as a Markdown table for the hover and aligned text for `show`, and the metadata left for the plain list.
 */
import { describe, expect, it } from "vitest";
import { MetadataValue } from "../../../sdk/src/define/metadata";
import type { Metadata } from "../../../sdk/src/protocol";
import {
  otherMetadata,
  rowCountChangeText,
  schemaLines,
  schemaMarkdown,
  schemaText,
  tableLines,
  tableMarkdown,
} from "../../../sdk/src/status/describe";

const counted = (rows: number, change?: number): Metadata => ({
  row_count: MetadataValue.int(rows),
  ...(change === undefined ? {} : { row_count_change: MetadataValue.int(change) }),
});

// [row_count, row_count_change, text]
const counts: [number, number | undefined, string][] = [
  [1_000_000, 2_000, "1,000,000 rows (+2,000 since the previous materialization)"],
  [998_000, -2_000, "998,000 rows (-2,000 since the previous materialization)"],
  [1_000, 0, "1,000 rows (no change since the previous materialization)"],
  [1, 1, "1 row (+1 since the previous materialization)"],
  [0, undefined, "0 rows"],
  [12_345, undefined, "12,345 rows"],
];

const columns = [
  { name: "order_id", type: "BIGINT", nullable: false },
  { name: "city", type: "VARCHAR", nullable: true },
  { name: "amount", type: "DECIMAL(18,2)" },
];
const table: Metadata = {
  duration_ms: MetadataValue.float(12.5),
  table_name: MetadataValue.text("silver.orders_enriched"),
  ...counted(1_000_000, 2_000),
  column_schema: MetadataValue.tableSchema(columns),
  preview: MetadataValue.md("| order_id |\n| --- |\n| 1 |"),
  owner_note: MetadataValue.text("kept"),
};

describe("a table's row count", () => {
  it.each(counts)("%d rows, change %s: %s", (rows, change, text) => {
    expect(rowCountChangeText(counted(rows, change))).toBe(text);
  });

  it("is nothing without row_count", () => {
    expect(rowCountChangeText({ row_count_change: MetadataValue.int(3) })).toBeUndefined();
  });
});

describe("a table's schema", () => {
  it("is a Markdown table of column, type and nullable in the hover", () => {
    expect(schemaMarkdown(columns)).toBe(
      [
        "| column | type | nullable |",
        "| --- | --- | --- |",
        "| order_id | BIGINT | no |",
        "| city | VARCHAR | yes |",
        "| amount | DECIMAL(18,2) |  |",
      ].join("\n"),
    );
    expect(schemaMarkdown([])).toBe("_no columns_");
  });

  it("is aligned plain text in a terminal, one line per column, whatever a name holds", () => {
    expect(schemaLines(columns)).toEqual([
      "order_id  BIGINT",
      "city      VARCHAR        nullable",
      "amount    DECIMAL(18,2)",
    ]);
    expect(schemaLines([{ name: "two\nlines", type: "INT" }])).toEqual(["two lines  INT"]);
  });

  it("is one line in a check's message", () => {
    expect(schemaText(columns)).toBe("order_id BIGINT, city VARCHAR (nullable), amount DECIMAL(18,2)");
  });
});

describe("a table's section", () => {
  it("reads name, rows with change, schema and preview in the hover, and leaves the rest to the list", () => {
    expect(tableMarkdown(table)).toBe(
      [
        "Table **silver.orders_enriched** · 1,000,000 rows (+2,000 since the previous materialization)",
        schemaMarkdown(columns),
        "**Preview**\n\n| order_id |\n| --- |\n| 1 |",
      ].join("\n\n"),
    );
    expect(Object.keys(otherMetadata(table))).toEqual(["duration_ms", "owner_note"]);
  });

  it("reads the same in show, the schema aligned", () => {
    expect(tableLines(table, "  ")).toEqual([
      "  table silver.orders_enriched: 1,000,000 rows (+2,000 since the previous materialization)",
      "  columns:",
      "    order_id  BIGINT",
      "    city      VARCHAR        nullable",
      "    amount    DECIMAL(18,2)",
      "  preview:",
      "    | order_id |",
      "    | --- |",
      "    | 1 |",
    ]);
  });

  it("escapes a hostile table name", () => {
    const hostile = { table_name: MetadataValue.text("[x](javascript:1)*") };
    expect(tableMarkdown(hostile)).toBe("Table **\\[x\\](javascript:1)\\***");
  });

  it("is absent for a value that is not a table: its row count stays in the list", () => {
    const rows = { ...counted(3), preview: MetadataValue.md("| a |") };
    expect(tableMarkdown(rows)).toBeUndefined();
    expect(tableLines(rows, "  ")).toEqual([]);
    expect(otherMetadata(rows)).toEqual(rows);
  });
});
