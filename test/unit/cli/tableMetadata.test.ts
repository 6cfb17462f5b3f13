/**
 * Issue 13: what a table's materialization recorded, in the terminal (`show`: the row count with its change, the
 * schema aligned, the preview) and in selections (`column:`, `table_name:` over the latest materialization).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, ensureCliBuilt, fixtureWorkspace, removeWorkspace } from "../run/workspace";
import { runIn } from "./harness";

/** What a table IO manager records (docs/warehouse.md), written as the assets' own metadata. */
const TABLE_FILES = {
  "src/assets.ts": `import { asset, MaterializeResult, MetadataValue } from "assetline";
const table = (name: string, rows: number, columns: [string, string, boolean][]) =>
  new MaterializeResult({
    value: "stored elsewhere",
    metadata: {
      table_name: MetadataValue.text(name),
      row_count: MetadataValue.int(rows),
      row_count_change: MetadataValue.int(-2000),
      column_schema: MetadataValue.tableSchema(columns.map(([name, type, nullable]) => ({ name, type, nullable }))),
      preview: MetadataValue.md("| order_id |\\n| --- |\\n| 1 |"),
    },
  });
export const orders_enriched = asset({ group: "silver" }, () =>
  table("silver.orders_enriched", 1000000, [["order_id", "BIGINT", false], ["city", "VARCHAR", true]]),
);
export const customers = asset({ group: "bronze" }, () => table("bronze.customers", 3, [["customer_id", "BIGINT", false]]));
export const report = asset({ group: "gold" }, () => "# a report");
`,
};

let root: string;
beforeAll(async () => {
  ensureCliBuilt();
  root = fixtureWorkspace(TABLE_FILES);
  const run = await cli(["materialize", "--select", "*"], root);
  expect(run.code, run.stderr).toBe(0);
}, 120_000);
afterAll(() => removeWorkspace(root));

describe("show of a table asset", () => {
  it("says its rows with the change, its columns aligned and its preview, then the rest of its metadata", async () => {
    const shown = await runIn(root, ["show", "orders_enriched"]);
    expect(shown.code, shown.stderr).toBe(0);
    const lines = shown.stdout.split("\n");
    const at = lines.indexOf(
      "  table silver.orders_enriched: 1,000,000 rows (-2,000 since the previous materialization)",
    );
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 8)).toEqual([
      "  columns:",
      "    order_id  BIGINT",
      "    city      VARCHAR  nullable",
      "  preview:",
      "    | order_id |",
      "    | --- |",
      "    | 1 |",
    ]);
    expect(lines[at + 8]).toBe("  metadata:");
    expect(shown.stdout).not.toContain("column_schema");
  });
});

describe("column: and table_name: in the CLI", () => {
  // [selection, the assets status lists]
  it.each<[string, string[]]>([
    ["column:order_id", ["orders_enriched"]],
    ["column:*_id", ["orders_enriched", "customers"]],
    ["table_name:bronze.*", ["customers"]],
    ["table_name:silver.orders_enriched or column:customer_id", ["orders_enriched", "customers"]],
  ])("%s selects %j", async (selection, keys) => {
    const result = await runIn(root, ["status", "--select", selection, "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const assets = (JSON.parse(result.stdout) as { assets: { key: string }[] }).assets.map((asset) => asset.key);
    expect(assets.sort()).toEqual([...keys].sort());
  });

  it("says a selection that matches no table selects nothing", async () => {
    const result = await runIn(root, ["status", "--select", "column:nope"]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("column:nope");
  });
});
