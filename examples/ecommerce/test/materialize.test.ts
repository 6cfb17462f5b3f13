import { materialize } from "assetline";
import { describe, expect, it } from "vitest";
import * as api from "../src/api";
import * as pipeline from "../src/pipeline";
import * as revenue from "../src/revenue";
import type { ShopApi } from "../src/shopApi";

const DAYS = ["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"];

// The whole pipeline in memory, as a test would run it: no store, no CLI, the same executor, DuckDB in memory.
describe("the e-commerce pipeline", () => {
  it("materializes every day of gold_daily_revenue with everything upstream of it", async () => {
    const outcome = await materialize(pipeline, { selection: "+key:gold_daily_revenue" });
    expect(outcome.errors).toEqual({});
    // A partitioned asset's values are by `key[partition]`: one per day.
    expect(Object.keys(outcome.values).sort()).toEqual(
      [
        "bronze_customers",
        "bronze_products",
        ...["bronze_orders", "gold_daily_revenue", "silver_orders_enriched"].flatMap((key) =>
          DAYS.map((day) => `${key}[${day}]`),
        ),
      ].sort(),
    );
    // The seed's 100 hourly orders, 24 a day from 2026-03-01 and the last 4 on 2026-03-05, counted by the engine.
    expect(DAYS.map((day) => outcome.metadata[`bronze_orders[${day}]`]?.row_count)).toEqual(
      [24, 24, 24, 24, 4].map((value) => ({ type: "int", value })),
    );
    expect(outcome.metadata.bronze_customers?.column_schema).toMatchObject({
      value: { columns: [{ name: "customer_id", type: "BIGINT" }, { name: "city" }, { name: "segment" }] },
    });
    const days = DAYS.map((day) => outcome.values[`gold_daily_revenue[${day}]`] as { date: string; orders: number }[]);
    expect(days.map((rows) => rows.map((row) => row.date))).toEqual(DAYS.map((day) => [day]));
    expect(days.flat().reduce((sum, day) => sum + day.orders, 0)).toBe(100);
  });

  it("materializes one day, reading only that day's orders", async () => {
    const outcome = await materialize(pipeline, { selection: "+key:gold_daily_revenue", partition: "2026-03-05" });
    expect(outcome.errors).toEqual({});
    expect(outcome.values["gold_daily_revenue[2026-03-05]"]).toEqual([
      { date: "2026-03-05", total: 1499.3, orders: 4 },
    ]);
    expect(Object.keys(outcome.values).filter((id) => id.includes("["))).toHaveLength(3);
  });

  it("reports the sales report's Markdown preview over every day, drawn by the engine", async () => {
    const outcome = await materialize(pipeline, { selection: "+key:sales_report" });
    expect(outcome.metadata.sales_report?.row_count).toEqual({ type: "int", value: 5 });
    expect(outcome.metadata.sales_report?.preview).toMatchObject({
      type: "md",
      value: expect.stringContaining("| date | total | orders |\n| --- | --- | --- |\n| 2026-03-01 |"),
    });
  });

  it("rolls the days up into March, and splits the revenue by city", async () => {
    const outcome = await materialize([pipeline, revenue], {
      selection: "+key:gold_monthly_revenue or +key:gold_city_revenue",
    });
    expect(outcome.errors).toEqual({});
    const march = outcome.values["gold_monthly_revenue[2026-03-01]"] as { total: number }[];
    expect(march).toMatchObject([{ month: "2026-03", orders: 100, days: 5 }]);
    const cities = ["Lisbon", "Porto", "Braga"].map(
      (city) => outcome.values[`gold_city_revenue[${city}]`] as { city: string; total: number; orders: number }[],
    );
    expect(cities.map((rows) => new Set(rows.map((row) => row.city)))).toEqual(
      ["Lisbon", "Porto", "Braga"].map((city) => new Set([city])),
    );
    expect(cities.flat().reduce((sum, row) => sum + row.orders, 0)).toBe(100);
    const cityTotal = cities.flat().reduce((sum, row) => sum + row.total, 0);
    expect(Math.round(cityTotal * 100) / 100).toBe(march[0]!.total);
  });

  it("calls the shop's API through the shop_api resource, a fake here: no token, no network", async () => {
    const fake: ShopApi = {
      exportAll: async () => ({ users: [{ id: 7, name: "Ada" }], posts: [], comments: [] }),
    };
    const outcome = await materialize(api, { resources: { shop_api: fake } });
    expect(outcome.errors).toEqual({});
    expect(outcome.values.users).toEqual([{ id: 7, name: "Ada" }]);
    expect(outcome.metadata.posts?.count).toEqual({ type: "int", value: 0 });
  });
});
