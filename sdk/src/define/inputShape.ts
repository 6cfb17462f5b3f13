/**
 * The type of an upstream's value in `ins`, from the kind of its partition mapping alone (never from how many
 * partitions happen to map, unlike Dagster, whose input changes from a value to a dict at run time):
 * a one-to-one mapping gives `T`, a many mapping `ReadonlyMap<string, T>` (partition key → value, in key order).
 * This mirrors `mappingCardinality` in `partitions/mappings.ts` at the type level; the runtime follows that function.
 */
import type { PartitionsDefinitionData, TimeGranularity } from "../protocol/partitions";
import type { AssetHandle, UpstreamRef } from "./definition";
import type { PartitionMapping } from "./mappings";
import type { RowOf, Table } from "../warehouse/table";

type Cardinality = "one" | "many" | "either";

/** Whether each `Down` window lies inside one `Up` window: equal periods, or hours and days inside coarser periods. */
type Nests<Up extends TimeGranularity, Down extends TimeGranularity> = [Down] extends [Up]
  ? "one"
  : [Down] extends ["hourly"]
    ? "one"
    : [Down] extends ["daily"]
      ? [Up] extends ["hourly"]
        ? "many"
        : "one"
      : "many";

type IsMulti<P> = P extends { type: "multi" } ? true : false;

/** What `defaultMapping(up, down)` gives, by cardinality. `PartitionsDefinitionData` itself (not known) is "either". */
type DefaultCardinality<Up, Down> = [Up] extends [undefined]
  ? "one"
  : [Down] extends [undefined]
    ? "many"
    : PartitionsDefinitionData extends Up
      ? "either"
      : PartitionsDefinitionData extends Down
        ? "either"
        : [Up, Down] extends [
              { type: "time-window"; granularity: infer G extends TimeGranularity },
              { type: "time-window"; granularity: infer H extends TimeGranularity },
            ]
          ? Nests<G, H>
          : [IsMulti<Up>, IsMulti<Down>] extends [true, false]
            ? "many"
            : "one";

/** Offsets known as literals and equal: one window; `number` (not a literal) could be either. */
type OffsetCardinality<S extends number, E extends number, Up, Down> = number extends S
  ? "either"
  : number extends E
    ? "either"
    : [S] extends [E]
      ? [E] extends [S]
        ? DefaultCardinality<Up, Down>
        : "many"
      : "many";

/** `M` as inferred from an optional `partitionMapping` also holds `undefined`: without a mapping, the default's. */
type MappingCardinality<M, Up, Down> = [Exclude<M, undefined>] extends [never]
  ? DefaultCardinality<Up, Down>
  : WrittenCardinality<Exclude<M, undefined>, Up, Down>;

type WrittenCardinality<M, Up, Down> =
  M extends PartitionMapping<infer D>
    ? D extends { type: "identity" | "last" }
      ? "one"
      : D extends { type: "all" | "static" | "specific" }
        ? "many"
        : D extends { type: "multi-to-single" }
          ? IsMulti<Up> extends true
            ? "many"
            : "one"
          : D extends { type: "time-window"; startOffset: infer S extends number; endOffset: infer E extends number }
            ? OffsetCardinality<S, E, Up, Down>
            : "either"
    : DefaultCardinality<Up, Down>;

/** `allowNonexistentUpstreamPartitions: true` makes a one-to-one input possibly `undefined`. */
type MayBeMissing<M> = M extends { readonly allowNonexistentUpstreamPartitions: true } ? true : false;

type Shaped<T, C extends Cardinality, Missing extends boolean> = C extends "one"
  ? Missing extends true
    ? T | undefined
    : T
  : C extends "many"
    ? ReadonlyMap<string, T>
    : T | ReadonlyMap<string, T>;

/** A table upstream as the downstream asked for it (`AssetIn(x, { as })`): without `as`, the upstream's own type. */
type AsShape<T, A> = [Exclude<A, undefined>] extends [never]
  ? T
  : Exclude<A, undefined> extends "table"
    ? Table<RowOf<T>>
    : Exclude<A, undefined> extends "rows"
      ? RowOf<T>[]
      : T;

type Through<H, M, Down, A = undefined> =
  H extends AssetHandle<infer T, infer Up>
    ? Shaped<AsShape<T, A>, MappingCardinality<M, Up, Down>, MayBeMissing<M>>
    : unknown;

/** The value one `ins` entry gives a downstream whose partitions definition is `Down` (`undefined`: unpartitioned). */
export type InValue<I extends UpstreamRef, Down> = I extends {
  readonly asset: infer H;
  readonly partitionMapping?: infer M;
  readonly as?: infer A;
}
  ? Through<H, M, Down, A>
  : Through<I, undefined, Down>;
