import { AssetSelection, asset, defineAssetJob } from "assetline";

export const bronze_sales = asset({ group: "bronze" }, () => ({ status: "raw" }));

export const silver_sales = asset({ group: "silver", ins: { bronze_sales } }, () => ({ status: "cleaned" }));

export const gold_sales = asset({ group: "gold", ins: { silver_sales } }, () => ({ status: "aggregated" }));

export const all_assets_job = defineAssetJob({ name: "materialize_all_sales", selection: AssetSelection.all() });

/** Everything the gold revenue table needs, by the string syntax. */
export const gold_revenue_job = defineAssetJob({ name: "gold_revenue", selection: "+key:gold_daily_revenue" });
