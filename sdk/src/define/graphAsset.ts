import { AsyncLocalStorage } from "node:async_hooks";
import { createTestContext, type AssetContext } from "./context";
import {
  DEFINITION,
  callLabel,
  ioOption,
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

/** The context ops see while their graph asset runs; outside a run (tests), ops get a test context. */
const currentContext = new AsyncLocalStorage<AssetContext>();

type Awaitable<T> = T | Promise<T>;

/** An op: a step inside a graph asset. Its arguments may be other ops' results (promises); they are awaited. */
export type Op<Args extends unknown[], R> = ((
  ...args: { [K in keyof Args]: Awaitable<Args[K]> }
) => Promise<Awaited<R>>) & {
  readonly opName: string;
};

export function op<Args extends unknown[], R>(
  name: string,
  fn: (context: AssetContext, ...args: Args) => R,
): Op<Args, R> {
  const run = async (...args: { [K in keyof Args]: Awaitable<Args[K]> }): Promise<Awaited<R>> => {
    const values = (await Promise.all(args)) as Args;
    const context = currentContext.getStore() ?? createTestContext(name);
    context.log.debug(`op ${name} started`);
    return await fn(context, ...values);
  };
  return Object.assign(run, { opName: name });
}

export interface GraphAssetOptions<P extends PartitionsDefinition | undefined = PartitionsDefinition | undefined>
  extends CommonOptions,
    PartitionOptions<P> {
  deps?: UpstreamRef[];
}

export type GraphAsset<T, P extends PartitionsDefinition | undefined = undefined> = AssetHandle<T, P> &
  ((context?: AssetContext) => Promise<T>);

/** Several ops, one asset: `compose` wires ops by calling them; the asset's value is what it returns. */
export function graphAsset<T>(compose: () => Awaitable<T>): GraphAsset<T>;
export function graphAsset<T, P extends PartitionsDefinition | undefined = undefined>(
  options: GraphAssetOptions<P>,
  compose: () => Awaitable<T>,
): GraphAsset<T, P>;
export function graphAsset<T>(
  optionsOrCompose: GraphAssetOptions | (() => Awaitable<T>),
  maybeCompose?: () => Awaitable<T>,
): GraphAsset<T, PartitionsDefinition | undefined> {
  const options = typeof optionsOrCompose === "function" ? {} : optionsOrCompose;
  const compose = (typeof optionsOrCompose === "function" ? optionsOrCompose : maybeCompose)!;
  const run = async (context: AssetContext): Promise<T> => currentContext.run(context, async () => await compose());
  const where = callLabel("graphAsset", options.key ?? options.name);
  const info: DefinitionInfo = {
    type: "graph-asset",
    assets: [commonAssetInfo(options, where)],
    ...upstreamsOf(undefined, options.deps, where),
    ...partitionInfo(options, where),
    retryPolicy: options.retryPolicy,
    preview: options.preview ?? true,
    ...ioOption(options.io, where),
    execute: (_inputs, context) => run(context),
  };
  const callable = (context?: AssetContext) => run(context ?? createTestContext(info.assets[0]!.key ?? "graph_asset"));
  return Object.assign(callable, { [DEFINITION]: info });
}
