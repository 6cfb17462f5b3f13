import { asset } from "assetline";

/** Orders as the shop's database holds them */
export const raw_orders = asset({ group: "raw", kinds: ["table"] }, () => [
  { order_id: 1, customer_id: 1, amount: 120 },
  { order_id: 2, customer_id: 2, amount: 80 },
  { order_id: 3, customer_id: 1, amount: 45 },
]);
