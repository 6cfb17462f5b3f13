import { asset, defineAssetJob } from "assetline";
import { order_facts } from "./orderFacts.js";

/** Revenue per customer segment */
export const revenue_by_segment = asset({ group: "marts", ins: { order_facts } }, ({ order_facts }) => {
  const totals: Record<string, number> = {};
  for (const order of order_facts as { segment?: string; amount: number }[])
    totals[order.segment ?? "Unknown"] = (totals[order.segment ?? "Unknown"] ?? 0) + order.amount;
  return totals;
});

/** Everything that reads the payments, run when they land. */
export const marts_job = defineAssetJob({ name: "marts_job", selection: "key:raw/payments+" });
