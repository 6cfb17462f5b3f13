/**
 * Partition mappings (Dagster's PartitionMapping classes) and the references that carry them on an edge: `AssetIn`
 * in `ins`, `AssetDep` in `deps`. Each constructor returns the protocol's `PartitionMappingData`, frozen and branded;
 * literal offsets stay in the type, which is how `ins` knows whether an upstream arrives as one value or a map.
 */
import type { PartitionMappingData } from "../protocol/partitions";
import type { TableShape } from "../warehouse/table";
import type { AssetRef } from "./definition";
import { isPartitionsDefinition } from "./partitions";

const MAPPING_BRAND = Symbol.for("assetline.partitionMapping");

export type PartitionMapping<M extends PartitionMappingData = PartitionMappingData> = Readonly<M> & {
  readonly [MAPPING_BRAND]: true;
};

export type IdentityPartitionMapping = PartitionMapping<{ type: "identity" }>;
export type TimeWindowPartitionMapping<
  S extends number = number,
  E extends number = number,
  A extends boolean = boolean,
> = PartitionMapping<{ type: "time-window"; startOffset: S; endOffset: E; allowNonexistentUpstreamPartitions: A }>;
export type AllPartitionMapping = PartitionMapping<{ type: "all" }>;
export type LastPartitionMapping = PartitionMapping<{ type: "last" }>;
export type StaticPartitionMapping = PartitionMapping<{ type: "static"; map: Record<string, string[]> }>;
export type SpecificPartitionsPartitionMapping = PartitionMapping<{ type: "specific"; keys: string[] }>;
export type MultiToSingleDimensionPartitionMapping = PartitionMapping<{ type: "multi-to-single"; dimension: string }>;

export function isPartitionMapping(value: unknown): value is PartitionMapping {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[MAPPING_BRAND] === true;
}

function branded<M extends PartitionMappingData>(data: M): PartitionMapping<M> {
  Object.defineProperty(data, MAPPING_BRAND, { value: true });
  return Object.freeze(data) as PartitionMapping<M>;
}

/** Each downstream partition reads the upstream partition with the same key (the default between equal definitions). */
export function IdentityPartitionMapping(): IdentityPartitionMapping {
  return branded({ type: "identity" });
}

/**
 * Each downstream window reads the upstream windows overlapping it, its start shifted by `startOffset` and its end by
 * `endOffset` downstream periods (as Dagster counts them): `{ startOffset: -1, endOffset: -1 }` is the previous day for
 * daily assets, the previous day's month for a daily asset reading a monthly one. With
 * `allowNonexistentUpstreamPartitions`, windows before the upstream's first (or after its last) are skipped instead of
 * failing the plan.
 */
export function TimeWindowPartitionMapping<
  const S extends number = 0,
  const E extends number = 0,
  const A extends boolean = false,
>(
  options: { startOffset?: S; endOffset?: E; allowNonexistentUpstreamPartitions?: A } = {},
  // NoInfer: an omitted offset is 0 even where `ins` expects any mapping (that context would widen it to `number`).
): TimeWindowPartitionMapping<NoInfer<S>, NoInfer<E>, NoInfer<A>> {
  const offset = (value: number | undefined, name: string): number => {
    if (value === undefined) return 0;
    if (!Number.isInteger(value))
      throw new Error(`TimeWindowPartitionMapping: \`${name}\` must be an integer (got ${String(value)}).`);
    return value;
  };
  const startOffset = offset(options.startOffset, "startOffset");
  const endOffset = offset(options.endOffset, "endOffset");
  if (startOffset > endOffset)
    throw new Error(
      `TimeWindowPartitionMapping: \`startOffset\` (${startOffset}) is after \`endOffset\` (${endOffset}): the window would be empty.`,
    );
  return branded({
    type: "time-window",
    startOffset,
    endOffset,
    allowNonexistentUpstreamPartitions: options.allowNonexistentUpstreamPartitions === true,
  }) as TimeWindowPartitionMapping<S, E, A>;
}

/** Every downstream partition reads every upstream partition. */
export function AllPartitionMapping(): AllPartitionMapping {
  return branded({ type: "all" });
}

/** Every downstream partition reads the upstream's last partition. */
export function LastPartitionMapping(): LastPartitionMapping {
  return branded({ type: "last" });
}

/**
 * Upstream key → the downstream key(s) it feeds (Dagster's `downstream_partition_keys_by_upstream_partition_key`):
 * `{ eu: ["fr", "de"], us: "us" }`. A downstream partition reads every upstream key that feeds it.
 */
export function StaticPartitionMapping(
  map: Readonly<Record<string, string | readonly string[]>>,
): StaticPartitionMapping {
  if (typeof map !== "object" || map === null || Array.isArray(map))
    throw new Error(
      'StaticPartitionMapping(map): pass an object from upstream key to downstream key(s), like { eu: ["fr", "de"] }.',
    );
  const data: Record<string, string[]> = {};
  for (const [upstream, downstream] of Object.entries(map)) {
    const keys = typeof downstream === "string" ? [downstream] : [...downstream];
    if (keys.some((key) => typeof key !== "string"))
      throw new Error(`StaticPartitionMapping: the upstream key "${upstream}" must map to a key or a list of keys.`);
    data[upstream] = keys;
  }
  return branded({ type: "static", map: data });
}

/** Every downstream partition reads exactly these upstream partitions. */
export function SpecificPartitionsPartitionMapping(keys: readonly string[]): SpecificPartitionsPartitionMapping {
  if (!Array.isArray(keys) || keys.length === 0 || keys.some((key) => typeof key !== "string"))
    throw new Error('SpecificPartitionsPartitionMapping(keys): pass a non-empty list of upstream keys, like ["eu"].');
  return branded({ type: "specific", keys: [...keys] });
}

/**
 * A multi-partitioned asset and a single-partitioned one meet in the dimension `partitionDimensionName` (Dagster's
 * name): a `2026-03-01` partition reads (or feeds) every `2026-03-01|…` partition.
 */
export function MultiToSingleDimensionPartitionMapping(options: {
  partitionDimensionName: string;
}): MultiToSingleDimensionPartitionMapping {
  const dimension = options?.partitionDimensionName;
  if (typeof dimension !== "string" || dimension === "")
    throw new Error(
      "MultiToSingleDimensionPartitionMapping: `partitionDimensionName` is required: the multi definition's dimension the other side matches.",
    );
  return branded({ type: "multi-to-single", dimension });
}

/**
 * An upstream reference with the mapping its partitions are read through and, for a table, the shape the downstream
 * gets (`as`). `{ asset, partitionMapping }` is the same.
 */
export interface AssetInput<
  H extends AssetRef = AssetRef,
  M extends PartitionMapping | undefined = PartitionMapping | undefined,
  A extends TableShape | undefined = TableShape | undefined,
> {
  readonly asset: H;
  readonly partitionMapping?: M;
  readonly as?: A;
}

/**
 * An `ins` value that maps partitions or asks for a table's shape:
 * `AssetIn(orders, { partitionMapping: TimeWindowPartitionMapping({ … }) })`, `AssetIn(customers, { as: "table" })`.
 */
export function AssetIn<
  const H extends AssetRef,
  const M extends PartitionMapping | undefined = undefined,
  const A extends TableShape | undefined = undefined,
  // NoInfer: an `ins` entry's context would otherwise infer an omitted mapping or shape as "any of them".
>(asset: H, options: { partitionMapping?: M; as?: A } = {}): AssetInput<H, NoInfer<M>, NoInfer<A>> {
  const input = reference("AssetIn", asset, options.partitionMapping, options.as);
  return input as AssetInput<H, M, A>;
}

/** A `deps` entry that maps partitions: the downstream partition runs after the upstream partitions it maps to. */
export function AssetDep<const H extends AssetRef, const M extends PartitionMapping | undefined = undefined>(
  asset: H,
  options: { partitionMapping?: M } = {},
): AssetInput<H, M> {
  return reference("AssetDep", asset, options.partitionMapping) as AssetInput<H, M>;
}

function reference(which: string, asset: AssetRef, partitionMapping: unknown, as?: unknown): AssetInput {
  if (partitionMapping !== undefined && !isPartitionMapping(partitionMapping))
    throw new Error(
      `${which}: \`partitionMapping\` must come from a mapping constructor such as TimeWindowPartitionMapping({ startOffset: -1, endOffset: -1 })${isPartitionsDefinition(partitionMapping) ? " (this is a partitions definition)" : ""}.`,
    );
  if (as !== undefined && as !== "table" && as !== "rows")
    throw new Error(`${which}: \`as\` must be "table" or "rows" (got ${JSON.stringify(as)}).`);
  return Object.freeze({
    asset,
    ...(partitionMapping !== undefined && { partitionMapping }),
    ...(as !== undefined && { as: as as TableShape }),
  });
}

/** `ref` as an upstream reference: a handle, a key string, or `{ asset, partitionMapping }`; undefined if none. */
export function asAssetInput(value: unknown): AssetInput | undefined {
  if (typeof value !== "object" || value === null || !("asset" in value)) return undefined;
  const { asset, partitionMapping, as } = value as { asset: AssetRef; partitionMapping?: unknown; as?: unknown };
  return reference("An upstream `{ asset, partitionMapping }`", asset, partitionMapping, as);
}
