/**
 * A partitioned asset's lineage node carries its partition health strip: drawn in Chromium from `partitions.ranges`,
 * in proportion and in the legend's state colours, changed live by a backfill's step events, readable in a narrow
 * panel. Where the strip can place an event's partition among the ranges is tested on its own first.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  GraphMessage,
  RunEventMessage,
  type GraphWithStatuses,
  type PartitionState,
  type PartitionsSummary,
  type RunEvent,
} from "../../sdk/src/protocol";
import { liveRuns, type StripState } from "../../webview/src/partitionStrip";
import { STRIP } from "../../webview/src/render/strip";
import { exampleGraph } from "./exampleGraph";
import { openLineage, send, sendAndRender, type Chromium } from "./host/browser";
import type { Host } from "./host/server";
import { startLineageSuite, type LineageSuite } from "./host/suite";

const day = (n: number) => `2026-03-${String(n).padStart(2, "0")}`;
const range = (state: PartitionState, first: number, last: number) => ({
  state,
  start: day(first),
  end: day(last),
  count: last - first + 1,
});
/** March: 28 days materialized, 2 missing, the 31st failed. */
const march: PartitionsSummary["ranges"] = [
  range("materialized", 1, 28),
  range("missing", 29, 30),
  range("failed", 31, 31),
];

describe("placing a running backfill's partitions on the stored ranges", () => {
  const live = (...entries: [number, StripState][]) => new Map(entries.map(([n, state]) => [day(n), state]));
  const runs = (ranges: PartitionsSummary["ranges"], planned: number[], entries: [number, StripState][]) =>
    liveRuns(ranges, planned.map(day), live(...entries)).map(({ state, count }) => `${count} ${state}`);

  it.each<[string, number[], [number, StripState][], string[]]>([
    ["nothing running", [], [], ["28 materialized", "2 missing", "1 failed"]],
    // Backfill missing: the plan covers the missing range whole, so each of its days has its place.
    [
      "the first missing day done, the second running",
      [29, 30],
      [
        [29, "materialized"],
        [30, "running"],
      ],
      ["29 materialized", "1 running", "1 failed"],
    ],
    [
      "the second missing day done first",
      [29, 30],
      [[30, "materialized"]],
      ["28 materialized", "1 missing", "1 materialized", "1 failed"],
    ],
    // A partition that starts or ends a range is placed without a plan (Latest, a failed one).
    ["the failed day re-run", [31], [[31, "running"]], ["28 materialized", "2 missing", "1 running"]],
    // Inside a range the plan does not cover whole, a day cannot be placed: it shows with the next statuses.
    ["a day inside a range", [14], [[14, "failed"]], ["28 materialized", "2 missing", "1 failed"]],
  ])("%s", (_, planned, entries, expected) => {
    expect(runs(march, planned, entries)).toEqual(expected);
  });
});

let suite: LineageSuite;
let host: Host;
let browser: Chromium;

/** The example's graph with bronze_orders daily-partitioned over March as `ranges` says. */
function partitionedGraph(ranges: PartitionsSummary["ranges"]): GraphWithStatuses {
  const example = exampleGraph();
  const count = (state: PartitionState) => ranges.filter((r) => r.state === state).reduce((n, r) => n + r.count, 0);
  const partitions: PartitionsSummary = {
    total: ranges.reduce((n, r) => n + r.count, 0),
    materialized: count("materialized"),
    stale: count("stale"),
    missing: count("missing"),
    failed: count("failed"),
    ranges,
  };
  return {
    graph: {
      ...example.graph,
      nodes: example.graph.nodes.map((node) =>
        node.key === "bronze_orders"
          ? {
              ...node,
              partitions: {
                type: "time-window",
                granularity: "daily",
                start: day(1),
                end: "2026-04-01",
                timezone: "UTC",
                fmt: "yyyy-MM-dd",
                minuteOffset: 0,
                hourOffset: 0,
                dayOffset: 0,
                endOffset: 0,
                count: partitions.total,
              },
            }
          : node,
      ),
    },
    statuses: example.statuses.map((status) =>
      status.key === "bronze_orders" ? { ...status, state: "failed", partitions } : status,
    ),
  };
}

const strip = 'g.node[data-id="bronze_orders"] .node-strip rect';
/** The strip's segments as drawn: state, x and width in the node's units, and the colour Chromium paints. */
const segments = (page: Page) =>
  page.$$eval(strip, (rects) =>
    rects.map((rect) => ({
      state: rect.getAttribute("class")!.replace("strip-", ""),
      x: Number(rect.getAttribute("x")),
      width: Number(rect.getAttribute("width")),
      fill: getComputedStyle(rect).fill,
    })),
  );
const legendColour = (page: Page, state: string) =>
  page.$eval(`.legend-item.state-${state} .legend-swatch`, (swatch) => getComputedStyle(swatch).color);

beforeAll(async () => {
  ({ host, browser } = suite = await startLineageSuite());
});

afterAll(() => suite?.close());

describe("the health strip on a partitioned node", () => {
  let page: Page;

  beforeAll(async () => {
    page = await browser.context.newPage();
    await openLineage(page, host.url("light"));
    await sendAndRender(page, GraphMessage, partitionedGraph(march));
  });

  it("is drawn from the ranges in proportion, in the legend's colours, only on the partitioned node", async () => {
    const drawn = await segments(page);
    expect(drawn.map(({ state }) => state)).toEqual(["materialized", "missing", "failed"]);
    // The segments tile the strip: 28, 2 and 1 thirty-firsts of its width, to a column.
    expect(drawn.reduce((x, s) => (expect(s.x).toBe(x), x + s.width), 0)).toBe(STRIP.width);
    expect(Math.abs(drawn[0]!.width - (STRIP.width * 28) / 31)).toBeLessThanOrEqual(1);
    expect(Math.abs(drawn[1]!.width - (STRIP.width * 2) / 31)).toBeLessThanOrEqual(1);
    expect(drawn[0]!.fill).toBe(await legendColour(page, "fresh"));
    expect(drawn[1]!.fill).toBe(await legendColour(page, "never"));
    expect(drawn[2]!.fill).toBe(await legendColour(page, "failed"));
    // An unpartitioned asset has none.
    expect(exampleGraph().graph.nodes.find((node) => node.key === "orders_raw")?.partitions).toBeUndefined();
    expect(await page.locator('g.node[data-id="orders_raw"] .node-strip rect').count()).toBe(0);
    // The subtitle says the counts the strip draws.
    expect(await page.textContent('g.node[data-id="bronze_orders"] .node-subtitle')).toMatch(/▦ 28\/31/);
  });

  it("changes while a backfill of the missing days runs, before the store's next statuses", async () => {
    const step = (n: number) => ({
      runId: "r1",
      stepId: `bronze_orders[${day(n)}]`,
      assets: ["bronze_orders"],
      partitions: [day(n)],
    });
    const events: RunEvent[] = [
      {
        type: "run_started",
        runId: "r1",
        selection: 'key:"bronze_orders"',
        plan: [29, 30].map((n) => ({
          id: step(n).stepId,
          assets: ["bronze_orders"],
          dependsOn: [],
          partitions: [day(n)],
        })),
        timestamp: 0,
      },
      { type: "step_started", ...step(29), attempt: 0, timestamp: 1 },
    ];
    for (const event of events) await send(page, RunEventMessage, event);
    await page.waitForSelector(`${strip}.strip-running`);
    expect((await segments(page)).map(({ state }) => state)).toEqual(["materialized", "running", "missing", "failed"]);
    await send(page, RunEventMessage, { type: "step_succeeded", ...step(29), durationMs: 4, timestamp: 2 });
    await page.waitForFunction((selector) => !document.querySelector(`${selector}.strip-running`), strip);
    const drawn = await segments(page);
    expect(drawn.map(({ state }) => state)).toEqual(["materialized", "missing", "failed"]);
    // 29 of 31 now: the green grew by a thirty-first.
    expect(Math.abs(drawn[0]!.width - (STRIP.width * 29) / 31)).toBeLessThanOrEqual(1);
  });

  it("is readable in a 400-px side panel: most of the node's width, a few pixels high", async () => {
    const narrow = await browser.context.newPage();
    await narrow.setViewportSize({ width: 400, height: 800 });
    await openLineage(narrow, host.url("light"));
    await sendAndRender(narrow, GraphMessage, partitionedGraph(march));
    const bar = (await narrow.locator('g.node[data-id="bronze_orders"] .node-strip').boundingBox())!;
    const body = (await narrow.locator('g.node[data-id="bronze_orders"] .node-body').boundingBox())!;
    expect(bar.width).toBeGreaterThan(body.width * 0.7);
    expect(bar.height).toBeGreaterThanOrEqual(2);
    // The single failed day is still a visible mark, at least a pixel wide on screen.
    const failed = (await narrow.locator(`${strip}.strip-failed`).boundingBox())!;
    expect(failed.width).toBeGreaterThanOrEqual(1);
    await narrow.close();
  });
});
