/** Dagster's AssetCheckResult: what a check function returns (or, in a `multiAssetCheck`, yields per check). */
import type { MetadataInput } from "../define/metadata";
import type { CheckSeverity } from "../protocol/checks";
import { severityOf } from "./checkSpec";

export interface AssetCheckResultInit {
  passed: boolean;
  /** How bad a failure is: `error` (default) fails a blocking check's step, `warn` never does. */
  severity?: CheckSeverity;
  metadata?: MetadataInput;
  description?: string;
  /** Which check the result is for, in a `multiAssetCheck` (the asset and the name of one of its specs). */
  assetKey?: string;
  checkName?: string;
}

const RESULT_BRAND = Symbol.for("assetline.AssetCheckResult");

export interface AssetCheckResult extends Readonly<AssetCheckResultInit> {
  readonly [RESULT_BRAND]: true;
}

/** `AssetCheckResult({ passed: rows.length > 0, metadata: { rows: rows.length } })`. */
export function AssetCheckResult(init: AssetCheckResultInit): AssetCheckResult {
  if (typeof init?.passed !== "boolean")
    throw new TypeError(
      `AssetCheckResult: \`passed\` must be true or false (got ${JSON.stringify(init?.passed)}): write AssetCheckResult({ passed: rows.length > 0 }).`,
    );
  severityOf(init.severity, "AssetCheckResult");
  return Object.freeze({ ...init, [RESULT_BRAND]: true as const });
}

/** True for results from any copy of the SDK (a workspace and the runner may load different copies). */
export function isAssetCheckResult(value: unknown): value is AssetCheckResult {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[RESULT_BRAND] === true;
}
