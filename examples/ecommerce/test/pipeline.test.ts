import { describe, expect, it } from "vitest";
import { silver_orders_enriched } from "../src/pipeline";

// The seed's "easier testing": an asset is a plain function, called with fake frames, no runner involved.
describe("silver_orders_enriched", () => {
  it("computes each order's total from quantity and price", () => {
    const fakeOrders = [
      { order_id: 1, customer_id: 1, product_id: 1, quantity: 2, price: 10.0, created_at: "2026-03-01" },
      { order_id: 2, customer_id: 2, product_id: 2, quantity: 3, price: 20.0, created_at: "2026-03-01" },
    ];
    const result = silver_orders_enriched({ bronze_orders: fakeOrders, bronze_products: [], bronze_customers: [] });
    expect(result.map((row) => row.total)).toEqual([20, 60]);
  });
});
