import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { drawnLabels, readByScrolling } from "../../webview/host/labels";
import { repoRoot } from "../tools.mjs";
import { assetlineCli, exampleForSuite } from "./session";
import {
  editorLine,
  lensAbove,
  lineageFrame,
  openFile,
  recordNotifications,
  runCommand,
  waitForLensText,
} from "./workbench";

const revenueLine = "export const revenue_by_segment";

describe("A person materializing revenue_by_segment in VS Code", () => {
  // The upstream is already stored (as after `npm start`), so Materialize on revenue_by_segment alone can run.
  const example = exampleForSuite("journey", (workspace) =>
    assetlineCli(workspace, ["materialize", "orders_raw", "customers", "enriched_orders"]),
  );
  const shots: Record<string, string> = {};

  it("sees ▶ Materialize and the state in the lens above the asset", async () => {
    const { page } = example.session;
    await openFile(page, "orders.ts");
    // The lens shows the run action at once and the state when the store has been read.
    const text = await waitForLensText(page, revenueLine, /○ never materialized/);
    assert.match(text, /▶ Materialize/);
    assert.match(await waitForLensText(page, "export const enriched_orders", /fresh/), /● fresh/);
    await example.session.screenshot("1-lenses");
  });

  it("clicks ▶ Materialize, sees the progress notification, and the lens turns fresh", async () => {
    const { page } = example.session;
    const seenToasts = await recordNotifications(page);
    await (await lensAbove(page, revenueLine)).getByRole("button", { name: "▶ Materialize", exact: true }).click();
    const text = await waitForLensText(page, revenueLine, /● fresh/);
    assert.match(text, /2 rows/);
    const toasts = await seenToasts();
    assert.ok(
      toasts.some((toast) => /Assetline/.test(toast) && /revenue_by_segment/.test(toast)),
      `Expected an Assetline progress notification naming revenue_by_segment; saw: ${JSON.stringify(toasts)}`,
    );
    await example.session.screenshot("2-materialized");
  });

  it("hovers the asset and sees the table it stored in DuckDB: rows, column types and the first rows", async () => {
    const { page } = example.session;
    await editorLine(page, revenueLine).getByText("revenue_by_segment", { exact: true }).first().hover();
    const hover = page.locator(".monaco-hover", { hasText: "Last materialized" }).first();
    await hover.waitFor({ timeout: 30_000 });
    const text = await hover.innerText();
    assert.match(text, /revenue_by_segment · asset · group orders/);
    // The warehouse's view (group.table) and the engine's row count.
    assert.match(text, /Table orders\.revenue_by_segment · 2 rows/);
    // The column schema renders as a Markdown table, each column with its DuckDB type.
    const schema = hover.locator("table", { hasText: "nullable" }).first();
    assert.match(await schema.innerText(), /column\s+type\s+nullable\s+segment\s+VARCHAR\b[\s\S]*amount\s+DOUBLE\b/);
    // The preview: the first rows, from the engine, the segments with their revenue.
    const preview = hover.locator("table", { hasText: "Premium" }).first();
    assert.match(await preview.innerText(), /segment\s+amount\s+Premium\s+325\s+Standard\s+200/);
    // The hover scrolls: the screenshot starts at the table's section, its schema and preview below.
    await hover
      .locator("p", { hasText: "Table orders.revenue_by_segment" })
      .evaluate((line) => line.scrollIntoView({ block: "start" }));
    shots.hover = await example.session.screenshot("3-hover");
    await page.keyboard.press("Escape");
  });

  it("opens the lineage beside the asset and sees its nodes coloured by state", async () => {
    const { page } = example.session;
    // With the cursor in revenue_by_segment the lineage follows it: the asset and its upstream, close enough to read.
    await editorLine(page, revenueLine).getByText("revenue_by_segment", { exact: true }).first().click();
    // Room for the graph beside the code: below a readable zoom the view paints an overview without SVG nodes.
    await runCommand(page, "View: Close Primary Side Bar");
    await runCommand(page, "Assetline: Show Lineage");
    const frame = await lineageFrame(page);
    const node = (key: string) => frame.locator(`svg.lineage g.node[data-id="${key}"]`);
    // The view centres on the asset; Fit brings its upstream into view too.
    await node("revenue_by_segment").waitFor({ timeout: 30_000 });
    await frame.getByRole("button", { name: "Fit", exact: true }).click();
    for (const key of ["revenue_by_segment", "enriched_orders", "orders_raw", "customers"])
      await node(key).waitFor({ timeout: 30_000 });
    assert.match((await node("revenue_by_segment").getAttribute("class")) ?? "", /\bstate-fresh\b/);
    // The node's state bar wears the legend's colour for its state, which is not the never-materialized one.
    const barColour = await node("revenue_by_segment")
      .locator(".node-state-bar")
      .evaluate((bar) => getComputedStyle(bar).fill);
    const legendColour = (state: string) =>
      frame.locator(`.legend-item.state-${state} .legend-swatch`).evaluate((swatch) => getComputedStyle(swatch).color);
    assert.equal(barColour, await legendColour("fresh"));
    assert.notEqual(barColour, await legendColour("never"));
    shots.lineage = await example.session.screenshot("4-lineage");
  });

  it("reads every asset name in a lineage panel about 400 px wide beside the code, without zooming", async () => {
    const { page, workspace } = example.session;
    // Two editor groups side by side in a narrower window: the lineage's group is about 400 px wide.
    await page.setViewportSize({ width: 860, height: 900 });
    const frame = await lineageFrame(page);
    const panel = (await (await frame.frameElement()).boundingBox())!;
    assert.ok(panel.width > 360 && panel.width < 440, `The lineage panel is ${panel.width} px wide, not about 400`);
    // The view lays itself out again for the new size; Fit frames the asset under the cursor with its upstream.
    await page.waitForTimeout(1500);
    await frame.getByRole("button", { name: "Fit", exact: true }).click();
    await page.waitForTimeout(500);
    const fitted = await drawnLabels(frame);
    for (const key of ["revenue_by_segment", "enriched_orders", "orders_raw", "customers"]) {
      const label = fitted.find((sighting) => sighting.key === key);
      assert.ok(label?.inside && label.px >= 9, `${key} is not readable as fitted: ${JSON.stringify(label)}`);
    }
    // The whole workspace, every name read by scrolling with the wheel.
    await frame.getByRole("button", { name: "Whole graph" }).click();
    await page.waitForTimeout(1000);
    const graph = JSON.parse(
      execFileSync("node", [join(repoRoot, "sdk/bin/assetline.js"), "graph", "--json", workspace], {
        encoding: "utf8",
      }),
    ) as { nodes: { key: string }[] };
    const seen = await readByScrolling(frame, page.mouse);
    const unread = graph.nodes.map((node) => node.key).filter((key) => (seen.get(key) ?? 0) < 9);
    assert.deepEqual(unread, [], `Names not readable at ≥ 9 px in the 400-px panel: ${unread.join(", ")}`);
    // Narrower than tall: laid out top to bottom.
    assert.equal(await frame.getByRole("button", { name: "Top to bottom" }).getAttribute("aria-pressed"), "true");
    await example.session.screenshot("5-lineage-narrow");
    await page.setViewportSize({ width: 1600, height: 900 });
  });

  after(() => {
    // The README shows the two views a newcomer should see first; refreshed on request so test runs leave docs/ alone.
    if (!example.passed || process.env.ASSETLINE_UPDATE_SCREENSHOTS !== "1") return;
    mkdirSync(join(repoRoot, "docs"), { recursive: true });
    for (const [name, path] of Object.entries(shots)) copyFileSync(path, join(repoRoot, `docs/screenshot-${name}.png`));
  });
});
