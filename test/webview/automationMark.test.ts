/**
 * Automated assets on the lineage, in Chromium: an asset with an automation condition carries its kind (`eager`,
 * `on_cron`, `on_missing`, `custom`) as a pill on its top edge, said in words in the tooltip and kept in the export.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Condition, ExportSvgMessage, GraphMessage, type GraphWithStatuses } from "../../sdk/src/protocol";
import { exampleGraph } from "./exampleGraph";
import { openLineage, postedOf, sendAndRender, type Chromium } from "./host/browser";
import type { Host } from "./host/server";
import { startLineageSuite, type LineageSuite } from "./host/suite";

const CONDITIONS: Record<string, Condition> = {
  orders_raw: { type: "missing", label: "on_missing" },
  customers: {
    type: "since",
    trigger: { type: "cronTickPassed", cron: "0 6 * * *", timezone: "UTC" },
    reset: { type: "newlyRequested" },
    label: "on_cron",
  },
  enriched_orders: { type: "or", operands: [{ type: "missing" }, { type: "newlyUpdated" }], label: "eager" },
  revenue_by_segment: { type: "and", operands: [{ type: "missing" }, { type: "inProgress" }] },
};

function automated(): GraphWithStatuses {
  const example = exampleGraph();
  const nodes = example.graph.nodes.map((node) =>
    CONDITIONS[node.key] ? { ...node, automationCondition: CONDITIONS[node.key] } : node,
  );
  return { ...example, graph: { ...example.graph, nodes } };
}

const marksOn = (page: Page) =>
  page.$$eval("g.node", (nodes) =>
    Object.fromEntries(
      nodes.flatMap((node) => {
        const mark = node.querySelector(".node-badges .badge-automation");
        return mark ? [[node.getAttribute("data-id")!, mark.querySelector("text")!.textContent]] : [];
      }),
    ),
  );

let suite: LineageSuite;
let host: Host;
let browser: Chromium;
let page: Page;

beforeAll(async () => {
  ({ host, browser } = suite = await startLineageSuite());
  page = await browser.context.newPage();
  await openLineage(page, host.url("light"));
  await sendAndRender(page, GraphMessage, automated());
});

afterAll(() => suite?.close());

describe("automation marks on lineage nodes", () => {
  it("marks each asset with a condition by its kind, and no other", async () => {
    expect(await marksOn(page)).toEqual({
      orders_raw: "on_missing",
      customers: "on_cron",
      enriched_orders: "eager",
      revenue_by_segment: "custom",
    });
  });

  it("says what the mark means in its tooltip, with an on_cron's cron", async () => {
    const title = (id: string) => page.textContent(`g.node[data-id="${id}"] .badge-automation title`);
    expect(await title("enriched_orders")).toMatch(/^Automation eager: runs when an upstream asset updates/);
    expect(await title("customers")).toContain("Automation on_cron (0 6 * * *)");
    await page.hover('g.node[data-id="revenue_by_segment"] .node-body');
    await expect.poll(() => page.textContent(".tooltip")).toContain("Automation custom");
  });

  it("keeps the marks in the exported SVG", async () => {
    await page.getByRole("button", { name: "Export SVG" }).click();
    const { svg } = (await postedOf(page, ExportSvgMessage)).at(-1)!;
    for (const kind of ["eager", "on_cron", "on_missing", "custom"]) expect(svg).toContain(`>${kind}<`);
  });
});
