import { describe, expect, it } from "vitest";
import { orders_have_customers } from "../src/checks";

// A check is a plain function too: call it with a fake value to see what it reports.
describe("orders_have_customers", () => {
  it("fails on an order whose customer is unknown, listing it", () => {
    const result = orders_have_customers([
      { order_id: 1, customer_id: 1, amount: 10, date: "2026-04-01", name: "Ada", segment: "Premium" },
      { order_id: 2, customer_id: 9, amount: 20, date: "2026-04-02" },
    ]);
    expect(result).toMatchObject({ passed: false, description: "1 order without a customer" });
    expect(result.metadata).toEqual({ orphan_orders: [2] });
  });
});
