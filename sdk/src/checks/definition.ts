/**
 * The run-time shape every check definition carries (`assetCheck`, `multiAssetCheck`, an asset's inline `checks`),
 * behind a brand that works across copies of the SDK, as asset definitions do (define/definition.ts).
 */
import type { AssetLogger } from "../define/context";
import type { AssetRef } from "../define/definition";
import type { CheckSeverity } from "../protocol/checks";
import type { PartitionMappingData } from "../protocol/partitions";
import type { Metadata } from "../protocol/metadata";

export const CHECK = Symbol.for("assetline.check");

/** One check a definition declares; a `multiAssetCheck` declares several, run by one function. */
export interface CheckSpecInfo {
  /**
   * The `name` option or a builtin's own name; else undefined here, and the export name in the repository's copy
   * (`RepositoryCheck.info`, checks/repositoryChecks.ts).
   */
  name: string | undefined;
  /** The asset it is about; undefined for an inline check (the repository's copy holds its asset's key). */
  asset: AssetRef | undefined;
  blocking: boolean;
  description?: string;
}

export interface CheckDefinitionInfo {
  form: "assetCheck" | "multiAssetCheck" | "inline";
  specs: CheckSpecInfo[];
  /**
   * `ins` as written: the function then receives these values by name (its asset's too only if listed). Absent: an
   * `assetCheck` receives its asset's value, a `multiAssetCheck` the values of its specs' assets by key.
   */
  ins?: Record<string, AssetRef>;
  /** Partition mappings written on `ins` (`AssetIn(x, { partitionMapping })`), by name. */
  mappings: Record<string, PartitionMappingData>;
  /** The severity of a failed result that names none (`false`, a builtin's failure); absent: `error`. */
  severity?: CheckSeverity;
  /** The resources `ctx.resources` holds, by key (`assetCheck({ resources })`): the run sets them up as for assets. */
  resources?: string[];
  /**
   * Runs the check: `input` is the value or the values by name, as above. Returns what the user's function returned
   * (an AssetCheckResult, a boolean, or for a multiAssetCheck an array or iterable of AssetCheckResults), awaited.
   * An async iterable is collected into an array. Normalize it with `checkResults` (checks/results.ts).
   */
  execute(input: unknown, context: AssetCheckContext): Promise<unknown>;
}

/** What a check function receives as its context; `R`: the resources it requested, by key. */
// biome-ignore lint/complexity/noBannedTypes: `{}` is "no resources": reading any key of it is a type error.
export interface AssetCheckContext<R = {}> {
  /** The resources the check requested (`assetCheck({ resources: ["warehouse"] }, …)`), set up by the run. */
  readonly resources: Readonly<R>;
  /** `asset:name` of the check (a multiAssetCheck: its first spec's). */
  readonly checkKey: string;
  readonly assetKey: string;
  readonly runId: string;
  readonly log: AssetLogger;
  readonly signal: AbortSignal;
  /** The partition whose value is checked; throws for an unpartitioned asset (see `hasPartitionKey`). */
  readonly partitionKey: string;
  readonly hasPartitionKey: boolean;
  /** The asset's materialization whose value the check reads (the newest); undefined when it has none. */
  readonly materialization: { timestamp: number; dataVersion: string; metadata: Metadata } | undefined;
  /** The check's evaluation time (ms since the epoch): freshness checks measure lag against it. */
  readonly now: number;
}

/** A check definition as user code holds it: spread into an asset's `checks`, listed in `Definitions({ checks })`. */
export interface CheckHandle {
  readonly [CHECK]: CheckDefinitionInfo;
}

export function isCheck(value: unknown): value is CheckHandle {
  return (typeof value === "object" || typeof value === "function") && value !== null && CHECK in value;
}

export function checkInfoOf(handle: CheckHandle): CheckDefinitionInfo {
  return handle[CHECK];
}

/** A check's result once normalized: what `check_evaluated` carries besides where and when. */
export interface NormalizedCheckResult {
  /** `asset:name`; always set (a multiAssetCheck's result names it, a single check's is its own). */
  checkKey: string;
  passed: boolean;
  severity: CheckSeverity;
  description?: string;
  metadata: Metadata;
}
