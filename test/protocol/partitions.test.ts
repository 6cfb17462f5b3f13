/**
 * A partitioned workspace over stdio, with the real CLI: the health lens and its actions before any run, after a
 * partial backfill from a terminal (two days materialized, one failed, two missing) and after Backfill missing's run,
 * and the hover's health bar drawn from the same store.
 */
import { readFileSync } from "node:fs";
import { marked, type Token } from "marked";
import { beforeAll, describe, expect, it } from "vitest";
import type { CodeLens, MarkupContent } from "vscode-languageserver-protocol/node";
import type { TestClient } from "./client";
import { assetlineCli, positionOf, serverOn, type TempWorkspace } from "./workspace";

describe("lenses and hover of a partitioned asset", () => {
  const session = serverOn("test/protocol/fixtures/partitioned", { trusted: true, commandLinks: true });
  let workspace: TempWorkspace;
  let client: TestClient;
  let orders: string;

  beforeAll(() => {
    ({ workspace, client } = session);
    orders = workspace.file("src/orders.ts");
  });

  /** The lenses on the line of `export const <name>`, once `ready` accepts their titles. */
  function lensesOf(name: string, ready: (titles: (string | undefined)[]) => boolean): Promise<CodeLens[]> {
    const { line } = positionOf(readFileSync(orders, "utf8"), `export const ${name} `, "export const ".length);
    return client.until(`lenses of ${name}`, async () => {
      const lenses = ((await client.codeLenses(orders)) ?? []).filter((lens) => lens.range.start.line === line);
      return ready(lenses.map((lens) => lens.command?.title)) && lenses;
    });
  }
  const titles = (lenses: CodeLens[]) => lenses.map((lens) => lens.command?.title);

  async function hoverOf(name: string): Promise<string> {
    const at = positionOf(readFileSync(orders, "utf8"), `export const ${name}`, "export const ".length + 2);
    return ((await client.hover(orders, at))!.contents as MarkupContent).value;
  }

  /** A backfill from a terminal; with FAIL_DAY one of its days fails, and the CLI exits non-zero as it should. */
  async function backfill(args: string[], failDay?: string): Promise<void> {
    const run = assetlineCli(
      ["materialize", ...args, workspace.root],
      workspace.root,
      failDay ? { FAIL_DAY: failDay } : {},
    );
    if (failDay) await expect(run).rejects.toMatchObject({ stdout: expect.stringContaining(`no file for ${failDay}`) });
    else await run;
  }

  it("shows every day missing, Materialize partition… and Backfill missing before any run", async () => {
    const lenses = await lensesOf("daily_orders", (t) => t[0]?.startsWith("▦") === true);
    expect(titles(lenses)).toEqual(["▦ 0/5 · 5 missing", "▶ Materialize partition…", "▶ Backfill missing", "Lineage"]);
    expect(lenses.slice(1).map((lens) => [lens.command?.command, lens.command?.arguments])).toEqual([
      ["assetline.materializePartitions", ["daily_orders"]],
      ["assetline.backfillMissing", ["daily_orders"]],
      ["assetline.showLineage", ["daily_orders"]],
    ]);
  });

  it("counts a partial backfill's days, and draws them in the hover's bar", async () => {
    await backfill(["daily_orders", "--partitions", "2026-03-01...2026-03-03"], "2026-03-03");
    const lenses = await lensesOf("daily_orders", (t) => t[0] === "▦ 2/5 · 2 missing · 1 failed");
    expect(titles(lenses).slice(1)).toEqual(["▶ Materialize partition…", "▶ Backfill missing", "Lineage"]);
    // Downstream, nothing ran.
    expect(titles(await lensesOf("daily_revenue", (t) => t.length > 0))[0]).toBe("▦ 0/5 · 5 missing");

    const markdown = await hoverOf("daily_orders");
    expect(markdown).toContain("Partitions ▦ 2/5 · 2 missing · 1 failed");
    expect(markdown).toContain("**2 materialized**: `2026-03-01`…`2026-03-02` (2)");
    expect(markdown).toContain("**1 failed**: `2026-03-03`");
    expect(markdown).toContain("**2 missing**: `2026-03-04`…`2026-03-05` (2)");
    expect(markdown).toContain("Latest partition `2026-03-05`: missing");
    expect(markdown).toMatch(/Last materialized just now \(.+\), partition `2026-03-0[12]`, took/);
    // The lenses' actions, one click from the hover.
    const key = encodeURIComponent(JSON.stringify(["daily_orders"]));
    expect(markdown.trimEnd().split("\n").at(-1)).toBe(
      `[▶ Materialize partition…](command:assetline.materializePartitions?${key}) · [▶ Backfill missing](command:assetline.backfillMissing?${key}) · [Lineage](command:assetline.showLineage?${key})`,
    );
    // The bar: 2, 1 and 2 fifths of 240 pixels, green, red, grey; then a swatch per state.
    const images: { alt: string; href: string }[] = [];
    marked.walkTokens(marked.lexer(markdown), (token: Token) => {
      if (token.type === "image") images.push({ alt: token.text, href: token.href });
    });
    expect(images.map(({ alt }) => alt)).toEqual([
      "partition health ▦ 2/5 · 2 missing · 1 failed",
      "materialized",
      "failed",
      "missing",
    ]);
    const svg = Buffer.from(images[0]!.href.replace("data:image/svg+xml;base64,", ""), "base64").toString("utf8");
    const rects = [...svg.matchAll(/<rect x="(\d+)" width="(\d+)" height="\d+" fill="(#\w+)"\/>/g)].map((m) => [
      m[3],
      Number(m[1]),
      Number(m[2]),
    ]);
    expect(rects).toEqual([
      ["#388a34", 0, 96],
      ["#e51400", 96, 48],
      ["#8b8b8b", 144, 96],
    ]);
  });

  it("offers Backfill missing only while a day is missing", async () => {
    await backfill(["daily_orders", "--partitions", "missing"]);
    const lenses = await lensesOf("daily_orders", (t) => t[0] === "▦ 4/5 · 1 failed");
    expect(titles(lenses)).toEqual(["▦ 4/5 · 1 failed", "▶ Materialize partition…", "Lineage"]);
    await backfill(["daily_orders", "--partitions", "failed"]);
    await lensesOf("daily_orders", (t) => t[0] === "▦ 5/5");
    expect(await hoverOf("daily_orders")).toContain("Latest partition `2026-03-05`: materialized");
  });
});
