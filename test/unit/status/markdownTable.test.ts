/**
 * Markdown tables of data (column names, cells, previews): whatever a name or value holds, the reader sees it as
 * text, in its own cell, and nothing becomes a link, an image, HTML or emphasis. Checked with marked, the Markdown
 * reader VS Code's hovers use.
 */
import { describe, expect, it } from "vitest";
import { markdownCell, markdownTable } from "../../../sdk/src/status/markdownTable";
import { readTables } from "./readMarkdown";

/** The one table of `markdown`, read back. */
function read(markdown: string) {
  const tables = readTables(markdown);
  expect(tables).toHaveLength(1);
  return tables[0]!;
}

// [what a cell holds, how it reads]
const cells: [string, string][] = [
  ["a|b", "a|b"],
  ["`x`", "`x`"],
  ["[l](javascript:alert(1))", "[l](javascript:alert(1))"],
  ["![i](https://x/y.png)", "![i](https://x/y.png)"],
  ["<img src=x onerror=1>", "<img src=x onerror=1>"],
  ["*bold* and **strong**", "*bold* and **strong**"],
  ["_under_ but order_id", "_under_ but order_id"],
  ["~~struck~~", "~~struck~~"],
  ["&lt;b&gt; &#99;", "&lt;b&gt; &#99;"],
  ["two\nlines", "two lines"],
  ["crlf\r\nand\rcr", "crlf and cr"],
  ["unicode\u2028line\u2029breaks", "unicode line breaks"],
  ["https://evil.example/x", "https://evil.example/x"],
  ["www.evil.example", "www.evil.example"],
  ["WWW.evil.example", "WWW.evil.example"],
  ["mail me@evil.example", "mail me@evil.example"],
  ["back\\slash\\", "back\\slash\\"],
  ["# not a heading", "# not a heading"],
  ["- not a list", "- not a list"],
  ["1.5 and 12:30", "1.5 and 12:30"],
];

describe("markdownTable", () => {
  it.each(cells)("a cell holding %j reads as itself, and only as text", (value, shown) => {
    const { cells: read_, other } = read(markdownTable(["value"], [{ value }]));
    expect(other).toEqual([]);
    expect(read_).toEqual([["value"], [shown]]);
  });

  it.each(cells)("a column named %j keeps the table's columns", (name, shown) => {
    const { cells: read_, other } = read(markdownTable([name, "b"], [{ [name]: 1, b: name }]));
    expect(other).toEqual([]);
    expect(read_).toEqual([
      [shown, "b"],
      ["1", shown],
    ]);
  });

  it("shows objects as JSON, a date as its ISO time, a missing cell as empty, and cuts a long value", () => {
    const { cells: read_ } = read(
      markdownTable(["a", "b", "c"], [{ a: { x: [1] }, c: new Date(Date.UTC(2026, 2, 1)) }]),
    );
    expect(read_).toEqual([
      ["a", "b", "c"],
      ['{"x":[1]}', "", "2026-03-01T00:00:00.000Z"],
    ]);
    expect(markdownCell("x".repeat(300), 10)).toBe(`${"x".repeat(9)}…`);
  });

  it("leaves snake_case names readable where the Markdown is shown raw", () => {
    expect(markdownCell("order_id")).toBe("order_id");
    expect(markdownCell("silver.orders_enriched")).toBe("silver.orders_enriched");
  });
});
