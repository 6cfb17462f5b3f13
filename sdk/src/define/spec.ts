import {
  DEFINITION,
  callLabel,
  commonAssetInfo,
  partitionInfo,
  upstreamsOf,
  type AssetHandle,
  type CommonOptions,
  type PartitionOptions,
  type UpstreamRef,
} from "./definition";
import { assertValidKey } from "./keys";
import type { PartitionsDefinition } from "./partitions";

export interface AssetSpecOptions<P extends PartitionsDefinition | undefined = PartitionsDefinition | undefined>
  extends Omit<CommonOptions, "key" | "name" | "retryPolicy" | "pool" | "preview" | "io">,
    PartitionOptions<P> {
  /** Upstream assets of an external asset, for lineage only (`AssetDep` maps partitions). */
  deps?: UpstreamRef[];
}

/**
 * Describes an asset by key: exported alone it is an external asset (produced elsewhere);
 * in a `multiAsset`'s `specs` it is one of the assets that multi-asset produces.
 * `AssetSpec<Row[]>("users")` types the value for downstream `ins`.
 */
export interface AssetSpec<T = unknown, P extends PartitionsDefinition | undefined = PartitionsDefinition | undefined>
  extends AssetHandle<T, P> {
  readonly key: string;
}

/** `P` follows `options.partitionsDef`; `AssetSpec<Row[]>("users")` (no partitions inferred) is unpartitioned. */
export function AssetSpec<T = unknown, P extends PartitionsDefinition | undefined = undefined>(
  key: string,
  options: AssetSpecOptions<P> = {},
): AssetSpec<T, P> {
  const where = callLabel("AssetSpec", key);
  return {
    key: assertValidKey(key),
    [DEFINITION]: {
      type: "spec",
      assets: [{ ...commonAssetInfo(options, where), key }],
      ...upstreamsOf(undefined, options.deps, where),
      ...partitionInfo(options, where),
      preview: true,
    },
  };
}
