import type { MetadataInput } from "./metadata";

export interface MaterializeResultInit<T = unknown> {
  /** Which asset this result is for; required in a multi-asset, optional in a single asset. */
  assetKey?: string;
  /**
   * Which partition this result is for, in a `single-run` step (yield one result per partition of
   * `ctx.partitionKeys`); optional in a step of one partition.
   */
  partitionKey?: string;
  /** The value stored by the IO manager; absent when the asset stores its data itself. */
  value?: T;
  metadata?: MetadataInput;
  /** An explicit data version; by default the runner hashes the stored value. */
  dataVersion?: string;
}

const RESULT_BRAND = Symbol.for("assetline.MaterializeResult");

/** Returned (asset) or yielded (multi-asset) to attach metadata, or to name the asset a value belongs to. */
export class MaterializeResult<T = unknown> {
  readonly [RESULT_BRAND] = true;
  readonly assetKey?: string;
  readonly partitionKey?: string;
  readonly value?: T;
  readonly metadata?: MetadataInput;
  readonly dataVersion?: string;

  constructor(init: MaterializeResultInit<T> = {}) {
    this.assetKey = init.assetKey;
    this.partitionKey = init.partitionKey;
    this.value = init.value;
    this.metadata = init.metadata;
    this.dataVersion = init.dataVersion;
  }

  /** True for results from any copy of the SDK (a workspace and the runner may load different copies). */
  static is(value: unknown): value is MaterializeResult {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[RESULT_BRAND] === true;
  }
}

/** The type an asset function's result stores: `MaterializeResult<T>` stores `T`. */
export type StoredValue<R> = Awaited<R> extends MaterializeResult<infer T> ? T : Awaited<R>;
