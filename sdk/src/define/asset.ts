import { createTestContext, type AssetContext } from "./context";
import {
  DEFINITION,
  callLabel,
  ioOption,
  poolOption,
  commonAssetInfo,
  partitionInfo,
  upstreamsOf,
  type AssetHandle,
  type CommonOptions,
  type DefinitionInfo,
  type PartitionOptions,
  type UpstreamRef,
} from "./definition";
import type { InValue } from "./inputShape";
import { checkInfoOf, isCheck, type CheckHandle } from "../checks/definition";
import type { PartitionsDefinition } from "./partitions";
import type { StoredValue } from "./result";
import type { ConfigContext, ConfigOption } from "../config/configContext";
import { isStandardSchema, type StandardSchemaV1 } from "../config/standardSchema";
import { resourceKeys, type ResourcesOf, type ResourcesOption } from "../resources/requested";

/** Upstream values by name: a handle (or `AssetIn(handle, …)`) brings its value's type, a key string brings `unknown`. */
export type InsMap = Record<string, UpstreamRef>;
/**
 * What the function receives for `Ins` when its own partitions are `Down` (`undefined`: unpartitioned): each value is
 * `T` through a one-to-one partition mapping and `ReadonlyMap<string, T>` (partition key → value) through a many one.
 */
export type InValues<Ins extends InsMap, Down = undefined> = { [K in keyof Ins]: InValue<Ins[K], Down> };

type MaybePartitions = PartitionsDefinition | undefined;

export interface AssetOptions<Ins extends InsMap = InsMap, P extends MaybePartitions = MaybePartitions>
  extends CommonOptions,
    PartitionOptions<P> {
  /** Upstream assets whose values this asset loads, by parameter name; `AssetIn(asset, { partitionMapping })` maps partitions. */
  ins?: Ins;
  /** Upstream assets this asset only runs after (no value is loaded); `AssetDep(asset, { partitionMapping })` maps partitions. */
  deps?: UpstreamRef[];
  /**
   * Checks about this asset, written without `asset`: `checks.unique("order_id")`, `assetCheck({ name }, fn)`.
   * They run after each materialization of it.
   */
  checks?: CheckHandle[];
  /**
   * The resources the function reads from `ctx.resources`, by the key the Definitions give them: `["warehouse"]`, or
   * `{ warehouse }` (the resource itself) to type `ctx.resources.warehouse` as its value.
   */
  resources?: ResourcesOption;
}

/**
 * An asset stays a plain function: tests call it with fake inputs (and, optionally, a context).
 * Downstream assets name it in `ins` or `deps`.
 */
// biome-ignore lint/complexity/noBannedTypes: `{}`: no resources requested.
type NoResources = {};

/** What a definition's function receives for its `resources` (`Q`) and `config` (`C`) options. */
export type DefinitionContext<Q, C> = AssetContext<ResourcesOf<Q>> & ConfigContext<C>;

export type AssetWithIns<Ins extends InsMap, R, P extends MaybePartitions = undefined, Res = NoResources> = AssetHandle<
  StoredValue<R>,
  P
> &
  ((inputs: InValues<Ins, P>, context?: AssetContext<Res>) => R);
export type AssetWithoutIns<R, P extends MaybePartitions = undefined, Res = NoResources> = AssetHandle<
  StoredValue<R>,
  P
> &
  ((context?: AssetContext<Res>) => R);

export function asset<
  const Ins extends InsMap,
  R,
  P extends MaybePartitions = undefined,
  const Q extends ResourcesOption = readonly [],
  C extends StandardSchemaV1 | undefined = undefined,
>(
  options: AssetOptions<Ins, P> & ConfigOption<C> & { ins: Ins; resources?: Q },
  fn: (inputs: InValues<Ins, P>, context: DefinitionContext<Q, C>) => R,
): AssetWithIns<Ins, R, P, ResourcesOf<Q>>;
export function asset<
  R,
  P extends MaybePartitions = undefined,
  const Q extends ResourcesOption = readonly [],
  C extends StandardSchemaV1 | undefined = undefined,
>(
  options: AssetOptions<never, P> & ConfigOption<C> & { ins?: undefined; resources?: Q },
  fn: (context: DefinitionContext<Q, C>) => R,
): AssetWithoutIns<R, P, ResourcesOf<Q>>;
export function asset<R>(fn: (context: AssetContext) => R): AssetWithoutIns<R>;
export function asset(
  optionsOrFn: (AssetOptions & ConfigOption<StandardSchemaV1 | undefined>) | ((context: AssetContext) => unknown),
  maybeFn?: (...args: never[]) => unknown,
): unknown {
  const options: AssetOptions & ConfigOption<StandardSchemaV1 | undefined> =
    typeof optionsOrFn === "function" ? {} : optionsOrFn;
  const fn = (typeof optionsOrFn === "function" ? optionsOrFn : maybeFn) as (...args: unknown[]) => unknown;
  if (typeof fn !== "function")
    throw new TypeError("asset(options, fn): the second argument must be the asset's function.");
  const hasIns = options.ins !== undefined;
  const where = callLabel("asset", options.key ?? options.name);
  const info: DefinitionInfo = {
    type: "asset",
    assets: [commonAssetInfo(options, where)],
    ...upstreamsOf(options.ins, options.deps, where),
    ...(options.checks !== undefined && { checks: inlineChecks(options.checks, where) }),
    ...(options.resources !== undefined && { resources: resourceKeys(options.resources, where) }),
    ...(options.config !== undefined && { config: configSchema(options.config, where) }),
    ...partitionInfo(options, where),
    retryPolicy: options.retryPolicy,
    preview: options.preview ?? true,
    ...ioOption(options.io, where),
    ...poolOption(options.pool, where),
    execute: (inputs, context) => (hasIns ? fn(inputs, context) : fn(context)),
  };
  const callable = (...args: unknown[]) => {
    if (hasIns) return fn(args[0] ?? {}, args[1] ?? createTestContext(info.assets[0]!.key));
    return fn(args[0] ?? createTestContext(info.assets[0]!.key));
  };
  return Object.assign(callable, { [DEFINITION]: info });
}

/** An asset's `checks`, each an inline check: one that names an asset belongs beside the asset, not in it. */
function inlineChecks(checks: unknown, where: string): CheckHandle[] {
  if (!Array.isArray(checks))
    throw new Error(`${where}: \`checks\` must be an array of checks, such as [checks.unique("order_id")].`);
  return checks.map((check, index) => {
    if (!isCheck(check))
      throw new Error(
        `${where}: \`checks[${index}]\` is not a check: write checks.unique("id"), checks.rowCount({ min: 1 }) or assetCheck({ name }, fn).`,
      );
    if (checkInfoOf(check).form !== "inline")
      throw new Error(
        `${where}: \`checks[${index}]\` names its own asset: a check in an asset's \`checks\` is about that asset, so remove its \`asset\` (or export it beside the asset instead).`,
      );
    return check;
  });
}

/** A definition's `config`: any Standard Schema validator, checked here so a wrong value fails where it is written. */
export function configSchema(config: unknown, where: string): StandardSchemaV1 {
  if (isStandardSchema(config)) return config;
  throw new Error(
    `${where}: \`config\` must be a Standard Schema validator, such as z.object({ days: z.number() }) (zod), v.object({ … }) (valibot) or type({ … }) (arktype).`,
  );
}
