/**
 * Checks in runs, through `materialize()` in this process (the executor the CLI runs too): each check's evaluation
 * after its asset, a failed blocking check skipping its asset's downstream, thrown errors with their place.
 */
import { describe, expect, it } from "vitest";
import {
  asset,
  assetCheck,
  AssetCheckResult,
  DailyPartitionsDefinition,
  materialize,
  multiAssetCheck,
} from "assetline";
import type { RunEvent } from "assetline/protocol";

const orders = asset(() => [
  { id: 1, total: 10 },
  { id: 1, total: -5 },
]);
const revenue = asset({ ins: { orders } }, ({ orders }) => orders.reduce((sum, row) => sum + row.total, 0));

const daily = DailyPartitionsDefinition({ startDate: "2026-03-01", endDate: "2026-03-03" });

const duplicates = (rows: { id: number }[]) => rows.length - new Set(rows.map((row) => row.id)).size;

/** A check on `orders` that fails with `severity` (blocking or not), and the run's outcome. */
async function runWith(blocking: boolean, severity: "warn" | "error") {
  const unique_id = assetCheck({ asset: orders, blocking }, (rows) =>
    AssetCheckResult({
      passed: duplicates(rows) === 0,
      severity,
      description: `${duplicates(rows)} duplicate id values`,
      metadata: { duplicate_count: duplicates(rows) },
    }),
  );
  return materialize({ orders, revenue, unique_id });
}

const skipReason = (events: RunEvent[], step: string) =>
  events.flatMap((event) => (event.type === "step_skipped" && event.stepId === step ? [event.reason] : []))[0];

describe("checks in materialize()", () => {
  it.each([
    ["a warning, blocking", true, "warn", true],
    ["an error, not blocking", false, "error", true],
    ["an error, blocking", true, "error", false],
  ] as const)("%s: the run succeeds only when nothing blocks", async (_name, blocking, severity, success) => {
    const outcome = await runWith(blocking, severity);
    const evaluation = outcome.checks["orders:unique_id"]!;
    expect(evaluation).toMatchObject({
      passed: false,
      severity,
      blocking,
      description: "1 duplicate id values",
      metadata: { duplicate_count: { type: "int", value: 1 } },
    });
    expect(outcome.success).toBe(success);
    expect(outcome.values.revenue === undefined).toBe(!success);
  });

  it("fails a blocking check's step with its description and skips the downstream with the check's name", async () => {
    const outcome = await runWith(true, "error");
    expect(outcome.errors["check:orders:unique_id"]!.message).toBe(
      "check unique_id on orders failed: 1 duplicate id values",
    );
    expect(skipReason(outcome.events, "revenue")).toBe("blocked by check unique_id on orders");
    expect(outcome.values.orders).toHaveLength(2);
  });

  it("records the data version of the value it checked, after the asset's step", async () => {
    const outcome = await runWith(false, "warn");
    const materialized = outcome.events.find((event) => event.type === "materialization");
    const evaluated = outcome.events.find((event) => event.type === "check_evaluated");
    expect(outcome.events.indexOf(evaluated!)).toBeGreaterThan(outcome.events.indexOf(materialized!));
    expect(outcome.checks["orders:unique_id"]!.dataVersion).toBe(
      materialized?.type === "materialization" ? materialized.materialization.dataVersion : "none",
    );
  });

  it("passes `true`, fails `false` with severity error, and reads the materialization in its context", async () => {
    const has_rows = assetCheck({ asset: orders }, (rows, ctx) => {
      ctx.log.info(`checking ${ctx.checkKey}: ${String(ctx.materialization?.metadata.row_count?.value)} rows`);
      return rows.length > 0;
    });
    const positive = assetCheck({ asset: orders }, (rows) => rows.every((row) => row.total > 0));
    const outcome = await materialize({ orders, has_rows, positive });
    expect(outcome.checks["orders:has_rows"]).toMatchObject({ passed: true });
    expect(outcome.checks["orders:positive"]).toMatchObject({ passed: false, severity: "error", blocking: false });
    expect(outcome.logs["check:orders:has_rows"]).toEqual([
      { level: "info", message: "checking orders:has_rows: 2 rows" },
    ]);
    expect(outcome.success).toBe(true);
  });

  it("turns a thrown error into a failed evaluation with its message and the place it was thrown", async () => {
    const throws = assetCheck({ asset: orders, blocking: true }, () => {
      throw new Error("the warehouse is unreachable");
    });
    const outcome = await materialize({ orders, revenue, throws });
    const { error, passed, severity } = outcome.checks["orders:throws"]!;
    expect({ passed, severity, message: error?.message }).toEqual({
      passed: false,
      severity: "error",
      message: "the warehouse is unreachable",
    });
    expect(error?.location?.file).toMatch(/checkRuns\.test\.ts$/);
    expect(outcome.errors["check:orders:throws"]!.location).toEqual(error?.location);
    expect(skipReason(outcome.events, "revenue")).toBe("blocked by check throws on orders");
  });

  it("checks each partition on its own: a failed day blocks only that day's downstream", async () => {
    const days = asset({ partitionsDef: daily }, (ctx) => (ctx.partitionKey === "2026-03-02" ? [] : [1]));
    const rollup = asset({ partitionsDef: daily, ins: { days } }, ({ days }) => days.length);
    const not_empty = assetCheck({ asset: days, blocking: true }, (rows, ctx) =>
      AssetCheckResult({ passed: rows.length > 0, description: `no rows on ${ctx.partitionKey}` }),
    );
    const outcome = await materialize({ days, rollup, not_empty });
    expect(outcome.checks["days:not_empty[2026-03-01]"]).toMatchObject({ passed: true, partition: "2026-03-01" });
    expect(outcome.checks["days:not_empty[2026-03-02]"]).toMatchObject({ passed: false, partition: "2026-03-02" });
    expect(outcome.values["rollup[2026-03-01]"]).toBe(1);
    expect(skipReason(outcome.events, "rollup[2026-03-02]")).toBe("blocked by check not_empty on days[2026-03-02]");
  });

  it("reads its `ins` by name: a partitioned one in the checked partition, an unpartitioned one whole", async () => {
    const days = asset({ partitionsDef: daily }, (ctx) => (ctx.partitionKey === "2026-03-01" ? [1] : [1, 2]));
    const expected = asset((): Record<string, number> => ({ "2026-03-01": 1, "2026-03-02": 3 }));
    const matches = assetCheck({ asset: days, ins: { days, expected } }, ({ days, expected }, ctx) =>
      AssetCheckResult({ passed: days.length === expected[ctx.partitionKey], description: `${days.length} rows` }),
    );
    const outcome = await materialize({ days, expected, matches });
    expect(outcome.checks["days:matches[2026-03-01]"]).toMatchObject({ passed: true, description: "1 rows" });
    expect(outcome.checks["days:matches[2026-03-02]"]).toMatchObject({ passed: false, description: "2 rows" });
  });

  it("runs a multiAssetCheck over a partitioned and an unpartitioned asset: one step per partition of each", async () => {
    const days = asset({ partitionsDef: daily }, () => [1]);
    const both = multiAssetCheck(
      {
        specs: [
          { asset: orders, name: "has_orders" },
          { asset: days, name: "one_row" },
        ],
      },
      function* (values) {
        // The unpartitioned step has no day to give: `days` is absent there, and its result is not recorded.
        const { orders: rows, days: day } = values as { orders: unknown[]; days?: unknown[] };
        yield AssetCheckResult({ assetKey: "orders", checkName: "has_orders", passed: rows.length > 0 });
        yield AssetCheckResult({ assetKey: "days", checkName: "one_row", passed: day?.length === 1 });
      },
    );
    const outcome = await materialize({ orders, days, both });
    expect(Object.keys(outcome.checks).sort()).toEqual([
      "days:one_row[2026-03-01]",
      "days:one_row[2026-03-02]",
      "orders:has_orders",
    ]);
    expect(Object.values(outcome.checks).every((evaluation) => evaluation.passed)).toBe(true);
  });

  it("runs a multiAssetCheck once for its checks, with its assets' values by key", async () => {
    const both = multiAssetCheck(
      {
        specs: [
          { asset: orders, name: "has_orders" },
          { asset: revenue, name: "positive_revenue" },
        ],
      },
      function* (values) {
        const { orders: rows, revenue: total } = values as { orders: unknown[]; revenue: number };
        yield AssetCheckResult({ assetKey: "orders", checkName: "has_orders", passed: rows.length > 0 });
        yield AssetCheckResult({ assetKey: "revenue", checkName: "positive_revenue", passed: total > 0 });
      },
    );
    const outcome = await materialize({ orders, revenue, both });
    const started = outcome.events.filter((event) => event.type === "step_started").map((event) => event.stepId);
    expect(started).toEqual(["orders", "revenue", "check:orders:has_orders,revenue:positive_revenue"]);
    expect(outcome.checks["orders:has_orders"]).toMatchObject({ passed: true });
    expect(outcome.checks["revenue:positive_revenue"]).toMatchObject({ passed: true });
  });
});
