import { DEFINITION, commonAssetInfo, type AssetHandle, type AssetRef, type CommonOptions } from "./definition";
import { assertValidKey } from "./keys";

export interface AssetSpecOptions extends Omit<CommonOptions, "key" | "name" | "retryPolicy" | "preview"> {
  /** Upstream assets of an external asset, for lineage only. */
  deps?: AssetRef[];
}

/**
 * Describes an asset by key: exported alone it is an external asset (produced elsewhere);
 * in a `multiAsset`'s `specs` it is one of the assets that multi-asset produces.
 * `AssetSpec<Row[]>("users")` types the value for downstream `ins`.
 */
export interface AssetSpec<T = unknown> extends AssetHandle<T> {
  readonly key: string;
}

export function AssetSpec<T = unknown>(key: string, options: AssetSpecOptions = {}): AssetSpec<T> {
  return {
    key: assertValidKey(key),
    [DEFINITION]: {
      type: "spec",
      assets: [{ ...commonAssetInfo(options), key }],
      ins: {},
      deps: options.deps ?? [],
      preview: true,
    },
  };
}
