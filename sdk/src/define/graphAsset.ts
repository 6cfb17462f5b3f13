import { AsyncLocalStorage } from "node:async_hooks";
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
import type { PartitionsDefinition } from "./partitions";
import { configSchema, type DefinitionContext } from "./asset";
import type { ConfigOption } from "../config/configContext";
import type { StandardSchemaV1 } from "../config/standardSchema";
import { resourceKeys, type ResourcesOf, type ResourcesOption } from "../resources/requested";

/** The context ops see while their graph asset runs; outside a run (tests), ops get a test context. */
const currentContext = new AsyncLocalStorage<AssetContext>();

type Awaitable<T> = T | Promise<T>;

/** An op: a step inside a graph asset. Its arguments may be other ops' results (promises); they are awaited. */
export type Op<Args extends unknown[], R> = ((
  ...args: { [K in keyof Args]: Awaitable<Args[K]> }
) => Promise<Awaited<R>>) & {
  readonly opName: string;
};

/**
 * `op(name, fn)`, or `op(name, { resources }, fn)` for an op that reads `ctx.resources` (typed as an asset's are). As
 * in Dagster, the op names what it uses; its graph asset requests them for the step (`graphAsset({ resources })`).
 */
export function op<Args extends unknown[], R>(
  name: string,
  fn: (context: AssetContext, ...args: Args) => R,
): Op<Args, R>;
export function op<Args extends unknown[], R, const Q extends ResourcesOption>(
  name: string,
  options: { resources: Q },
  fn: (context: AssetContext<ResourcesOf<Q>>, ...args: Args) => R,
): Op<Args, R>;
export function op<Args extends unknown[], R>(
  name: string,
  optionsOrFn: { resources: ResourcesOption } | ((context: AssetContext<never>, ...args: Args) => R),
  maybeFn?: (context: AssetContext<never>, ...args: Args) => R,
): Op<Args, R> {
  const fn = typeof optionsOrFn === "function" ? optionsOrFn : maybeFn!;
  const requested =
    typeof optionsOrFn === "function" ? [] : resourceKeys(optionsOrFn.resources, `op(${JSON.stringify(name)})`);
  const run = async (...args: { [K in keyof Args]: Awaitable<Args[K]> }): Promise<Awaited<R>> => {
    const values = (await Promise.all(args)) as Args;
    const graphContext = currentContext.getStore();
    if (graphContext) assertGraphProvides(name, requested, graphContext);
    const context = graphContext ?? createTestContext(name);
    context.log.debug(`op ${name} started`);
    return await fn(context as AssetContext<never>, ...values);
  };
  return Object.assign(run, { opName: name });
}

/** An op reads only what its graph asset requested: the run set up nothing else for the step. */
function assertGraphProvides(op: string, requested: readonly string[], context: AssetContext): void {
  const missing = requested.filter((key) => !(key in context.resources));
  if (missing.length > 0)
    throw new Error(
      `op "${op}" reads ${missing.map((key) => `resource "${key}"`).join(", ")}, which its graph asset "${context.assetKey}" does not request: add ${missing.length === 1 ? "it" : "them"} to graphAsset({ resources }).`,
    );
}

export interface GraphAssetOptions<P extends PartitionsDefinition | undefined = PartitionsDefinition | undefined>
  extends CommonOptions,
    PartitionOptions<P> {
  deps?: UpstreamRef[];
  /** The resources its ops read, set up for the step as an asset's `resources` are; each op names its own too. */
  resources?: ResourcesOption;
}

// biome-ignore lint/complexity/noBannedTypes: `{}`: no resources requested.
export type GraphAsset<T, P extends PartitionsDefinition | undefined = undefined, Res = {}> = AssetHandle<T, P> &
  ((context?: AssetContext<Res>) => Promise<T>);

/**
 * Several ops, one asset: `compose` wires ops by calling them; the asset's value is what it returns. `compose` gets
 * the step's context, for its `config` (`ctx.config`) and resources.
 */
export function graphAsset<T>(compose: () => Awaitable<T>): GraphAsset<T>;
export function graphAsset<
  T,
  P extends PartitionsDefinition | undefined = undefined,
  const Q extends ResourcesOption = readonly [],
  C extends StandardSchemaV1 | undefined = undefined,
>(
  options: GraphAssetOptions<P> & ConfigOption<C> & { resources?: Q },
  compose: (context: DefinitionContext<Q, C>) => Awaitable<T>,
): GraphAsset<T, P, ResourcesOf<Q>>;
export function graphAsset<T>(
  optionsOrCompose: (GraphAssetOptions & ConfigOption<StandardSchemaV1 | undefined>) | (() => Awaitable<T>),
  maybeCompose?: (context: AssetContext<never>) => Awaitable<T>,
): GraphAsset<T, PartitionsDefinition | undefined, never> {
  const options = typeof optionsOrCompose === "function" ? {} : optionsOrCompose;
  const compose = (typeof optionsOrCompose === "function" ? optionsOrCompose : maybeCompose)!;
  const run = async (context: AssetContext): Promise<T> =>
    currentContext.run(context, async () => await compose(context as AssetContext<never>));
  const where = callLabel("graphAsset", options.key ?? options.name);
  const info: DefinitionInfo = {
    type: "graph-asset",
    assets: [commonAssetInfo(options, where)],
    ...upstreamsOf(undefined, options.deps, where),
    ...(options.resources !== undefined && { resources: resourceKeys(options.resources, where) }),
    ...(options.config !== undefined && { config: configSchema(options.config, where) }),
    ...partitionInfo(options, where),
    retryPolicy: options.retryPolicy,
    preview: options.preview ?? true,
    ...ioOption(options.io, where),
    ...poolOption(options.pool, where),
    execute: (_inputs, context) => run(context),
  };
  const callable = (context?: AssetContext) => run(context ?? createTestContext(info.assets[0]!.key ?? "graph_asset"));
  return Object.assign(callable, { [DEFINITION]: info });
}
