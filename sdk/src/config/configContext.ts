import type { StandardSchemaV1 } from "./standardSchema";

/** What an asset's context adds for its `config` option: `ctx.config`, typed as the schema's output; nothing without one. */
export type ConfigContext<C> = C extends StandardSchemaV1
  ? { readonly config: StandardSchemaV1.InferOutput<C> }
  : // biome-ignore lint/complexity/noBannedTypes: an asset without config adds nothing to its context
    {};

/** The `config` option of `asset()`. */
export interface ConfigOption<C extends StandardSchemaV1 | undefined> {
  /** A Standard Schema validator (zod, valibot, arktype…) for this asset's run config, read as `ctx.config`. */
  config?: C;
}
