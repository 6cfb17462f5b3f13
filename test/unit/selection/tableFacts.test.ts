/**
 * column: and table_name: (Dagster's), over what each table's latest materialization recorded: the column names of
 * its `column_schema` and its `table_name`, read by `tableFacts` as the CLI, the server and the webview read them.
 */
import { describe, expect, it } from "vitest";
import type { Metadata } from "../../../sdk/src/protocol";
import { MetadataValue } from "../../../sdk/src/define/metadata";
import {
  formatSelection,
  parseSelection,
  type SelectionGraph,
  SelectionNeedsFacts,
  selectAssets,
  tableFacts,
} from "../../../sdk/src/selection";

const node = (key: string) => ({ key, kind: "asset" as const, group: "default", tags: {}, kinds: [], owners: [] });
const graph: SelectionGraph = {
  nodes: ["orders_raw", "orders_enriched", "customers", "report", "never_run"].map(node),
  edges: [],
};
const table = (name: string, columns: string[]): Metadata => ({
  table_name: MetadataValue.text(name),
  column_schema: MetadataValue.tableSchema(columns.map((column) => ({ name: column, type: "BIGINT" }))),
});
const LATEST: Record<string, Metadata> = {
  orders_raw: table("bronze.orders_raw", ["order_id", "customer_id", "amount"]),
  orders_enriched: table("silver.orders_enriched", ["order_id", "customer_id", "amount", "city"]),
  customers: table("bronze.customers", ["customer_id", "city"]),
  // A Markdown report: no table recorded. A `column_schema` of another type is not a schema.
  report: { row_count: MetadataValue.int(1), column_schema: MetadataValue.text("order_id") },
};
const facts = tableFacts((key) => LATEST[key]);

function select(text: string): string[] {
  const parsed = parseSelection(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return [...selectAssets(parsed.expr, graph, facts)].sort();
}

// [selection, expected keys, why]
const cases: [string, string[], string][] = [
  ["column:order_id", ["orders_enriched", "orders_raw"], "a column of the latest column_schema"],
  ["column:city", ["customers", "orders_enriched"], "any table with that column"],
  ["column:*_id", ["customers", "orders_enriched", "orders_raw"], "wildcards, as in key:"],
  ["column:ORDER_ID", [], "names are exact: case matters, as in key:"],
  ['column:"order_id"', ["orders_enriched", "orders_raw"], "quoted, the same"],
  ["column:nope", [], "no table has it"],
  ["table_name:silver.orders_enriched", ["orders_enriched"], "a schema-qualified name needs no quotes"],
  ["table_name:bronze.*", ["customers", "orders_raw"], "wildcards over the schema"],
  ['table_name:"silver.orders_enriched"', ["orders_enriched"], "quoted, the same"],
  ["table_name:orders_enriched", [], "the whole name: the table alone is not it"],
  ["column:order_id and not table_name:bronze.*", ["orders_enriched"], "they combine like any attribute"],
  ["column:customer_id+", ["customers", "orders_enriched", "orders_raw"], "and traverse (no edges here)"],
];

describe("column: and table_name:", () => {
  it.each(cases)("%s", (text, expected) => {
    expect(select(text)).toEqual(expected);
  });

  it.each([
    ["column:order_id", "the tables' recorded schemas"],
    ["table_name:silver.orders", "the tables' recorded names"],
  ])("%s without the store's facts throws SelectionNeedsFacts (%s)", (text, what) => {
    const parsed = parseSelection(text);
    const run = () => parsed.ok && selectAssets(parsed.expr, graph, { state: () => "never" });
    expect(run).toThrow(SelectionNeedsFacts);
    expect(run).toThrow(`needs ${what}`);
  });

  it.each([
    ["column:order_id", "column:order_id"],
    ['column:"order id"', 'column:"order id"'],
    ["column:*_id", "column:*_id"],
    ['table_name:"silver.orders_enriched"', "table_name:silver.orders_enriched"],
    ['column:"and"', 'column:"and"'],
  ])("%s formats as %s and parses back", (text, canonical) => {
    const parsed = parseSelection(text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(formatSelection(parsed.expr)).toBe(canonical);
    expect(parseSelection(canonical)).toEqual(parsed);
  });

  const list =
    "use key:, tag:, group:, kind:, owner:, code_location:, status:, is:, job:, changed_in_branch:, automation_type:, schedule:, sensor:, column: or table_name:";
  // [text, message, offset, length]
  it.each([
    ["colum:order_id", `attribute "colum:" at column 1 is unknown: ${list}`, 0, 5],
    ["table:silver.orders", `attribute "table:" at column 1 is unknown: ${list}`, 0, 5],
    ["column:", 'expected a value after "column:" at column 8', 7, 0],
    [
      "column:<null>",
      '"column:" takes no <null> (column 8): tag:, group:, kind:, owner:, code_location:, automation_type: do',
      7,
      6,
    ],
    [
      "table_name:or",
      'expected a value after "table_name:" at column 12, found "or": quote a value that is a keyword, as in table_name:"or"',
      11,
      2,
    ],
    [
      "column",
      'reserved word "column" at column 1: the selection syntax keeps it for itself; for the asset, write key:"column"',
      0,
      6,
    ],
  ])("%j is refused, pointing at the mistake", (text, message, offset, length) => {
    expect(parseSelection(text)).toEqual({ ok: false, error: { message, offset, length } });
  });
});
