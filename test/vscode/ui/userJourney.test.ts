import * as assert from "node:assert/strict";
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../tools.mjs";
import { assetlineCli, openExample, type Session } from "./session";
import { editorLine, lensAbove, lineageFrame, openFile, recordNotifications, runCommand, waitForLensText } from "./workbench";

const revenueLine = "export const revenue_by_segment";

describe("A person materializing revenue_by_segment in VS Code", function () {
  let session: Session;
  let passed = true;
  const shots: Record<string, string> = {};

  before(async function () {
    // The upstream is already stored (as after `npm start`), so Materialize on revenue_by_segment alone can run.
    session = await openExample("journey", (workspace) => assetlineCli(workspace, ["materialize", "orders_raw", "customers", "enriched_orders"]));
  });
  afterEach(function () {
    if (this.currentTest?.state !== "passed") passed = false;
  });
  after(async function () {
    await session?.close(passed);
  });

  it("sees ▶ Materialize and the state in the lens above the asset", async function () {
    await openFile(session.page, "orders.ts");
    // The lens shows the run action at once and the state when the store has been read.
    const text = await waitForLensText(session.page, revenueLine, /○ never materialized/);
    assert.match(text, /▶ Materialize/);
    assert.match(await waitForLensText(session.page, "export const enriched_orders", /fresh/), /● fresh/);
    await session.screenshot("1-lenses");
  });

  it("clicks ▶ Materialize, sees the progress notification, and the lens turns fresh", async function () {
    const { page } = session;
    const seenToasts = await recordNotifications(page);
    await (await lensAbove(page, revenueLine)).getByRole("button", { name: "▶ Materialize", exact: true }).click();
    const text = await waitForLensText(page, revenueLine, /● fresh/);
    assert.match(text, /2 rows/);
    const toasts = await seenToasts();
    assert.ok(
      toasts.some((toast) => /Assetline/.test(toast) && /revenue_by_segment/.test(toast)),
      `Expected an Assetline progress notification naming revenue_by_segment; saw: ${JSON.stringify(toasts)}`,
    );
    await session.screenshot("2-materialized");
  });

  it("hovers the asset and sees its last materialization's metadata", async function () {
    const { page } = session;
    await editorLine(page, revenueLine).getByText("revenue_by_segment", { exact: true }).first().hover();
    const hover = page.locator(".monaco-hover", { hasText: "Last materialized" }).first();
    await hover.waitFor({ timeout: 30_000 });
    const text = await hover.innerText();
    assert.match(text, /revenue_by_segment · asset · group orders/);
    assert.match(text, /row_count/);
    // The value's preview renders as a Markdown table with the segments.
    const table = hover.locator("table").first();
    assert.match(await table.innerText(), /segment[\s\S]*Premium[\s\S]*Standard/);
    shots.hover = await session.screenshot("3-hover");
    await page.keyboard.press("Escape");
  });

  it("opens the lineage and sees every asset, coloured by its state", async function () {
    const { page } = session;
    await runCommand(page, "Assetline: Show Lineage");
    const frame = await lineageFrame(page);
    const nodes = frame.locator("svg.lineage g.node");
    // Nodes enter a few per frame; wait for the whole example.
    await frame.waitForFunction(() => document.querySelectorAll("svg.lineage g.node").length >= 20, undefined, { timeout: 30_000 });
    assert.equal(await nodes.count(), 20);
    const barColour = (key: string) =>
      frame.locator(`svg.lineage g.node[data-id="${key}"] .node-state-bar`).evaluate((bar) => getComputedStyle(bar).fill);
    assert.match((await frame.locator('svg.lineage g.node[data-id="revenue_by_segment"]').getAttribute("class")) ?? "", /state-fresh/);
    assert.match((await frame.locator('svg.lineage g.node[data-id="sales_report"]').getAttribute("class")) ?? "", /state-never/);
    assert.notEqual(await barColour("revenue_by_segment"), await barColour("sales_report"), "Fresh and never-materialized nodes share a colour.");
    shots.lineage = await session.screenshot("4-lineage");
  });

  after(function () {
    // The README shows the two views a newcomer should see first; refreshed on request so test runs leave docs/ alone.
    if (!passed || process.env.ASSETLINE_UPDATE_SCREENSHOTS !== "1") return;
    mkdirSync(join(repoRoot, "docs"), { recursive: true });
    for (const [name, path] of Object.entries(shots)) copyFileSync(path, join(repoRoot, `docs/screenshot-${name}.png`));
  });
});
