import { AssetSpec, MaterializeResult, multiAsset } from "assetline";
import { shop_api } from "./shopApi";

/** Fetches data from multiple entities in a single API call */
export const extract_from_api = multiAsset(
  { specs: [AssetSpec("users"), AssetSpec("posts"), AssetSpec("comments")], group: "api", resources: { shop_api } },
  async function* (ctx) {
    ctx.log.info("Making single call to API...");
    const response = await ctx.resources.shop_api.exportAll();
    for (const key of ["users", "posts", "comments"] as const)
      yield new MaterializeResult({ assetKey: key, value: response[key], metadata: { count: response[key].length } });
  },
);
