/**
 * Run config in process (`materialize({ config })`): validated with each selected asset's Standard Schema (zod and
 * valibot alike) before any step runs, defaults applied, every problem named by asset and field.
 */
import { describe, expect, it } from "vitest";
import * as v from "valibot";
import { z } from "zod";
import { AssetSpec, MaterializeResult, asset, createTestContext, graphAsset, materialize, multiAsset } from "assetline";
import type { StandardSchemaV1 } from "../../../sdk/src/config/standardSchema";

/** The same config, `{ days: number ≥ 1 (default 7), window: { from: string } (optional) }`, in each validator. */
const schemas: Record<string, StandardSchemaV1> = {
  zod: z.object({
    days: z.number().min(1).default(7),
    window: z.object({ from: z.string() }).optional(),
  }),
  valibot: v.object({
    days: v.optional(v.pipe(v.number(), v.minValue(1)), 7),
    window: v.optional(v.object({ from: v.string() })),
  }),
};

function workspace(schema: StandardSchemaV1) {
  const orders = asset({ key: "orders" }, () => [1, 2, 3]);
  const daily_report = asset({ key: "daily_report", ins: { orders }, config: schema }, ({ orders }, ctx) => ({
    ...(ctx.config as object),
    rows: orders.length,
  }));
  return [orders, daily_report];
}

describe.each(Object.keys(schemas))("run config validated with %s", (vendor) => {
  const assets = workspace(schemas[vendor]!);

  it.each([
    ["no config: the schema's default", undefined, { days: 7, rows: 3 }],
    ["the given days", { daily_report: { days: 3 } }, { days: 3, rows: 3 }],
    [
      "a nested field",
      { daily_report: { window: { from: "2026-03-01" } } },
      { days: 7, window: { from: "2026-03-01" }, rows: 3 },
    ],
  ])("%s reaches ctx.config", async (_, config, expected) => {
    const outcome = await materialize(assets, { ...(config && { config }) });
    expect(outcome.values.daily_report).toEqual(expected);
    const started = outcome.events.find((event) => event.type === "run_started");
    expect(started).toMatchObject({ config: { daily_report: { days: expected.days } } });
  });

  it.each([
    ["a wrong type", { daily_report: { days: "x" } }, /^config for daily_report: days: .*number/i],
    ["a value out of range", { daily_report: { days: 0 } }, /^config for daily_report: days: .*1/],
    ["a nested field", { daily_report: { window: { from: 5 } } }, /^config for daily_report: window\.from: .*string/i],
    [
      "a misspelled asset",
      { daily_reprot: { days: 3 } },
      /^config for daily_reprot: no asset daily_reprot in this run takes config\. Did you mean "daily_report"\?/,
    ],
    ["an asset without config", { orders: {} }, /^config for orders: asset orders declares no config/],
    [
      "an asset left out of the selection",
      { daily_report: { days: 3 } },
      /^config for daily_report: no asset daily_report in this run/,
    ],
  ])("%s fails before any step runs", async (name, config, message) => {
    const selection = name.includes("left out") ? ["orders"] : undefined;
    const run = materialize(assets, { config, ...(selection && { selection }) });
    await expect(run).rejects.toThrow(message);
  });
});

describe("run config", () => {
  it("lists every problem, one line each, and runs nothing", async () => {
    let ran = false;
    const report = asset({ key: "report", config: z.object({ days: z.number(), title: z.string() }) }, () => {
      ran = true;
    });
    const run = materialize([report], { config: { report: { days: "x" } } });
    await expect(run).rejects.toThrow(/^config for report: days: .+\nconfig for report: title: .+$/);
    expect(ran).toBe(false);
  });

  it("awaits a validator that answers with a promise", async () => {
    const later: StandardSchemaV1<unknown, { days: number }> = {
      "~standard": {
        version: 1,
        vendor: "test",
        validate: async (value) =>
          typeof (value as { days?: unknown }).days === "number"
            ? { value: value as { days: number } }
            : { issues: [{ message: "days is required", path: [{ key: "days" }] }] },
      },
    };
    const report = asset({ key: "report", config: later }, (ctx) => ctx.config.days * 2);
    expect((await materialize([report], { config: { report: { days: 4 } } })).values.report).toBe(8);
    await expect(materialize([report])).rejects.toThrow("config for report: days: days is required");
  });

  it("gives no ctx.config to an asset without a schema, and refuses a config that is not one", () => {
    expect(() => asset({ key: "report", config: { days: 7 } as never }, () => 1)).toThrow(
      'asset("report"): `config` must be a Standard Schema validator',
    );
    const plain = asset({ key: "plain" }, (ctx) => "config" in ctx);
    return expect(materialize([plain]).then((outcome) => outcome.values.plain)).resolves.toBe(false);
  });

  it("lets a test call the asset with its config in a test context", () => {
    const report = asset({ key: "report", config: z.object({ days: z.number() }) }, (ctx) => ctx.config.days * 2);
    expect(report(createTestContext({ assetKey: "report", config: { days: 5 } }))).toBe(10);
  });

  it("refuses a run config that is not an object of asset keys", async () => {
    await expect(materialize([], { config: [] as never })).rejects.toThrow(
      "materialize(): config: the run config must be an object of asset keys",
    );
  });
});

describe("run config beyond asset", () => {
  const days = z.object({ days: z.number().default(7) });
  const tables = multiAsset(
    { specs: [AssetSpec("orders"), AssetSpec("customers")], canSubset: true, config: days },
    function* (ctx) {
      for (const key of ctx.selectedAssetKeys) yield new MaterializeResult({ assetKey: key, value: ctx.config.days });
    },
  );
  const report = graphAsset({ key: "report", config: days }, (ctx) => `last ${ctx.config.days} days`);

  it.each([
    [
      "the multi-asset's, under its first key, whichever members run",
      { orders: { days: 3 } },
      ["customers"],
      { customers: 3 },
    ],
    ["the multi-asset's default", undefined, ["orders", "customers"], { orders: 7, customers: 7 }],
    ["the graph asset's", { report: { days: 2 } }, ["report"], { report: "last 2 days" }],
  ])("%s reaches ctx.config", async (_, config, selection, expected) => {
    const outcome = await materialize([tables, report], { selection, ...(config && { config }) });
    expect(outcome.values).toEqual(expected);
  });

  it("says where a multi-asset's config goes when given under another member's key", async () => {
    await expect(materialize([tables], { config: { customers: { days: 3 } } })).rejects.toThrow(
      'config for customers: customers is a member of the multi-asset whose config is given under its first key: write it as { "orders": … }.',
    );
  });
});
