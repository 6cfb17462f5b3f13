/**
 * `assetCheck`: one check about one asset (Dagster's `@asset_check`). Without `asset` it is an inline check, valid
 * only in an asset's `checks: [...]`, which makes it about that asset.
 */
import type { InsMap, InValues } from "../define/asset";
import { callLabel, type AssetHandle, type AssetRef } from "../define/definition";
import type { AssetCheckResult } from "./assetCheckResult";
import { checkHandle, checkRuntime, type CheckFunction } from "./checkHandle";
import { checkSpecOf, severityOf, type CheckOptions } from "./checkSpec";
import type { AssetCheckContext, CheckDefinitionInfo, CheckHandle } from "./definition";
import { resourceKeys, type ResourcesOf, type ResourcesOption } from "../resources/requested";

type Awaitable<T> = T | Promise<T>;
/** What a check function returns: a result, or `true`/`false` for passed/failed with the check's severity. */
export type CheckOutput = Awaitable<AssetCheckResult | boolean>;

export interface AssetCheckOptions<Ins extends InsMap = InsMap> extends CheckOptions {
  /**
   * The values the function receives, by name, instead of its asset's value alone (list the asset too to read it);
   * `AssetIn(asset, { partitionMapping })` maps partitions as in an asset's `ins`.
   */
  ins?: Ins;
  /** The resources the function reads from `ctx.resources`, as an asset's `resources`: `["warehouse"]` or `{ warehouse }`. */
  resources?: ResourcesOption;
}

/** The stored value of the asset a check names (a key string: `unknown`). */
export type CheckedValue<H> = H extends AssetHandle<infer T, infer _P> ? T : unknown;
/** The partitions of the asset a check names, which shape its `ins` as a downstream asset's. */
type CheckedPartitions<H> = H extends AssetHandle<unknown, infer P> ? P : undefined;

/** A check as user code holds it: a function tests call (`uniqueOrders(rows)`), with its definition attached. */
// biome-ignore lint/complexity/noBannedTypes: `{}`: no resources requested.
export type AssetCheck<V, R, Res = {}> = CheckHandle & ((input: V, context?: AssetCheckContext<Res>) => R);

export function assetCheck<
  const Ins extends InsMap,
  R extends CheckOutput,
  H extends AssetRef | undefined = undefined,
  const Q extends ResourcesOption = readonly [],
>(
  options: AssetCheckOptions<Ins> & { asset?: H; ins: Ins; resources?: Q },
  fn: (inputs: InValues<Ins, CheckedPartitions<H>>, context: AssetCheckContext<ResourcesOf<Q>>) => R,
): AssetCheck<InValues<Ins, CheckedPartitions<H>>, R, ResourcesOf<Q>>;
export function assetCheck<H extends AssetRef, R extends CheckOutput, const Q extends ResourcesOption = readonly []>(
  options: CheckOptions & { asset: H; ins?: undefined; resources?: Q },
  fn: (value: CheckedValue<H>, context: AssetCheckContext<ResourcesOf<Q>>) => R,
): AssetCheck<CheckedValue<H>, R, ResourcesOf<Q>>;
/** Inline: the value is its asset's; annotate it (`(rows: Order[]) => …`) to type it. */
export function assetCheck<T, R extends CheckOutput, const Q extends ResourcesOption = readonly []>(
  options: CheckOptions & { asset?: undefined; ins?: undefined; resources?: Q },
  fn: (value: T, context: AssetCheckContext<ResourcesOf<Q>>) => R,
): AssetCheck<T, R, ResourcesOf<Q>>;
export function assetCheck(options: AssetCheckOptions, fn: CheckFunction): CheckHandle {
  const where = callLabel("assetCheck", options?.name);
  const spec = checkSpecOf(options, where);
  if (typeof fn !== "function")
    throw new TypeError(`${where}: the second argument must be the check's function ((value, ctx) => boolean).`);
  return checkHandle(checkDefinition(options, spec, where, fn), fn);
}

/** The definition `assetCheck` and the builtins share: one spec, `ins` checked as an asset's are. */
export function checkDefinition(
  options: AssetCheckOptions,
  spec: CheckDefinitionInfo["specs"][number],
  where: string,
  fn: CheckFunction,
): CheckDefinitionInfo {
  const severity = severityOf(options.severity, where);
  return {
    form: spec.asset === undefined ? "inline" : "assetCheck",
    specs: [spec],
    ...(severity && { severity }),
    ...(options.resources !== undefined && { resources: resourceKeys(options.resources, where) }),
    ...checkRuntime(options.ins, where, fn),
  };
}
