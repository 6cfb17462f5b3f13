/**
 * The lineage in a side panel beside the code, about 400 px wide: every asset name readable (drawn at ≥ 9 px on
 * screen) without zooming, the rest reached by scrolling; a layout direction that suits the panel; the user's view
 * kept across refreshes. Measured on what Chromium draws, not on the app's model.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FocusMessage, GraphMessage, type GraphWithStatuses, ViewStateMessage } from "../../sdk/src/protocol";
import { exampleGraph } from "./exampleGraph";
import { openLineage, postedOf, send, sendAndRender, type Chromium } from "./host/browser";
import { drawnLabels, readByScrolling } from "./host/labels";
import type { Host } from "./host/server";
import { startLineageSuite, type LineageSuite } from "./host/suite";
import { syntheticGraph } from "./syntheticGraph";

const PANEL = { width: 400, height: 800 };
const READABLE_PX = 9;
let suite: LineageSuite;
let host: Host;
let browser: Chromium;
const example = exampleGraph();

async function narrowPage(size = PANEL): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize(size);
  await openLineage(page, host.url("light"));
  return page;
}

const nodeBox = async (page: Page, key: string) =>
  (await page.locator(`g.node[data-id="${key}"] .node-body`).boundingBox())!;
const viewTransform = (page: Page) => page.getAttribute("g.viewport", "transform");
/** A node's title is drawn wholly inside the panel at a readable size. */
async function readable(page: Page, key: string): Promise<boolean> {
  const label = (await drawnLabels(page)).find((sighting) => sighting.key === key);
  return label?.inside === true && label.px >= READABLE_PX;
}

beforeAll(async () => {
  ({ host, browser } = suite = await startLineageSuite());
});

afterAll(() => suite?.close());

describe("lineage in a 400-px side panel", () => {
  it.each([
    ["the example's 20-asset whole graph", example],
    ["a 60-asset graph", syntheticGraph(60)],
  ] as [string, GraphWithStatuses][])(
    "draws every asset name of %s at ≥ 9 px, reached by scrolling",
    async (_, graph) => {
      const page = await narrowPage();
      await sendAndRender(page, GraphMessage, graph);
      // As fitted, without touching anything: words, not the overview, and every drawn name readable.
      const fitted = await drawnLabels(page);
      expect(fitted.filter((label) => label.inside).length).toBeGreaterThan(0);
      for (const label of fitted) expect(label.px, label.key).toBeGreaterThanOrEqual(READABLE_PX);
      const seen = await readByScrolling(page, page.mouse);
      const unread = graph.graph.nodes.map((node) => node.key).filter((key) => (seen.get(key) ?? 0) < READABLE_PX);
      expect(unread).toEqual([]);
      await page.close();
    },
  );

  it("opens fitted around the asset under the cursor, its upstream in view and readable", async () => {
    const page = await narrowPage();
    await sendAndRender(page, GraphMessage, example);
    await sendAndRender(page, FocusMessage, { key: "revenue_by_segment" });
    for (const key of ["revenue_by_segment", "enriched_orders", "orders_raw", "customers"])
      expect(await readable(page, key), key).toBe(true);
    await page.close();
  });

  it("lays the graph out top to bottom in a narrow panel and left to right in a wide one", async () => {
    const page = await narrowPage();
    await sendAndRender(page, GraphMessage, example);
    await sendAndRender(page, FocusMessage, { key: "revenue_by_segment" });
    const [up, down] = [await nodeBox(page, "enriched_orders"), await nodeBox(page, "revenue_by_segment")];
    expect(down.y).toBeGreaterThan(up.y + up.height);
    expect(await page.getAttribute('button:text("Top to bottom")', "aria-pressed")).toBe("true");
    const wide = await narrowPage({ width: 1280, height: 800 });
    await sendAndRender(wide, GraphMessage, example);
    await sendAndRender(wide, FocusMessage, { key: "revenue_by_segment" });
    const [left, right] = [await nodeBox(wide, "enriched_orders"), await nodeBox(wide, "revenue_by_segment")];
    expect(right.x).toBeGreaterThan(left.x + left.width);
    expect(await wide.getAttribute('button:text("Top to bottom")', "aria-pressed")).toBe("false");
    await page.close();
    await wide.close();
  });

  it("remembers the direction toggle in the webview's state and tells the host, which can restore it", async () => {
    const page = await narrowPage();
    await sendAndRender(page, GraphMessage, example);
    await sendAndRender(page, FocusMessage, { key: "revenue_by_segment" });
    await page.getByRole("button", { name: "Top to bottom" }).click();
    await expect.poll(() => page.getAttribute('button:text("Top to bottom")', "aria-pressed")).toBe("false");
    expect((await postedOf(page, ViewStateMessage)).at(-1)).toEqual({ direction: "right" });
    await expect
      .poll(async () => {
        const [left, right] = [await nodeBox(page, "enriched_orders"), await nodeBox(page, "revenue_by_segment")];
        return right.x > left.x + left.width;
      })
      .toBe(true);
    // Reloaded (VS Code keeps the webview's state): still left to right in the narrow panel.
    await openLineage(page, host.url("light"));
    await sendAndRender(page, GraphMessage, example);
    expect(await page.getAttribute('button:text("Top to bottom")', "aria-pressed")).toBe("false");
    await page.close();
    // A new panel gets the choice from the host, which keeps it in the workspace's state.
    const reopened = await narrowPage({ width: 1280, height: 800 });
    await send(reopened, ViewStateMessage, { direction: "down" });
    await sendAndRender(reopened, GraphMessage, example);
    await sendAndRender(reopened, FocusMessage, { key: "revenue_by_segment" });
    const [up, down] = [await nodeBox(reopened, "enriched_orders"), await nodeBox(reopened, "revenue_by_segment")];
    expect(down.y).toBeGreaterThan(up.y + up.height);
    await reopened.close();
  });

  it("keeps the user's zoom and pan across a status refresh, and re-fits when the assets shown change", async () => {
    const page = await narrowPage();
    await sendAndRender(page, GraphMessage, example);
    const stage = (await page.locator(".stage").boundingBox())!;
    await page.mouse.move(stage.x + 100, stage.y + 100);
    await page.mouse.wheel(120, 200);
    await page.getByRole("button", { name: "+" }).click();
    await expect.poll(() => viewTransform(page)).not.toBe(null);
    await page.waitForTimeout(300);
    const chosen = await viewTransform(page);
    // A run's end: the same assets with new states.
    const afterRun = {
      ...example,
      statuses: example.statuses.map((status) => ({ ...status, state: "fresh" as const })),
    };
    await sendAndRender(page, GraphMessage, afterRun);
    await page.waitForTimeout(300);
    expect(await viewTransform(page)).toBe(chosen);
    // Another picture altogether: the neighbourhood of one asset.
    await sendAndRender(page, FocusMessage, { key: "gold_sales" });
    await page.waitForTimeout(300);
    expect(await viewTransform(page)).not.toBe(chosen);
    expect(await readable(page, "gold_sales")).toBe(true);
    await page.close();
  });

  it("zooms in a step about the selected asset, which stays where it was", async () => {
    const page = await narrowPage();
    await sendAndRender(page, GraphMessage, example);
    await sendAndRender(page, FocusMessage, { key: "revenue_by_segment" });
    const before = await nodeBox(page, "orders_raw");
    await page.click('g.node[data-id="orders_raw"]');
    await page.getByRole("button", { name: "+" }).click();
    await page.waitForTimeout(300);
    const after = await nodeBox(page, "orders_raw");
    expect(Math.abs(after.x + after.width / 2 - (before.x + before.width / 2))).toBeLessThan(2);
    expect(Math.abs(after.y + after.height / 2 - (before.y + before.height / 2))).toBeLessThan(2);
    expect(after.width).toBeGreaterThan(before.width * 1.2);
    expect(await readable(page, "orders_raw")).toBe(true);
    await page.close();
  });

  it("keeps group names readable over the overview when zoomed far out", async () => {
    const page = await narrowPage();
    await sendAndRender(page, GraphMessage, syntheticGraph(60));
    for (let step = 0; step < 8; step++) await page.getByRole("button", { name: "−" }).click();
    await page.waitForSelector("svg.lineage.overview-mode");
    const names = await page.$$eval(".group-names > span", (spans) =>
      spans
        .filter((span) => span.checkVisibility())
        .map((span) => ({ text: span.textContent, px: Number.parseFloat(getComputedStyle(span).fontSize) })),
    );
    expect(names.map((name) => name.text).sort()).toEqual(Array.from({ length: 7 }, (_, i) => `group_${i}`));
    for (const name of names) expect(name.px).toBeGreaterThanOrEqual(READABLE_PX);
    await page.close();
  });
});
