/** Compiled by `npm run typecheck`, never run: `ctx.selectedAssetKeys` is a read-only set of keys, and `canSubset` a boolean. */
import { AssetSpec, MaterializeResult, asset, multiAsset } from "assetline";

export const parts = multiAsset({ specs: [AssetSpec("left"), AssetSpec("right")], canSubset: true }, function* (ctx) {
  const selected: ReadonlySet<string> = ctx.selectedAssetKeys;
  if (selected.has("left")) yield new MaterializeResult({ assetKey: "left", value: 1 });
  // @ts-expect-error the selection is the run's to decide, not the function's
  ctx.selectedAssetKeys.add("right");
});

export const single = asset((ctx) => {
  // @ts-expect-error a set, not an array: use `.has(key)` or spread it
  ctx.selectedAssetKeys.includes(ctx.assetKey);
  return ctx.selectedAssetKeys.size;
});

// @ts-expect-error `canSubset` is a boolean
multiAsset({ specs: [AssetSpec("one")], canSubset: "yes" }, function* () {});
