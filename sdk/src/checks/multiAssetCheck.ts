/**
 * `multiAssetCheck`: several checks run by one function (Dagster's `@multi_asset_check`), which yields one
 * `AssetCheckResult` per spec, each naming its `assetKey` and `checkName` (one spec: it may name neither).
 */
import type { InsMap, InValues } from "../define/asset";
import { callLabel, type AssetRef } from "../define/definition";
import type { AssetCheckResult } from "./assetCheckResult";
import { checkHandle, checkRuntime } from "./checkHandle";
import { checkSpecOf } from "./checkSpec";
import type { AssetCheckContext, CheckHandle } from "./definition";
import { resourceKeys, type ResourcesOf, type ResourcesOption } from "../resources/requested";

/** One check a `multiAssetCheck` declares: its asset and name are required (no export names it). */
export interface AssetCheckSpec {
  asset: AssetRef;
  name: string;
  description?: string;
  blocking?: boolean;
}

export interface MultiAssetCheckOptions<Ins extends InsMap = InsMap> {
  specs: AssetCheckSpec[];
  /** The values the function receives by name; absent: each spec's asset's value, by asset key. */
  ins?: Ins;
  /** The resources the function reads from `ctx.resources`, as an asset's `resources`: `["warehouse"]` or `{ warehouse }`. */
  resources?: ResourcesOption;
}

export type MultiAssetCheckOutput =
  | Iterable<AssetCheckResult>
  | AsyncIterable<AssetCheckResult>
  | Promise<Iterable<AssetCheckResult>>;

// biome-ignore lint/complexity/noBannedTypes: `{}`: no resources requested.
export type MultiAssetCheck<V, Res = {}> = CheckHandle &
  ((input: V, context?: AssetCheckContext<Res>) => MultiAssetCheckOutput);

export function multiAssetCheck<const Ins extends InsMap, const Q extends ResourcesOption = readonly []>(
  options: MultiAssetCheckOptions<Ins> & { ins: Ins; resources?: Q },
  fn: (inputs: InValues<Ins>, context: AssetCheckContext<ResourcesOf<Q>>) => MultiAssetCheckOutput,
): MultiAssetCheck<InValues<Ins>, ResourcesOf<Q>>;
export function multiAssetCheck<const Q extends ResourcesOption = readonly []>(
  options: MultiAssetCheckOptions<never> & { ins?: undefined; resources?: Q },
  fn: (values: Readonly<Record<string, unknown>>, context: AssetCheckContext<ResourcesOf<Q>>) => MultiAssetCheckOutput,
): MultiAssetCheck<Readonly<Record<string, unknown>>, ResourcesOf<Q>>;
export function multiAssetCheck(
  options: MultiAssetCheckOptions,
  fn: (input: never, context: AssetCheckContext<never>) => MultiAssetCheckOutput,
): CheckHandle {
  const specs = options?.specs;
  const where = callLabel("multiAssetCheck", Array.isArray(specs) ? specs[0]?.name : undefined);
  if (!Array.isArray(specs) || specs.length === 0)
    throw new Error(`${where}: \`specs\` must list at least one { asset, name }.`);
  if (typeof fn !== "function")
    throw new TypeError(
      `${where}: the second argument must be the function that yields one AssetCheckResult per spec.`,
    );
  return checkHandle(
    {
      form: "multiAssetCheck",
      specs: specs.map((spec, index) => {
        const at = `${where}: \`specs[${index}]\``;
        if (spec?.asset === undefined || spec.name === undefined)
          throw new Error(
            `${at} must name its \`asset\` and its \`name\`: { asset: orders, name: "positive_totals" }.`,
          );
        return checkSpecOf(spec, at);
      }),
      ...(options.resources !== undefined && { resources: resourceKeys(options.resources, where) }),
      ...checkRuntime(options.ins, where, fn),
    },
    fn,
  );
}
