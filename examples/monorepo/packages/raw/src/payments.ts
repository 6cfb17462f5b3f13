import { asset } from "assetline";

/** Payments settled per order (marts read it through the `@raw/*` path alias) */
export const raw_payments = asset({ key: "raw/payments", group: "raw", kinds: ["table"] }, () => [
  { order_id: 1, paid: 120 },
  { order_id: 2, paid: 80 },
]);
