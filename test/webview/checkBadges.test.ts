/**
 * Checks, freshness and automation on lineage nodes, in Chromium: each asset with checks carries one badge with its
 * worst news and its count (`✖1`, `⚠1`, `✓2`, `○1`), an overdue one `⏰`, as pills on the node's top edge in the
 * legend's colours; an asset with an automation condition carries its kind (`eager`, `on_cron`, `on_missing`,
 * `custom`); the tooltip and the exported SVG say the same.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AssetCheckNode,
  type CheckStatus,
  type Condition,
  checkKey,
  ExportSvgMessage,
  type FreshnessStatus,
  GraphMessage,
  type GraphWithStatuses,
} from "../../sdk/src/protocol";
import { exampleGraph } from "./exampleGraph";
import { openLineage, postedOf, sendAndRender, type Chromium } from "./host/browser";
import type { Host } from "./host/server";
import { startLineageSuite, type LineageSuite } from "./host/suite";

type State = CheckStatus["state"];

const check = (asset: string, name: string): AssetCheckNode => ({
  key: checkKey(asset, name),
  name,
  asset,
  blocking: false,
  form: "assetCheck",
});

const statusOf = (asset: string, name: string, state: Exclude<State, "never">): CheckStatus => ({
  key: checkKey(asset, name),
  name,
  blocking: false,
  state,
  outdated: false,
  last: {
    checkKey: checkKey(asset, name),
    asset,
    name,
    runId: "r1",
    timestamp: Date.now(),
    passed: state === "passed",
    severity: state === "warning" ? "warn" : "error",
    blocking: false,
    metadata: {},
    durationMs: 1,
  },
});

const OVERDUE: FreshnessStatus = {
  policy: { maximumLag: "24h", maximumLagMs: 86_400_000 },
  state: "overdue",
  overdueByMs: 3 * 3_600_000,
  deadline: Date.now() - 3 * 3_600_000,
  reason: "overdue by 3 h: last materialized 1 day ago, maximum lag 1 d",
};

/**
 * The example with checks: `orders_raw` 1 of 3 failed, `customers` 2 passed and overdue, `enriched_orders` 1 of 2
 * warned, `revenue_by_segment` one check just written (no result); `checks` says which of orders_raw's failed.
 */
function withChecks(failed: string[] = ["unique_id"]): GraphWithStatuses {
  const example = exampleGraph();
  const written: [string, string, State][] = [
    ["orders_raw", "unique_id", failed.includes("unique_id") ? "failed" : "passed"],
    ["orders_raw", "row_count", "passed"],
    ["orders_raw", "not_null_id", "passed"],
    ["customers", "row_count", "passed"],
    ["customers", "unique_id", "passed"],
    ["enriched_orders", "totals_rounded", "warning"],
    ["enriched_orders", "row_count", "passed"],
    ["revenue_by_segment", "segments_known", "never"],
  ];
  const checksOf = (asset: string) =>
    written.flatMap(([a, name, state]) => (a === asset && state !== "never" ? [statusOf(a, name, state)] : []));
  return {
    graph: { ...example.graph, checks: written.map(([asset, name]) => check(asset, name)) },
    statuses: example.statuses.map((status) => ({
      ...status,
      ...(checksOf(status.key).length ? { checks: checksOf(status.key) } : {}),
      ...(status.key === "customers" ? { freshness: OVERDUE } : {}),
    })),
  };
}

/** Each drawn node's badges: kind, text and the colour Chromium paints the text in. */
const badgesOn = (page: Page) =>
  page.$$eval("g.node", (nodes) =>
    Object.fromEntries(
      nodes.flatMap((node) => {
        const badges = [...node.querySelectorAll(".node-badges .badge")].map((badge) => ({
          kind: badge.getAttribute("class")!.replace("badge badge-", ""),
          text: badge.querySelector("text")!.textContent,
          fill: getComputedStyle(badge.querySelector("text")!).fill,
        }));
        return badges.length ? [[node.getAttribute("data-id")!, badges]] : [];
      }),
    ),
  );

const legendColour = (page: Page, kind: string) =>
  page.$eval(`.legend-badges .badge-${kind}`, (swatch) => getComputedStyle(swatch).color);

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
  await sendAndRender(page, GraphMessage, withChecks());
});

afterAll(() => suite?.close());

describe("check and freshness badges on lineage nodes", () => {
  it("draws the worst news of each asset's checks with its count, and ⏰ on an overdue one, in the legend's colours", async () => {
    const drawn = await badgesOn(page);
    const [failed, passed, warning, never, overdue] = await Promise.all(
      ["failed", "passed", "warning", "never", "overdue"].map((kind) =>
        kind === "never"
          ? page.$eval(".legend-item.state-never .legend-swatch", (swatch) => getComputedStyle(swatch).color)
          : legendColour(page, kind),
      ),
    );
    expect(drawn).toEqual({
      orders_raw: [{ kind: "failed", text: "✖1", fill: failed }],
      customers: [
        { kind: "passed", text: "✓2", fill: passed },
        { kind: "overdue", text: "⏰", fill: overdue },
      ],
      enriched_orders: [{ kind: "warning", text: "⚠1", fill: warning }],
      revenue_by_segment: [{ kind: "never", text: "○1", fill: never }],
    });
    expect(new Set([failed, passed, warning])).toHaveProperty("size", 3);
  });

  it("sits on the node's top edge, inside its width, clear of its title", async () => {
    const node = 'g.node[data-id="customers"]';
    const body = (await page.locator(`${node} .node-body`).boundingBox())!;
    const title = (await page.locator(`${node} .node-title`).boundingBox())!;
    const pills = await page.locator(`${node} .badge rect`).all();
    const boxes = await Promise.all(pills.map(async (pill) => (await pill.boundingBox())!));
    for (const box of boxes) {
      expect(box.y).toBeLessThan(body.y);
      expect(box.y + box.height).toBeGreaterThan(body.y);
      expect(box.y + box.height).toBeLessThanOrEqual(title.y);
      expect(box.x).toBeGreaterThan(body.x);
      expect(box.x + box.width).toBeLessThan(body.x + body.width);
    }
    // Side by side, not on top of each other.
    expect(boxes[0]!.x + boxes[0]!.width).toBeLessThanOrEqual(boxes[1]!.x);
  });

  it("says them in words in the tooltip and to screen readers", async () => {
    await page.hover('g.node[data-id="customers"] .node-body');
    await expect.poll(() => page.textContent(".tooltip")).toContain("✓ 2 checks");
    expect(await page.textContent(".tooltip")).toContain("⏰ overdue by 3 h");
    expect(await page.getAttribute('g.node[data-id="orders_raw"]', "aria-label")).toContain("✖ 1 of 3 checks failed");
  });

  it("follows new statuses: a failed check that passes turns the badge to ✓", async () => {
    await sendAndRender(page, GraphMessage, withChecks([]));
    expect((await badgesOn(page)).orders_raw).toEqual([expect.objectContaining({ kind: "passed", text: "✓3" })]);
  });

  it("keeps the badges in the exported SVG", async () => {
    await sendAndRender(page, GraphMessage, withChecks());
    await page.getByRole("button", { name: "Export SVG" }).click();
    const { svg } = (await postedOf(page, ExportSvgMessage)).at(-1)!;
    for (const text of ["✖1", "✓2", "⏰", "⚠1", "○1"]) expect(svg).toContain(`>${text}<`);
    expect(svg).not.toContain("var(--");
  });
});

describe("automation marks on lineage nodes", () => {
  beforeAll(() => sendAndRender(page, GraphMessage, automated()));

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

  it("explains the mark in the legend, in the mark's colour", async () => {
    const item = page.locator(".legend-badges", { has: page.locator(".badge-automation") });
    expect(await item.textContent()).toBe("eagerRuns on its own (automation condition)");
    const markColour = await page.$eval(
      'g.node[data-id="enriched_orders"] .badge-automation text',
      (text) => getComputedStyle(text).fill,
    );
    expect(await legendColour(page, "automation")).toBe(markColour);
  });
});
