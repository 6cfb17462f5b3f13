/** 5,000 assets: layout and overview painting run in the worker, so the panel's main thread never blocks for long. */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { GraphMessage } from "../../sdk/src/protocol";
import { openLineage, sendAndRender, type Chromium } from "./host/browser";
import type { Host } from "./host/server";
import { startLineageSuite, type LineageSuite } from "./host/suite";
import { syntheticGraph } from "./syntheticGraph";

let suite: LineageSuite;
let host: Host;
let browser: Chromium;
let page: Page;

declare global {
  interface Window {
    __longTasks: number[];
  }
}

beforeAll(async () => {
  ({ host, browser } = suite = await startLineageSuite());
  page = await browser.context.newPage();
  await openLineage(page, host.url("light"));
});

afterAll(() => suite?.close());

const longestTask = (): Promise<number> => page.evaluate(() => Math.max(0, ...window.__longTasks));

it("lays out and draws 5,000 assets without a main-thread long task over 200 ms", async () => {
  const graph = syntheticGraph(5000);
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) =>
      list.getEntries().forEach((entry) => window.__longTasks.push(entry.duration)),
    ).observe({ type: "longtask" });
  });
  const url = host.serveMessage("large", { method: GraphMessage.method, params: graph });
  const rendered = await sendAndRender(page, GraphMessage, { url });
  expect(rendered).toEqual({ nodes: 5000, edges: graph.graph.edges.length });
  // Fitted to the panel, 5,000 nodes are drawn as the overview picture, not as DOM.
  expect(await page.locator("svg.lineage.overview-mode").count()).toBe(1);
  expect(await page.locator("g.node").count()).toBe(0);
  await page.waitForTimeout(300);
  expect(await longestTask()).toBeLessThan(200);
});

it("zooms with Ctrl and the wheel and pans by dragging without a main-thread long task over 200 ms, drawing only what is in view", async () => {
  const stage = (await page.locator(".stage").boundingBox())!;
  const centre = { x: stage.x + stage.width / 2, y: stage.y + stage.height / 2 };
  const wheel = async (deltaY: number, steps: number): Promise<void> => {
    // The plain wheel scrolls; with Ctrl (or a pinch) it zooms.
    await page.keyboard.down("Control");
    for (let step = 0; step < steps; step++) {
      await page.mouse.wheel(0, deltaY);
      await page.waitForTimeout(30);
    }
    await page.keyboard.up("Control");
  };
  const drag = async (dx: number, dy: number): Promise<void> => {
    await page.mouse.down();
    await page.mouse.move(centre.x + dx, centre.y + dy, { steps: 10 });
    await page.mouse.up();
    await page.mouse.move(centre.x, centre.y);
  };
  const drawnKeys = (): Promise<(string | null)[]> =>
    page.$$eval("g.node", (nodes) => nodes.map((node) => node.getAttribute("data-id")));
  const longest: Record<string, number> = {};
  /** Runs a gesture, lets the deferred redraw finish, and keeps the longest main-thread task it caused. */
  const gesture = async (name: string, run: () => Promise<void>): Promise<void> => {
    await page.evaluate(() => (window.__longTasks = []));
    await run();
    await page.waitForTimeout(400);
    longest[name] = Math.round(await longestTask());
  };
  await page.mouse.move(centre.x, centre.y);
  await gesture("zoom in from the overview", () => wheel(-400, 12));
  expect(await page.locator("svg.lineage.overview-mode").count()).toBe(0);
  // Zoomed out to where many nodes are readable at once: the heaviest detail view.
  await gesture("zoom out to many nodes", () => wheel(200, 5));
  const before = await drawnKeys();
  expect(before.length).toBeGreaterThan(20);
  expect(before.length).toBeLessThanOrEqual(250);
  await gesture("pan", () => drag(-500, -250));
  // Panning brings other nodes into view and drops those that left it.
  expect((await drawnKeys()).some((id) => !before.includes(id))).toBe(true);
  await gesture("pan back", () => drag(500, 250));
  await gesture("zoom out to the overview", () => wheel(200, 2));
  expect(await page.locator("svg.lineage.overview-mode").count()).toBe(1);
  await gesture("pan the overview", () => drag(400, 200));
  console.log(`longest main-thread task per gesture at 5,000 nodes (ms): ${JSON.stringify(longest)}`);
  for (const [name, ms] of Object.entries(longest)) expect(ms, name).toBeLessThan(200);
});
