/** The context a check function receives: built by the runner for a run, by `createCheckContext` in a test. */
import type { AssetLogger } from "../define/context";
import { checkKey } from "../protocol/checks";
import type { AssetCheckContext } from "./definition";

export interface CheckContextOptions {
  /** Default: `"test"`. */
  assetKey?: string;
  /** Default: `"check"`. */
  checkName?: string;
  runId?: string;
  /** The partition whose value is checked; absent: an unpartitioned asset. */
  partitionKey?: string;
  /** The materialization whose value is checked (what `checks.freshness` measures). */
  materialization?: AssetCheckContext["materialization"];
  /** The evaluation time, ms since the epoch. Default: now. */
  now?: number;
  /** Default: the console. */
  log?: AssetLogger;
  signal?: AbortSignal;
}

/** `ctx.partitionKey` throws, naming the check and the fix, where there is none: rather than `undefined` downstream. */
/** `resources`: `ctx.resources`, the run's set-up resources or a test's fakes (default: none). */
// biome-ignore lint/complexity/noBannedTypes: `{}` is "no resources", as in AssetCheckContext.
export function createCheckContext<R extends Record<string, unknown> = {}>(
  options: CheckContextOptions & { resources?: R } = {},
): AssetCheckContext<R> {
  const assetKey = options.assetKey ?? "test";
  const key = checkKey(assetKey, options.checkName ?? "check");
  const { partitionKey } = options;
  const at = (level: string) => (message: string) => console.log(`[${level}] ${key}: ${message}`);
  return {
    resources: options.resources ?? ({} as R),
    checkKey: key,
    assetKey,
    runId: options.runId ?? "test",
    log: options.log ?? { debug: at("debug"), info: at("info"), warning: at("warning"), error: at("error") },
    signal: options.signal ?? new AbortController().signal,
    get partitionKey(): string {
      if (partitionKey !== undefined) return partitionKey;
      throw new Error(
        `check "${key}" reads an unpartitioned asset, so it has no partition key: read ctx.hasPartitionKey first (a test passes createCheckContext({ partitionKey })).`,
      );
    },
    hasPartitionKey: partitionKey !== undefined,
    materialization: options.materialization,
    now: options.now ?? Date.now(),
  };
}
