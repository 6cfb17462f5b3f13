/**
 * The hover over stdio on a table asset (issue 13): its row count with the change, its column schema as a Markdown
 * table and its preview; hostile column names, types and cells stay text, and each table keeps its columns.
 */
import { readFileSync } from "node:fs";
import { marked, type Token, type Tokens } from "marked";
import { describe, expect, it } from "vitest";
import type { MarkupContent } from "vscode-languageserver-protocol/node";
import { assetlineCli, positionOf, serverOn, stateLens } from "./workspace";

const HOSTILE = ["a|b", "`x`", "[l](javascript:alert(1))", "<img src=x onerror=1>", "two\nlines", "*bold*"];
/** How each shows in a cell: itself, on one line. */
const SHOWN = HOSTILE.map((text) => text.replace("\n", " "));

/** A cell's text as a reader sees it: escapes undone, nothing else interpreted. */
function plain(tokens: readonly Token[]): string {
  return tokens
    .map((token) =>
      "tokens" in token && token.tokens ? plain(token.tokens) : ((token as { text?: string }).text ?? ""),
    )
    .join("");
}

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

    const tables: Tokens.Table[] = [];
    const links: string[] = [];
    marked.walkTokens(marked.lexer(markdown), (token: Token) => {
      if (token.type === "table") tables.push(token as Tokens.Table);
      if (token.type === "link" || token.type === "image" || token.type === "html") links.push(token.raw);
    });
    // Only the server's own three command links; inside the tables, nothing but text.
    expect(links).toHaveLength(3);
    const inTables: string[] = [];
    marked.walkTokens(tables, (token: Token) => {
      if (!["table", "text", "escape"].includes(token.type)) inTables.push(`${token.type}: ${token.raw}`);
    });
    expect(inTables).toEqual([]);

    const [schema, preview] = tables;
    expect(schema!.header.map((cell) => cell.text)).toEqual(["column", "type", "nullable"]);
    expect(schema!.rows.map((row) => row.map((cell) => plain(cell.tokens)))).toEqual(
      SHOWN.map((name, i) => [name, i === 0 ? "BIGINT" : name, i % 2 === 0 ? "yes" : "no"]),
    );
    expect(preview!.header.map((cell) => plain(cell.tokens))).toEqual(SHOWN);
    expect(preview!.rows).toHaveLength(2);
    for (const row of preview!.rows) expect(row).toHaveLength(HOSTILE.length);
    expect(preview!.rows[0]!.map((cell) => plain(cell.tokens))).toEqual([...SHOWN.slice(1), SHOWN[0]]);
    // The table's own entries are said once, in its section, not again in the metadata list.
    expect(markdown).not.toContain("**row_count**");
    expect(markdown).not.toContain("**column_schema**");
    expect(markdown).toContain("**duration_ms**");
  });
});
