/**
 * Resources requested beyond `asset`: a multi-asset, a graph asset and its ops, `assetCheck` and `multiAssetCheck` each
 * get theirs in `ctx.resources`, set up once per run from the same pool, and a key nothing provides stops the run first.
 */
import { describe, expect, it } from "vitest";
import {
  AssetCheckResult,
  AssetSpec,
  Definitions,
  MaterializeResult,
  assetCheck,
  createCheckContext,
  defineResource,
  graphAsset,
  materialize,
  multiAsset,
  multiAssetCheck,
  op,
} from "assetline";

/** A warehouse that counts its setups; its `rows(table)` answers from a fixed map. */
function warehouseOf(journal: string[]) {
  return defineResource({
    setup: () => {
      journal.push("setup");
      const tables: Record<string, number[]> = { orders: [1, 2, 3], customers: [7] };
      return { rows: (table: string) => tables[table] ?? [] };
    },
    teardown: () => {
      journal.push("teardown");
    },
  });
}

function workspace(journal: string[]) {
  const warehouse = warehouseOf(journal);
  const tables = multiAsset(
    { specs: [AssetSpec("orders"), AssetSpec("customers")], resources: { warehouse } },
    function* (ctx) {
      for (const key of ["orders", "customers"])
        yield new MaterializeResult({ assetKey: key, value: ctx.resources.warehouse.rows(key) });
    },
  );
  const load = op("load", { resources: { warehouse } }, (ctx, table: string) => ctx.resources.warehouse.rows(table));
  const total = op("total", (_ctx, rows: number[]) => rows.reduce((sum, n) => sum + n, 0));
  const revenue = graphAsset({ key: "revenue", resources: { warehouse } }, () => total(load("orders")));
  const matches_warehouse = assetCheck(
    { asset: "orders", name: "matches_warehouse", resources: { warehouse } },
    (rows, ctx) => (rows as number[]).length === ctx.resources.warehouse.rows("orders").length,
  );
  const both_loaded = multiAssetCheck(
    {
      specs: [
        { asset: "orders", name: "loaded" },
        { asset: "customers", name: "loaded" },
      ],
      resources: ["warehouse"],
    },
    (values, ctx) =>
      Object.entries(values).map(([key, rows]) =>
        AssetCheckResult({
          assetKey: key,
          passed: (rows as unknown[]).length > 0 && ctx.resources.warehouse !== undefined,
        }),
      ),
  );
  return { warehouse, tables, revenue, matches_warehouse, both_loaded };
}

describe("resources beyond asset", () => {
  it("reach a multi-asset, a graph asset's ops and checks, from one setup torn down once", async () => {
    const journal: string[] = [];
    const { warehouse, tables, revenue, matches_warehouse, both_loaded } = workspace(journal);
    const outcome = await materialize(
      new Definitions({
        assets: [tables, revenue],
        checks: [matches_warehouse, both_loaded],
        resources: { warehouse },
      }),
    );
    expect(outcome.errors).toEqual({});
    expect(outcome.values).toEqual({ orders: [1, 2, 3], customers: [7], revenue: 6 });
    expect(
      Object.fromEntries(Object.entries(outcome.checks).map(([key, evaluation]) => [key, evaluation.passed])),
    ).toEqual({ "orders:matches_warehouse": true, "orders:loaded": true, "customers:loaded": true });
    expect(journal).toEqual(["setup", "teardown"]);
  });

  it("stops before any step when a check requests a resource nothing provides, naming the check", async () => {
    const journal: string[] = [];
    const { tables, matches_warehouse } = workspace(journal);
    const run = materialize(
      new Definitions({ assets: [tables], checks: [matches_warehouse], resources: { warehose: warehouseOf(journal) } }),
    );
    await expect(run).rejects.toThrow(
      'check "orders:matches_warehouse" requests resource "warehouse", which the Definitions do not provide: did you mean "warehose"?',
    );
    expect(journal).toEqual([]);
  });

  it("fails an op that reads a resource its graph asset does not request, with the fix", async () => {
    const load = op("load", { resources: ["warehouse"] }, (ctx) => ctx.resources.warehouse);
    const revenue = graphAsset({ key: "revenue" }, () => load());
    const outcome = await materialize(new Definitions({ assets: [revenue], resources: { warehouse: 1 } }));
    expect(outcome.errors.revenue?.message).toBe(
      'op "load" reads resource "warehouse", which its graph asset "revenue" does not request: add it to graphAsset({ resources }).',
    );
  });

  it("lets a test call a check with fake resources", () => {
    const { matches_warehouse } = workspace([]);
    const fake = { rows: () => [1] };
    expect(matches_warehouse([1], createCheckContext({ resources: { warehouse: fake } }))).toBe(true);
  });
});
