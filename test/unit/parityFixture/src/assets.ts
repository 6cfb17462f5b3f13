import { asset, assetCheck, AssetSpec, checks, MaterializeResult, multiAsset } from "assetline";
import { ORDERS, SEGMENTS as SEGMENT_KEY, STORED_AS } from "./keys";
import { hasRows } from "./shared";

export const orders = AssetSpec(ORDERS, {
  group: "warehouse",
  tags: { source: "postgres" },
  freshness: { maximumLag: "1d 6h", cron: "0 6 * * *", cronTimezone: "Europe/Paris" },
});

/** Two tables from one export, each on its own if asked; the options are both members' defaults, a spec's own values win. */
export const exports = multiAsset(
  {
    specs: [AssetSpec("customers", { tags: { pii: "true" }, freshness: { maximumLag: "2h" } }), AssetSpec(SEGMENT_KEY, { description: "Customer segments" })],
    group: "crm",
    description: "Exported from the CRM",
    tags: { source: "crm", tier: "silver" },
    owners: ["team:crm"],
    canSubset: true,
    io: STORED_AS,
  },
  function* (ctx) {
    if (ctx.selectedAssetKeys.has("customers")) yield new MaterializeResult({ assetKey: "customers", value: [] });
    if (ctx.selectedAssetKeys.has(SEGMENT_KEY)) yield new MaterializeResult({ assetKey: SEGMENT_KEY, value: [] });
  },
);

/** Checked inline: a builtin, one written here, and one shared from another file. */
export const revenue = asset(
  {
    key: "revenue",
    deps: [ORDERS, SEGMENT_KEY],
    tags: { tier: "gold" },
    kinds: ["table", "finance"],
    freshness: { maximumLag: "24h" },
    checks: [checks.unique("day"), assetCheck({ name: "positive", blocking: true }, (value: number) => value > 0), hasRows],
  },
  () => 1,
);
