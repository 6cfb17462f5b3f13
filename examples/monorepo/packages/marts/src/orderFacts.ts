import { raw_customers, raw_orders } from "@monorepo/raw";
import { raw_payments } from "@raw/payments.js";
import { asset } from "assetline";

interface Order {
  order_id: number;
  customer_id: number;
  amount: number;
}

/** Each order with its customer's segment and what was paid */
export const order_facts = asset(
  { group: "marts", ins: { raw_orders, raw_customers, raw_payments } },
  ({ raw_orders, raw_customers, raw_payments }) =>
    (raw_orders as Order[]).map((order) => ({
      ...order,
      segment: (raw_customers as { customer_id: number; segment: string }[]).find(
        (c) => c.customer_id === order.customer_id,
      )?.segment,
      paid:
        (raw_payments as { order_id: number; paid: number }[]).find((p) => p.order_id === order.order_id)?.paid ?? 0,
    })),
);
