import { inMemoryWarehouse } from "assetline";
import { describe, expect, it } from "vitest";
import { orders_have_customers } from "../src/checks";

// A check is a plain function too: call it with a fake table to see what it reports.
describe("orders_have_customers", () => {
  it("fails on an order whose customer is unknown, listing it", async () => {
    const duckdb = await inMemoryWarehouse();
    try {
      const orders = await duckdb.fromRows([
        { order_id: 1, customer_id: 1, amount: 10, date: "2026-04-01", name: "Ada", segment: "Premium" },
        { order_id: 2, customer_id: 9, amount: 20, date: "2026-04-02", name: null, segment: null },
      ]);
      const result = await orders_have_customers(orders);
      expect(result).toMatchObject({ passed: false, description: "1 order without a customer" });
      expect(result.metadata).toEqual({ orphan_orders: [2] });
    } finally {
      await duckdb.close();
    }
  });
});
