/**
 * The hover over stdio on a table asset (issue 13): its row count with the change, its column schema as a Markdown
 * table and its preview; hostile column names, types and cells stay text, and each table keeps its columns.
 */
import { readFileSync } from "node:fs";
import { marked, type Token } from "marked";
import { describe, expect, it } from "vitest";
import type { MarkupContent } from "vscode-languageserver-protocol/node";
import { readTables } from "../unit/status/readMarkdown";
import { assetlineCli, positionOf, serverOn, stateLens } from "./workspace";

const HOSTILE = ["a|b", "`x`", "[l](javascript:alert(1))", "<img src=x onerror=1>", "two\nlines", "*bold*"];
/** How each shows in a cell: itself, on one line. */
const SHOWN = HOSTILE.map((text) => text.replace("\n", " "));

describe("the hover over a table asset", () => {
  const session = serverOn("test/protocol/fixtures/tables", { trusted: true, commandLinks: true });

  it("shows the row count with its change, the schema table and the preview, every name escaped", async () => {
    const { client, workspace } = session;
    const file = workspace.file("src/tables.ts");
    await assetlineCli(["materialize", "orders_enriched", workspace.root], workspace.root);
    await client.runFinished("tables-run");
    await client.until("the fresh lens", async () =>
      (await stateLens(client, file, "orders_enriched")())?.startsWith("●"),
    );
    const at = positionOf(readFileSync(file, "utf8"), "export const orders_enriched", 14);
    const markdown = ((await client.hover(file, at))!.contents as MarkupContent).value;
    expect(markdown).toContain("1,000,000 rows (+2,000 since the previous materialization)");
    expect(markdown).toContain("Table **silver.orders_enriched**");

    const links: string[] = [];
    marked.walkTokens(marked.lexer(markdown), (token: Token) => {
      if (token.type === "link" || token.type === "image" || token.type === "html") links.push(token.raw);
    });
    // Only the server's own three command links; inside the tables, nothing but text.
    expect(links).toHaveLength(3);
    const [schema, preview, ...more] = readTables(markdown);
    expect(more).toEqual([]);
    expect([schema!.other, preview!.other]).toEqual([[], []]);
    expect(schema!.cells).toEqual([
      ["column", "type", "nullable"],
      ...SHOWN.map((name, i) => [name, i === 0 ? "BIGINT" : name, i % 2 === 0 ? "yes" : "no"]),
    ]);
    const [header, ...rows] = preview!.cells;
    expect(header).toEqual(SHOWN);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toHaveLength(HOSTILE.length);
    expect(rows[0]).toEqual([...SHOWN.slice(1), SHOWN[0]]);
    // The table's own entries are said once, in its section, not again in the metadata list.
    expect(markdown).not.toContain("**row_count**");
    expect(markdown).not.toContain("**column_schema**");
    expect(markdown).toContain("**duration_ms**");
  });
});
