import { describe, expect, it } from "vitest";
import { metadataMarkdown } from "../../../server/src/metadataMarkdown";

describe("metadata in a hover", () => {
  it("lists scalars first with thousands separators, then Markdown, JSON and tables as blocks", () => {
    const markdown = metadataMarkdown({
      preview: { type: "md", value: "| a |\n| --- |\n| 1 |" },
      row_count: { type: "int", value: 1234567 },
      revenue: { type: "float", value: 37482.5 },
      source: { type: "url", value: "https://example.com/data (raw)" },
      config: { type: "json", value: { retries: 3 } },
    });
    expect(markdown).toBe(
      [
        "- **row_count**: 1,234,567\n- **revenue**: 37,482.5\n- **source**: [https://example.com/data (raw)](https://example.com/data%20%28raw%29)",
        "**preview**\n\n| a |\n| --- |\n| 1 |",
        '**config**\n\n```json\n{\n  "retries": 3\n}\n```',
      ].join("\n\n"),
    );
  });

  it("renders a table entry as a Markdown table, escaping pipes and showing how many rows are left out", () => {
    const rows = Array.from({ length: 12 }, (_, i) => ({
      city: i === 0 ? "Lisbon | PT" : `City ${i}`,
      total: 1000 * i,
    }));
    const markdown = metadataMarkdown({ top_cities: { type: "table", value: { columns: ["city", "total"], rows } } });
    const lines = markdown.split("\n");
    expect(lines.slice(0, 5)).toEqual([
      "**top_cities**",
      "",
      "| city | total |",
      "| --- | --- |",
      "| Lisbon \\| PT | 0 |",
    ]);
    expect(lines.filter((line) => line.startsWith("| City"))).toHaveLength(9);
    expect(lines.at(-1)).toBe("_… 2 more rows not shown_");
  });

  it("cuts long values and says how much was cut, outside the code block", () => {
    const markdown = metadataMarkdown({ log: { type: "json", value: "x".repeat(2000) } });
    expect(markdown).toMatch(/\n```\n\n_… cut: 502 more characters not shown_$/);
  });

  it("renders a schema entry of the user's own as the table section's schema table, names escaped", () => {
    const columns = [{ name: "a|b", type: "BIGINT", nullable: true }];
    expect(metadataMarkdown({ input_schema: { type: "table_schema", value: { columns } } })).toBe(
      "**input_schema**\n\n| column | type | nullable |\n| --- | --- | --- |\n| a\\|b | BIGINT | yes |",
    );
  });

  it("keeps snake_case names readable and escapes Markdown in plain text", () => {
    expect(metadataMarkdown({ note_text: { type: "text", value: "*not bold* <b>" } })).toBe(
      "- **note_text**: \\*not bold\\* \\<b\\>",
    );
  });
});
