/** Preview Table's document: the rows `query --json` gave, as an escaped Markdown table under the asset's name. */
import { describe, expect, it } from "vitest";
import { previewQuery, tableMarkdown } from "../../../client/src/tables/tableMarkdown";

const columns = [
  { name: "city", type: "VARCHAR" },
  { name: "total", type: "BIGINT" },
];

describe("Preview Table", () => {
  it("reads the asset's view by group and table, asking for one row more than it shows", () => {
    expect(previewQuery("silver", "orders_enriched")).toBe('select * from "silver"."orders_enriched" limit 101');
    expect(previewQuery("", "sales/daily")).toBe('select * from "default"."sales__daily" limit 101');
    expect(previewQuery("g", 'we"ird')).toBe('select * from "g"."we""ird" limit 101');
  });

  it("shows the rows under the key, every cell escaped", () => {
    const rows = [{ city: "Paris | [x](command:y)", total: "20" }];
    expect(tableMarkdown("gold/revenue", { columns, rows, rowCount: 1 })).toBe(
      "# gold/revenue\n\n2 columns, 1 row.\n\n| city | total |\n| --- | --- |\n| Paris \\| \\[x\\](command:y) | 20 |\n",
    );
  });

  it("says when the table has more rows than it shows", () => {
    const rows = Array.from({ length: 100 }, (_, i) => ({ city: "Paris", total: String(i) }));
    expect(tableMarkdown("revenue", { columns, rows, rowCount: 101 }).split("\n")[2]).toBe(
      "2 columns, the first 100 rows.",
    );
  });
});
