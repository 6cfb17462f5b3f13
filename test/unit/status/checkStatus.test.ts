/**
 * What checks and freshness add to an asset's status, over a real store: each check's newest result (passed, failed,
 * warned, never run, outdated), a partitioned asset's worst partition, freshness at a fixed now, and the reasons they
 * add without changing the asset's state.
 */
import { describe, expect, it } from "vitest";
import type { AssetGraph, CheckEvaluation, FreshnessPolicy, RunEvent } from "assetline/protocol";
import { evaluated } from "../run/storeRuns";
import { check, evaluation, HOUR, materializedAt, NOW, node, statusesAfter } from "./statusFixtures";

describe("an asset's checks in its status", () => {
  const graph: AssetGraph = {
    nodes: [node("orders")],
    edges: [],
    jobs: [],
    checks: [check("orders", "unique_order_id", true), check("orders", "row_count")],
  };
  const unique = (more: Partial<CheckEvaluation>) => evaluated(evaluation("orders", "unique_order_id", more));
  const duplicates = "3 duplicate order_id values";

  // [case, evaluations of unique_order_id, its state, outdated, the reasons the asset gets]
  it.each<[string, RunEvent[], string, boolean, string[]]>([
    ["never evaluated", [], "never", false, []],
    ["passed on the current value", [unique({})], "passed", false, []],
    [
      "failed with severity error",
      [unique({ passed: false, description: duplicates })],
      "failed",
      false,
      [`check unique_order_id failed: ${duplicates}`],
    ],
    [
      "failed with severity warn",
      [unique({ passed: false, severity: "warn", description: duplicates })],
      "warning",
      false,
      [`check unique_order_id warned: ${duplicates}`],
    ],
    [
      "threw: failed, its error's message as the reason",
      [unique({ passed: false, error: { message: "boom" } })],
      "failed",
      false,
      ["check unique_order_id failed: boom"],
    ],
    [
      "failed, then passed: the newest counts",
      [unique({ passed: false, timestamp: NOW - 2 * HOUR }), unique({})],
      "passed",
      false,
      [],
    ],
    ["passed on a value materialized over since", [unique({ dataVersion: "d1" })], "passed", true, []],
  ])("%s", async (_, evaluations, state, outdated, reasons) => {
    const orders = (await statusesAfter(graph, [materializedAt("orders", NOW - 2 * HOUR, "d2"), ...evaluations])).get(
      "orders",
    )!;
    // A failed check leaves the value fresh.
    expect(orders.state).toBe("fresh");
    expect(orders.reasons).toEqual(reasons);
    expect(orders.checks!.map((c) => [c.key, c.state, c.outdated, c.blocking])).toEqual([
      ["orders:unique_order_id", state, outdated, true],
      ["orders:row_count", "never", false, false],
    ]);
    const newest = evaluations.at(-1);
    expect(orders.checks![0]!.last).toEqual(newest?.type === "check_evaluated" ? newest.evaluation : null);
  });

  it("leaves out checks and freshness for an asset with neither", async () => {
    const statuses = await statusesAfter({ ...graph, nodes: [node("orders"), node("plain")] }, []);
    expect(statuses.get("plain")).toEqual({
      key: "plain",
      state: "never",
      reasons: ["never materialized"],
      lastMaterialization: null,
    });
    expect(statuses.get("orders")?.checks?.map((c) => c.state)).toEqual(["never", "never"]);
  });
});

describe("a partitioned asset's checks", () => {
  const graph: AssetGraph = {
    nodes: [node("events", { partitions: { type: "static", keys: ["eu", "us", "asia"] } })],
    edges: [],
    jobs: [],
    checks: [check("events", "not_null_id")],
  };
  const inPartition = (partition: string, at: number, more: Partial<CheckEvaluation> = {}) =>
    evaluated(evaluation("events", "not_null_id", { partition, timestamp: NOW - at * HOUR, ...more }));
  const materializedAll = ["eu", "us", "asia"].map((p) => materializedAt("events", NOW - 5 * HOUR, "d2", p));

  // [case, evaluations, state, failed partitions, outdated, reasons]
  it.each<[string, RunEvent[], string, string[], boolean, string[]]>([
    ["never evaluated", [], "never", [], false, []],
    ["every partition passed", [inPartition("eu", 2), inPartition("us", 1)], "passed", [], false, []],
    [
      "the worst partition counts, though the newest passed",
      [
        inPartition("eu", 3, { passed: false, description: "2 null id values" }),
        inPartition("asia", 2, { passed: false, severity: "warn", description: "1 null id value" }),
        inPartition("us", 1),
      ],
      "failed",
      ["eu", "asia"],
      false,
      ["check not_null_id failed in 1 partition (newest: 2 null id values)"],
    ],
    [
      "warnings only: counted with the newest one's description",
      [
        inPartition("us", 3, { passed: false, severity: "warn", description: "old" }),
        inPartition("eu", 2, { passed: false, severity: "warn", description: "new" }),
      ],
      "warning",
      ["eu", "us"],
      false,
      ["check not_null_id warned in 2 partitions (newest: new)"],
    ],
    [
      "outdated against its own partition's value",
      [inPartition("us", 2), inPartition("eu", 1, { dataVersion: "d1" })],
      "passed",
      [],
      true,
      [],
    ],
  ])("%s", async (_, evaluations, state, failedPartitions, outdated, reasons) => {
    const events = (await statusesAfter(graph, [...materializedAll, ...evaluations])).get("events")!;
    expect(events.state).toBe("fresh");
    expect(events.reasons).toEqual(reasons);
    expect(events.checks!.map((c) => [c.state, c.failedPartitions, c.outdated])).toEqual([
      [state, failedPartitions, outdated],
    ]);
  });
});

describe("an asset's freshness in its status", () => {
  const daily: FreshnessPolicy = { maximumLag: "24h", maximumLagMs: 24 * HOUR };
  const atSix: FreshnessPolicy = { ...daily, maximumLag: "2h", maximumLagMs: 2 * HOUR, cron: "0 6 * * *" };

  // [case, policy, last materialized hours before NOW (none: never), state, the reasons the asset gets]
  it.each<[string, FreshnessPolicy, number | undefined, string, string[]]>([
    ["within the lag", daily, 23, "fresh", []],
    ["past the lag", daily, 27, "overdue", ["overdue by 3 h: last materialized 1 day ago, maximum lag 1 d"]],
    [
      "missed the cron's tick",
      atSix,
      9,
      "overdue",
      ['overdue by 6 h: last materialized 9 h ago, maximum lag 2 h at each tick of "0 6 * * *"'],
    ],
    ["in time for the cron's tick", atSix, 7, "fresh", []],
    ["never materialized: unknown, not late", daily, undefined, "unknown", ["never materialized"]],
  ])("%s", async (_, freshness, hoursAgo, state, reasons) => {
    const graph: AssetGraph = { nodes: [node("stock", { freshness })], edges: [], jobs: [] };
    const events = hoursAgo === undefined ? [] : [materializedAt("stock", NOW - hoursAgo * HOUR, "d")];
    const stock = (await statusesAfter(graph, events)).get("stock")!;
    expect(stock.state).toBe(hoursAgo === undefined ? "never" : "fresh");
    expect(stock.freshness?.state).toBe(state);
    expect(stock.freshness?.policy).toEqual(freshness);
    expect(stock.reasons).toEqual(reasons);
  });
});
