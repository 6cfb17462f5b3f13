/** What `assetline.runChecks` was asked to run: lenses pass `{ assets }` or `{ checks }`, the palette nothing. */
import { type FileBranch, checksOfAssets } from "./checkTree";

export interface RunChecksArg {
  /** Asset keys: all their checks. */
  assets?: string[];
  /** Check keys (`asset:name`). */
  checks?: string[];
}

const isKeys = (value: unknown): value is string[] | undefined =>
  value === undefined || (Array.isArray(value) && value.every((key) => typeof key === "string"));

export function isRunChecksArg(arg: unknown): arg is RunChecksArg {
  if (typeof arg !== "object" || arg === null) return false;
  const { assets, checks } = arg as Record<string, unknown>;
  return (assets !== undefined || checks !== undefined) && isKeys(assets) && isKeys(checks);
}

/** The check keys the argument names, each once, in the order given. */
export function requestedChecks({ assets = [], checks = [] }: RunChecksArg, tree: readonly FileBranch[]): string[] {
  return [...new Set([...checks, ...checksOfAssets(tree, assets)])];
}
