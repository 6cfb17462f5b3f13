import { createTestContext, type AssetContext } from "./context";
import {
  DEFINITION,
  commonAssetInfo,
  type AssetHandle,
  type AssetRef,
  type CommonOptions,
  type DefinitionInfo,
} from "./definition";
import type { StoredValue } from "./result";

/** Upstream values by name: a handle brings its value's type, a key string brings `unknown`. */
export type InsMap = Record<string, AssetRef>;
export type InValues<Ins extends InsMap> = { [K in keyof Ins]: Ins[K] extends AssetHandle<infer T> ? T : unknown };

export interface AssetOptions<Ins extends InsMap = InsMap> extends CommonOptions {
  /** Upstream assets whose values this asset loads, by parameter name. */
  ins?: Ins;
  /** Upstream assets this asset only runs after (no value is loaded). */
  deps?: AssetRef[];
}

/**
 * An asset stays a plain function: tests call it with fake inputs (and, optionally, a context).
 * Downstream assets name it in `ins` or `deps`.
 */
export type AssetWithIns<Ins extends InsMap, R> = AssetHandle<StoredValue<R>> &
  ((inputs: InValues<Ins>, context?: AssetContext) => R);
export type AssetWithoutIns<R> = AssetHandle<StoredValue<R>> & ((context?: AssetContext) => R);

export function asset<const Ins extends InsMap, R>(
  options: AssetOptions<Ins> & { ins: Ins },
  fn: (inputs: InValues<Ins>, context: AssetContext) => R,
): AssetWithIns<Ins, R>;
export function asset<R>(
  options: AssetOptions<never> & { ins?: undefined },
  fn: (context: AssetContext) => R,
): AssetWithoutIns<R>;
export function asset<R>(fn: (context: AssetContext) => R): AssetWithoutIns<R>;
export function asset(
  optionsOrFn: AssetOptions | ((context: AssetContext) => unknown),
  maybeFn?: (...args: never[]) => unknown,
): unknown {
  const options: AssetOptions = typeof optionsOrFn === "function" ? {} : optionsOrFn;
  const fn = (typeof optionsOrFn === "function" ? optionsOrFn : maybeFn) as (...args: unknown[]) => unknown;
  if (typeof fn !== "function")
    throw new TypeError("asset(options, fn): the second argument must be the asset's function.");
  const hasIns = options.ins !== undefined;
  const info: DefinitionInfo = {
    type: "asset",
    assets: [commonAssetInfo(options)],
    ins: options.ins ?? {},
    deps: options.deps ?? [],
    retryPolicy: options.retryPolicy,
    preview: options.preview ?? true,
    execute: (inputs, context) => (hasIns ? fn(inputs, context) : fn(context)),
  };
  const callable = (...args: unknown[]) => {
    if (hasIns) return fn(args[0] ?? {}, args[1] ?? createTestContext(info.assets[0]!.key));
    return fn(args[0] ?? createTestContext(info.assets[0]!.key));
  };
  return Object.assign(callable, { [DEFINITION]: info });
}
