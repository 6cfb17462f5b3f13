/** The built lineage webview in headless Chromium, with a host page playing VS Code. */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ExportSvgMessage,
  FocusMessage,
  GraphMessage,
  MaterializeMessage,
  PreviewTableMessage,
  RenderedMessage,
  RevealMessage,
  RunEventMessage,
} from "../../sdk/src/protocol";
import { parseSelection, selectAssets } from "../../sdk/src/selection";
import { exampleGraph } from "./exampleGraph";
import { openLineage, postedOf, send, sendAndRender, type Chromium } from "./host/browser";
import { drawnLabels } from "./host/labels";
import type { Host } from "./host/server";
import { startLineageSuite, type LineageSuite } from "./host/suite";

let suite: LineageSuite;
let host: Host;
let browser: Chromium;
let page: Page;
const example = exampleGraph();

async function openPage(): Promise<Page> {
  const opened = await browser.context.newPage();
  const errors: string[] = [];
  opened.on("pageerror", (error) => errors.push(error.message));
  opened.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  await openLineage(opened, host.url("light"));
  expect(errors).toEqual([]);
  return opened;
}

const nodeAt = (key: string): string => `g.node[data-id="${key}"]`;

beforeAll(async () => {
  ({ host, browser } = suite = await startLineageSuite());
  page = await openPage();
});

afterAll(() => suite?.close());

describe("lineage webview", () => {
  it("draws every asset and edge of the example, order-only edges dashed", async () => {
    const rendered = await sendAndRender(page, GraphMessage, example);
    expect(rendered).toEqual({ nodes: example.graph.nodes.length, edges: example.graph.edges.length });
    const keys = await page.$$eval("g.node", (nodes) => nodes.map((node) => node.getAttribute("data-id")));
    expect(keys.sort()).toEqual(example.graph.nodes.map((node) => node.key).sort());
    expect(await page.locator("path.edge").count()).toBe(example.graph.edges.length);
    const order = example.graph.edges.find((edge) => edge.kind === "order")!;
    const dash = await page.$eval(
      `path.edge[data-from="${order.from}"][data-to="${order.to}"]`,
      (path) => getComputedStyle(path).strokeDasharray,
    );
    expect(dash).not.toBe("none");
    const labels = await page.$$eval(".group-label", (texts) =>
      texts.map((text) => text.textContent!.replace("▾ ", "")),
    );
    expect(new Set(labels)).toEqual(new Set(example.graph.nodes.map((node) => node.group)));
  });

  it("draws one frame per group, around all of its assets, overlapping no other group's", async () => {
    type Rect = { left: number; top: number; right: number; bottom: number };
    const { frames, nodes } = await page.evaluate(() => {
      const rect = (element: Element): Rect => {
        const { left, top, right, bottom } = element.getBoundingClientRect();
        return { left, top, right, bottom };
      };
      return {
        frames: [...document.querySelectorAll("g.group-frame")].map((frame) => ({
          group: frame.getAttribute("data-group")!,
          rect: rect(frame.querySelector("rect")!),
        })),
        nodes: [...document.querySelectorAll("g.node")].map((node) => ({
          key: node.getAttribute("data-id")!,
          rect: rect(node.querySelector(".node-body")!),
        })),
      };
    });
    const groups = [...new Set(example.graph.nodes.map((node) => node.group))];
    expect(frames.map((frame) => frame.group).sort()).toEqual(groups.sort());
    const inside = (inner: Rect, outer: Rect): boolean =>
      inner.left >= outer.left && inner.right <= outer.right && inner.top >= outer.top && inner.bottom <= outer.bottom;
    const overlap = (a: Rect, b: Rect): boolean =>
      a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    for (const [k, a] of frames.entries())
      for (const b of frames.slice(k + 1))
        expect(overlap(a.rect, b.rect), `${a.group} overlaps ${b.group}`).toBe(false);
    for (const node of nodes) {
      const group = example.graph.nodes.find((asset) => asset.key === node.key)!.group;
      expect(
        inside(node.rect, frames.find((frame) => frame.group === group)!.rect),
        `${node.key} outside its group ${group}`,
      ).toBe(true);
    }
  });

  it("colours nodes by state, as the legend does, and shows running live from run events", async () => {
    const barColour = (key: string) =>
      page.$eval(`${nodeAt(key)} .node-state-bar`, (bar) => getComputedStyle(bar).fill);
    const legendColour = (state: string) =>
      page.$eval(`.legend-item.state-${state} .legend-swatch`, (swatch) => getComputedStyle(swatch).color);
    const byState = {
      fresh: "bronze_orders",
      stale: "silver_orders_enriched",
      failed: "gold_daily_revenue",
      never: "sales_report",
    };
    const colours = new Set<string>();
    for (const [state, key] of Object.entries(byState)) {
      expect(await page.getAttribute(nodeAt(key), "class")).toContain(`state-${state}`);
      expect(await barColour(key)).toBe(await legendColour(state));
      colours.add(await barColour(key));
    }
    expect(colours.size).toBe(4);

    await page.evaluate((message) => window.__send(message), {
      method: RunEventMessage.method,
      params: {
        type: "step_started",
        runId: "r1",
        stepId: "sales_report",
        assets: ["sales_report"],
        attempt: 1,
        timestamp: Date.now(),
      },
    });
    await page.waitForSelector(`${nodeAt("sales_report")}.state-running`);
    expect(await barColour("sales_report")).toBe(await legendColour("running"));
  });

  it("posts a reveal message when a node is clicked, and on Enter", async () => {
    await page.click(nodeAt("enriched_orders"));
    expect((await postedOf(page, RevealMessage)).at(-1)).toEqual({ key: "enriched_orders" });
    await page.focus(".stage");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    expect((await postedOf(page, RevealMessage)).at(-1)).toEqual({ key: "revenue_by_segment" });
  });

  it("materializes the selected asset with its upstream through a selection that picks exactly those assets", async () => {
    await page.click(nodeAt("gold_daily_revenue"));
    await page.getByRole("button", { name: "▶ With upstream" }).click();
    const message = (await postedOf(page, MaterializeMessage)).at(-1)!;
    expect(message).toMatchObject({ key: "gold_daily_revenue", mode: "upstream" });
    const parsed = parseSelection(message.selection);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect([...selectAssets(parsed.expr, example.graph)].sort()).toEqual([
      "bronze_customers",
      "bronze_orders",
      "bronze_products",
      "gold_daily_revenue",
      "silver_orders_enriched",
    ]);
  });

  it("fits the focused asset's neighbourhood in view, every name readable", async () => {
    const rendered = await sendAndRender(page, FocusMessage, { key: "silver_orders_enriched" });
    // Two levels each way: three bronze inputs, the daily and per-city revenue, the report and the monthly roll-up.
    expect(rendered.nodes).toBe(8);
    const labels = await drawnLabels(page);
    expect(labels.map((label) => label.key).sort()).toEqual([
      "bronze_customers",
      "bronze_orders",
      "bronze_products",
      "gold_city_revenue",
      "gold_daily_revenue",
      "gold_monthly_revenue",
      "sales_report",
      "silver_orders_enriched",
    ]);
    for (const label of labels) expect(label.inside && label.px >= 9, label.key).toBe(true);
    expect(await page.getAttribute(nodeAt("silver_orders_enriched"), "class")).toContain("focused");
  });

  it("narrows to a selection or a text search typed in the filter box, and says why a selection cannot parse", async () => {
    await page.getByRole("button", { name: "Whole graph" }).click();
    const filter = page.getByRole("searchbox");
    const shown = async () =>
      (await page.$$eval("g.node", (nodes) => nodes.map((node) => node.getAttribute("data-id")))).sort();
    await filter.fill("group:gold");
    await expect
      .poll(shown)
      .toEqual(["gold_city_revenue", "gold_daily_revenue", "gold_monthly_revenue", "gold_sales", "sales_report"]);
    await filter.fill("Orders");
    // Plain text matches keys and descriptions, ignoring case.
    const matching = example.graph.nodes
      .filter((node) => `${node.key} ${node.description ?? ""}`.toLowerCase().includes("orders"))
      .map((node) => node.key);
    expect(matching.length).toBeGreaterThan(2);
    await expect.poll(shown).toEqual(matching.sort());
    // "or" on the way to "orders" is a search being typed, not a selection missing its operands.
    await filter.fill("or");
    await expect.poll(() => page.textContent(".filter-error")).toBe("");
    await expect.poll(shown).toEqual(
      example.graph.nodes
        .filter((node) => `${node.key} ${node.description ?? ""}`.toLowerCase().includes("or"))
        .map((node) => node.key)
        .sort(),
    );
    await filter.fill("gold_sales or sales_report");
    await expect.poll(shown).toEqual(["gold_sales", "sales_report"]);
    await filter.fill("group:(");
    const unparsable = parseSelection("group:(");
    if (unparsable.ok) throw new Error("group:( should not parse");
    expect(unparsable.error.message).toContain("column");
    await expect.poll(() => page.textContent(".filter-error")).toBe(unparsable.error.message);
    await filter.fill("");
    await page.waitForFunction(
      (count) => document.querySelectorAll("g.node").length === count,
      example.graph.nodes.length,
    );
  });

  it("exports the view as a standalone SVG", async () => {
    await page.getByRole("button", { name: "Export SVG" }).click();
    const { svg } = (await postedOf(page, ExportSvgMessage)).at(-1)!;
    expect(svg.startsWith("<svg")).toBe(true);
    for (const node of example.graph.nodes) expect(svg).toContain(`>${node.key.replace("&", "&amp;")}<`);
    expect(svg).not.toContain("var(--");
  });

  it("collapses a group into one node from its label, and expands it again", async () => {
    const whole = example.graph.nodes.length;
    const bronze = example.graph.nodes.filter((node) => node.group === "bronze").length;
    const before = (await postedOf(page, RenderedMessage)).length;
    await page.locator(".group-label", { hasText: "bronze" }).click();
    await expect.poll(async () => (await postedOf(page, RenderedMessage)).length).toBeGreaterThan(before);
    expect((await postedOf(page, RenderedMessage)).at(-1)!.nodes).toBe(whole - bronze + 1);
    await page.click(nodeAt("group:bronze"));
    await page.waitForFunction((count) => document.querySelectorAll("g.node").length === count, whole);
  });

  it("expands the focused neighbourhood in place from a node's +n", async () => {
    await page.getByRole("button", { name: "Whole graph" }).click();
    const rendered = await sendAndRender(page, FocusMessage, { key: "bronze_orders" });
    // Downstream two levels (the enriched orders, the daily and per-city revenue); the enriched orders' other inputs
    // are hidden and counted on the node.
    expect(rendered.nodes).toBe(4);
    expect(await page.textContent(`${nodeAt("silver_orders_enriched")} .node-expand`)).toBe("+2");
    await page.click(`${nodeAt("silver_orders_enriched")} .node-expand`);
    await expect.poll(async () => (await postedOf(page, RenderedMessage)).at(-1)!.nodes).toBe(6);
    // The render message comes before the next frame draws the new nodes.
    await expect.poll(() => page.locator(nodeAt("bronze_customers")).count()).toBe(1);
  });

  it("asks the host to preview a table asset from its context menu", async () => {
    await page.click(nodeAt("bronze_customers"), { button: "right" });
    await page.getByRole("menuitem", { name: "Preview table" }).click();
    expect((await postedOf(page, PreviewTableMessage)).at(-1)).toEqual({ key: "bronze_customers" });
  });

  it("materializes every stale, failed or never-materialized asset with Materialize stale", async () => {
    await page.getByRole("button", { name: "▶ Stale" }).click();
    const message = (await postedOf(page, MaterializeMessage)).at(-1)!;
    expect(message.mode).toBe("stale");
    const parsed = parseSelection(message.selection);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const expected = example.statuses.filter((status) => status.state !== "fresh").map((status) => status.key);
    const producible = expected.filter(
      (key) => example.graph.nodes.find((node) => node.key === key)!.kind !== "external",
    );
    expect([...selectAssets(parsed.expr, example.graph)].sort()).toEqual(producible.sort());
  });

  it("asks for an asset, instead of materializing a collapsed group's node, when the keyboard selected that node", async () => {
    await page.locator(".group-label", { hasText: "bronze" }).click();
    await page.waitForSelector(nodeAt("group:bronze"));
    await page.click(nodeAt("silver_orders_enriched"));
    await page.focus(".stage");
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => page.getAttribute(nodeAt("group:bronze"), "class")).toContain("selected");
    const before = (await postedOf(page, MaterializeMessage)).length;
    await page.getByRole("button", { name: "▶ Materialize", exact: true }).click();
    expect(await page.textContent(".filter-error")).toContain("Select an asset");
    expect((await postedOf(page, MaterializeMessage)).length).toBe(before);
    await page.click(nodeAt("group:bronze"));
    await page.waitForSelector(nodeAt("bronze_orders"));
  });

  it("moves from a drawn asset with the arrow keys when the selected one was filtered out of view", async () => {
    await page.click(nodeAt("silver_orders_enriched"));
    const filter = page.getByRole("searchbox");
    await filter.fill("key:bronze_orders");
    await page.waitForFunction(() => document.querySelectorAll("g.node").length === 1);
    await page.focus(".stage");
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => page.getAttribute(nodeAt("bronze_orders"), "class")).toContain("selected");
    await filter.fill("");
  });
});

describe("lineage webview of an empty workspace", () => {
  it("says how to define an asset, and that a filter kept nothing once there are assets", async () => {
    const empty = await openPage();
    await sendAndRender(empty, GraphMessage, { graph: { nodes: [], edges: [], jobs: [] }, statuses: [] });
    await expect.poll(() => empty.textContent(".empty-note")).toContain("No assets in this workspace yet");
    expect(await empty.isVisible(".empty-note")).toBe(true);
    await sendAndRender(empty, GraphMessage, example);
    expect(await empty.isVisible(".empty-note")).toBe(false);
    await empty.getByRole("button", { name: "Whole graph" }).click();
    await empty.getByRole("searchbox").fill("no_such_asset_anywhere");
    await expect.poll(() => empty.textContent(".empty-note")).toBe("No asset matches the filter.");
    await empty.close();
  });
});

describe("lineage webview whose layout fails", () => {
  it("says so in the view instead of staying blank", async () => {
    const broken = await browser.context.newPage();
    await broken.route("**/webview/layoutWorker.js", (route) =>
      route.fulfill({
        contentType: "text/javascript",
        body: 'self.onmessage = () => { throw new Error("no room for the graph"); };',
      }),
    );
    await openLineage(broken, host.url("light"));
    await send(broken, GraphMessage, example);
    await expect.poll(() => broken.textContent(".filter-error")).toContain("The lineage layout failed");
    expect(await broken.textContent(".filter-error")).toContain("no room for the graph");
    await broken.close();
  });
});
