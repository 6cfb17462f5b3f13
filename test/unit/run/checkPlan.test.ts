/**
 * Check steps in plans: one per check per partition after the step that materializes its asset, and the steps that
 * read a value waiting for its blocking checks (per partition, as mapped). Planned from the graph (`planGraph`, the
 * dry run's plan).
 */
import { describe, expect, it } from "vitest";
import { asset, DailyPartitionsDefinition, MonthlyPartitionsDefinition } from "assetline";
import type { AssetCheckNode } from "assetline/protocol";
import { buildRepository } from "../../../sdk/src/define/repository";
import type { PartitionContext } from "../../../sdk/src/partitions";
import { choosePartitions } from "../../../sdk/src/run/choosePartitions";
import { planGraph } from "../../../sdk/src/run/plan";

const context: PartitionContext = { now: new Date("2027-06-01T00:00:00Z"), dynamicKeys: () => [] };
const daily = DailyPartitionsDefinition({ startDate: "2026-03-01", endDate: "2026-03-03" });

/** A check node as the analyzer writes it; a multiAssetCheck's nodes share `at` (its call's line). */
function check(key: string, blocking: boolean, at?: number): AssetCheckNode {
  const [assetKey, name] = key.split(":") as [string, string];
  return {
    key,
    name,
    asset: assetKey,
    blocking,
    form: at === undefined ? "assetCheck" : "multiAssetCheck",
    ...(at !== undefined && {
      location: {
        file: "/w/src/checks.ts",
        range: { start: { line: at, character: 0 }, end: { line: at, character: 9 } },
      },
    }),
  };
}

function plan(assets: Record<string, unknown>, checks: AssetCheckNode[], selection?: string[]) {
  const { graph } = buildRepository([assets]);
  const keys = new Set(selection ?? graph.nodes.map((node) => node.key));
  const chosen = choosePartitions({ graph, keys, context });
  return planGraph({ ...graph, checks }, keys, { chosen, context }).map((step) => [step.id, step.dependsOn]);
}

const orders = asset(() => [1, 2]);
const revenue = asset({ ins: { orders } }, ({ orders }) => orders.length);
const dailyOrders = asset({ partitionsDef: daily }, () => [1]);

/** Both days of `dailyOrders`, each checked after its step. */
const checkedDays: [string, string[]][] = [
  ["orders[2026-03-01]", []],
  ["orders[2026-03-02]", []],
  ["check:orders:unique_id[2026-03-01]", ["orders[2026-03-01]"]],
  ["check:orders:unique_id[2026-03-02]", ["orders[2026-03-02]"]],
];

const cases: [string, Record<string, unknown>, AssetCheckNode[], string[] | undefined, [string, string[]][]][] = [
  [
    "a non-blocking check runs after its asset; the downstream does not wait for it",
    { orders, revenue },
    [check("orders:unique_id", false)],
    undefined,
    [
      ["orders", []],
      ["check:orders:unique_id", ["orders"]],
      ["revenue", ["orders"]],
    ],
  ],
  [
    "a blocking check: the downstream waits for it",
    { orders, revenue },
    [check("orders:unique_id", true), check("orders:row_count", false)],
    undefined,
    [
      ["orders", []],
      ["check:orders:row_count", ["orders"]],
      ["check:orders:unique_id", ["orders"]],
      ["revenue", ["orders", "check:orders:unique_id"]],
    ],
  ],
  [
    "a check reading another asset (`ins`) waits for the step that makes it, not only for its own asset's",
    { orders, revenue },
    [{ ...check("orders:matches_revenue", false), additionalAssets: ["revenue"] }],
    undefined,
    [
      ["orders", []],
      ["revenue", ["orders"]],
      ["check:orders:matches_revenue", ["orders", "revenue"]],
    ],
  ],
  [
    "a check on each day reading an unpartitioned asset waits for it; one on a whole asset reading days waits for each",
    { total: asset(() => 2), days: asset({ partitionsDef: daily }, () => [1]) },
    [
      { ...check("days:within_total", false), additionalAssets: ["total"] },
      { ...check("total:covers_days", false), additionalAssets: ["days"] },
    ],
    undefined,
    [
      ["total", []],
      ["days[2026-03-01]", []],
      ["days[2026-03-02]", []],
      ["check:days:within_total[2026-03-01]", ["days[2026-03-01]", "total"]],
      ["check:total:covers_days", ["total", "days[2026-03-01]", "days[2026-03-02]"]],
      ["check:days:within_total[2026-03-02]", ["days[2026-03-02]", "total"]],
    ],
  ],
  [
    "a check whose asset the run does not materialize is not planned",
    { orders, revenue },
    [check("orders:unique_id", true), check("revenue:positive", false)],
    ["revenue"],
    [
      ["revenue", []],
      ["check:revenue:positive", ["revenue"]],
    ],
  ],
  [
    "a multiAssetCheck: one step for its checks, after each of their assets",
    { orders, revenue },
    [check("orders:a", false, 3), check("revenue:b", false, 3)],
    undefined,
    [
      ["orders", []],
      ["revenue", ["orders"]],
      ["check:orders:a,revenue:b", ["orders", "revenue"]],
    ],
  ],
  [
    "partitioned: a check step per partition, each day's downstream after that day's blocking check",
    { orders: dailyOrders, revenue: asset({ partitionsDef: daily, ins: { orders: dailyOrders } }, () => 1) },
    [check("orders:unique_id", true)],
    undefined,
    [
      ...checkedDays,
      ["revenue[2026-03-01]", ["orders[2026-03-01]", "check:orders:unique_id[2026-03-01]"]],
      ["revenue[2026-03-02]", ["orders[2026-03-02]", "check:orders:unique_id[2026-03-02]"]],
    ],
  ],
  [
    "a monthly downstream waits for the blocking checks of every day it reads",
    {
      orders: dailyOrders,
      march: asset(
        {
          partitionsDef: MonthlyPartitionsDefinition({ startDate: "2026-03-01", endDate: "2026-04-01" }),
          ins: { orders: dailyOrders },
        },
        () => 1,
      ),
    },
    [check("orders:unique_id", true)],
    undefined,
    [
      ...checkedDays,
      [
        "march[2026-03-01]",
        [
          "orders[2026-03-01]",
          "check:orders:unique_id[2026-03-01]",
          "orders[2026-03-02]",
          "check:orders:unique_id[2026-03-02]",
        ],
      ],
    ],
  ],
  [
    "a single-run range: a check step per partition, each after the range",
    { orders: asset({ partitionsDef: daily, backfillPolicy: "single-run" }, () => 1) },
    [check("orders:unique_id", false)],
    undefined,
    [
      ["orders[2026-03-01...2026-03-02]", []],
      ["check:orders:unique_id[2026-03-01]", ["orders[2026-03-01...2026-03-02]"]],
      ["check:orders:unique_id[2026-03-02]", ["orders[2026-03-01...2026-03-02]"]],
    ],
  ],
];

describe("check steps in plans", () => {
  it.each(cases)("%s", (_name, assets, checks, selection, expected) => {
    expect(plan(assets, checks, selection)).toEqual(expected);
  });

  it("lists a check step's checks and partition in the plan, with no assets of its own", () => {
    const { graph } = buildRepository([{ orders: dailyOrders }]);
    const keys = new Set(["orders"]);
    const chosen = choosePartitions({ graph, keys, request: { keys: ["2026-03-01"] }, context });
    const steps = planGraph({ ...graph, checks: [check("orders:unique_id", true)] }, keys, { chosen, context });
    expect(steps[1]).toEqual({
      id: "check:orders:unique_id[2026-03-01]",
      assets: [],
      dependsOn: ["orders[2026-03-01]"],
      partitions: ["2026-03-01"],
      checks: ["orders:unique_id"],
    });
  });
});
