/**
 * The hover over stdio, on an asset whose code and metadata try to smuggle in command links and break out of inline
 * code: only the three links the server builds may run a command, and every value stays in its code span.
 */
import { readFileSync } from "node:fs";
import { marked, type Token } from "marked";
import { describe, expect, it } from "vitest";
import type { MarkupContent } from "vscode-languageserver-protocol/node";
import { assetlineCli, positionOf, serverOn, stateLens } from "./workspace";

describe("the hover over an asset with hostile metadata", () => {
  const session = serverOn("test/protocol/fixtures/hostile", { trusted: true, commandLinks: true });

  it("links only to the server's own three commands, and keeps each value in its code span", async () => {
    const { client, workspace } = session;
    const file = workspace.file("src/hostile.ts");
    await assetlineCli(["materialize", "hostile", workspace.root], workspace.root);
    await client.runFinished("hostile-run");
    await client.until("the fresh lens", async () => (await stateLens(client, file, "hostile")())?.startsWith("●"));
    const hover = await client.hover(file, positionOf(readFileSync(file, "utf8"), "export const hostile", 14));
    const markdown = (hover!.contents as MarkupContent).value;
    expect(markdown).toContain("**note**");

    const links: string[] = [];
    const code: string[] = [];
    marked.walkTokens(marked.lexer(markdown), (token: Token) => {
      if (token.type === "link" || token.type === "image") links.push(token.href);
      if (token.type === "codespan") code.push(token.text);
      if (token.type === "html") links.push(token.raw);
    });
    const key = encodeURIComponent(JSON.stringify(["hostile"]));
    expect(links.filter((href) => /command:/i.test(href))).toEqual([
      `command:assetline.materialize?${key}`,
      `command:assetline.materializeWithUpstream?${key}`,
      `command:assetline.showLineage?${key}`,
    ]);
    // Every value shows whole in its own span (a zero-width space keeps `command:` inside them from linking).
    const shown = code.map((text) => text.replaceAll("\u200b", ""));
    for (const value of [
      "g``x",
      "k``ind",
      "team``](command:assetline.materialize)",
      "tier``=`gold` <command:assetline.materialize>",
      "data``/x.csv",
    ])
      expect(shown).toContain(value);
  });
});
