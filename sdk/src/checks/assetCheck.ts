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

type Awaitable<T> = T | Promise<T>;
/** What a check function returns: a result, or `true`/`false` for passed/failed with the check's severity. */
export type CheckOutput = Awaitable<AssetCheckResult | boolean>;

export interface AssetCheckOptions<Ins extends InsMap = InsMap> extends CheckOptions {
  /**
   * The values the function receives, by name, instead of its asset's value alone (list the asset too to read it);
   * `AssetIn(asset, { partitionMapping })` maps partitions as in an asset's `ins`.
   */
  ins?: Ins;
}

/** The stored value of the asset a check names (a key string: `unknown`). */
export type CheckedValue<H> = H extends AssetHandle<infer T, infer _P> ? T : unknown;
/** The partitions of the asset a check names, which shape its `ins` as a downstream asset's. */
type CheckedPartitions<H> = H extends AssetHandle<unknown, infer P> ? P : undefined;

/** A check as user code holds it: a function tests call (`uniqueOrders(rows)`), with its definition attached. */
export type AssetCheck<V, R> = CheckHandle & ((input: V, context?: AssetCheckContext) => R);

export function assetCheck<const Ins extends InsMap, R extends CheckOutput, H extends AssetRef | undefined = undefined>(
  options: AssetCheckOptions<Ins> & { asset?: H; ins: Ins },
  fn: (inputs: InValues<Ins, CheckedPartitions<H>>, context: AssetCheckContext) => R,
): AssetCheck<InValues<Ins, CheckedPartitions<H>>, R>;
export function assetCheck<H extends AssetRef, R extends CheckOutput>(
  options: CheckOptions & { asset: H; ins?: undefined },
  fn: (value: CheckedValue<H>, context: AssetCheckContext) => R,
): AssetCheck<CheckedValue<H>, R>;
/** Inline: the value is its asset's; annotate it (`(rows: Order[]) => …`) to type it. */
export function assetCheck<T, R extends CheckOutput>(
  options: CheckOptions & { asset?: undefined; ins?: undefined },
  fn: (value: T, context: AssetCheckContext) => R,
): AssetCheck<T, R>;
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
    ...checkRuntime(options.ins, where, fn),
  };
}
