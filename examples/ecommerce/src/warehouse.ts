import { AssetSpec, asset } from "assetline";

/** Loaded by the nightly import, outside Assetline. */
export const warehouse_orders = AssetSpec("warehouse/orders", {
  group: "warehouse",
  description: "Loaded by the nightly import",
});

/** Checks the warehouse copy after each import; runs after it, without loading it. */
export const orders_audit = asset(
  { key: "warehouse/orders_audit", group: "warehouse", deps: ["warehouse/orders"] },
  (ctx) => {
    ctx.log.info("Auditing warehouse/orders");
    return { checked_at: new Date().toISOString() };
  },
);
