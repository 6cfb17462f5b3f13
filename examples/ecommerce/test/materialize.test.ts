import { materialize } from "assetline";
import { describe, expect, it } from "vitest";
import * as pipeline from "../src/pipeline";

// The whole pipeline in memory, as a test would run it: no store, no CLI, the same executor.
describe("the e-commerce pipeline", () => {
  it("materializes gold_daily_revenue with everything upstream of it", async () => {
    const outcome = await materialize(pipeline, { selection: "+key:gold_daily_revenue" });
    expect(outcome.success).toBe(true);
    expect(Object.keys(outcome.values).sort()).toEqual([
      "bronze_customers",
      "bronze_orders",
      "bronze_products",
      "gold_daily_revenue",
      "silver_orders_enriched",
    ]);
    expect(outcome.metadata.bronze_orders?.num_orders).toEqual({ type: "int", value: 100 });
    const days = outcome.values.gold_daily_revenue as { date: string; orders: number }[];
    expect(days.reduce((sum, day) => sum + day.orders, 0)).toBe(100);
  });

  it("reports the sales report's Markdown preview", async () => {
    const outcome = await materialize(pipeline, { selection: "+key:sales_report" });
    expect(outcome.metadata.sales_report?.preview).toMatchObject({
      type: "md",
      value: expect.stringContaining("| date | total | orders |"),
    });
  });
});
