import { createTestContext, inMemoryWarehouse } from "assetline";
import { describe, expect, it } from "vitest";
import { silver_orders_enriched } from "../src/pipeline";

// The seed's "easier testing": an asset is a plain function, called with fake frames, no runner involved. Its SQL runs
// on an in-memory DuckDB, with the fake frames as its tables.
describe("silver_orders_enriched", () => {
  it("computes each order's total from quantity and price", async () => {
    const duckdb = await inMemoryWarehouse();
    try {
      const created_at = new Date("2026-03-01T00:00:00Z");
      const result = await silver_orders_enriched(
        {
          bronze_orders: await duckdb.fromRows([
            { order_id: 1, customer_id: 1, product_id: 1, quantity: 2, price: 10.0, created_at },
            { order_id: 2, customer_id: 2, product_id: 2, quantity: 3, price: 20.0, created_at },
          ]),
          bronze_products: await duckdb.fromRows([{ product_id: 1, name: "Book", category: "Books" }]),
          bronze_customers: await duckdb.fromRows([{ customer_id: 2, city: "Porto", segment: "Premium" }]),
        },
        createTestContext({ duckdb }),
      );
      const rows = await result.rows();
      expect(rows.map((row) => row.total)).toEqual([20, 60]);
      // A left join: an order keeps its row when the catalogue or the register lacks its product or customer.
      expect(rows.map((row) => [row.name, row.city])).toEqual([
        ["Book", null],
        [null, "Porto"],
      ]);
    } finally {
      await duckdb.close();
    }
  });
});
