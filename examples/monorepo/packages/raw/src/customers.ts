import { asset } from "assetline";

/** Customers and their segment */
export const raw_customers = asset({ group: "raw", kinds: ["table"] }, () => [
  { customer_id: 1, segment: "Premium" },
  { customer_id: 2, segment: "Standard" },
]);
