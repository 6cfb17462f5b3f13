import { assetCheck, AssetIn, checks, multiAssetCheck } from "assetline";
import { exports, revenue } from "./assets";
import { ORDERS } from "./keys";

/** Checks beside their assets: by handle, by key string and by a key const; named by export, `name` or builtin. */
export const revenue_reported = assetCheck({ asset: revenue, description: "Revenue is a number" }, (value) =>
  Number.isFinite(value),
);
export const ordersFresh = checks.freshness({ asset: ORDERS, maximumLag: "90m" });
export const customerIds = checks.unique("id", { asset: "customers", blocking: true });
export const revenueFromSegments = assetCheck(
  { asset: "revenue", name: "from_segments", ins: { revenue, segments: AssetIn("segments") } },
  () => true,
);
export const crm = multiAssetCheck({ specs: [{ asset: exports, name: "crm_loaded" }, { asset: "segments", name: "crm_loaded" }] }, function* () {});
export const revenueMatchesCrm = multiAssetCheck(
  { specs: [{ asset: revenue, name: "matches_crm" }], ins: { revenue, customers: "customers" } },
  function* () {},
);
