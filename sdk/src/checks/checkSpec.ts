/**
 * The options every check form shares (`assetCheck`, the builtins, a `multiAssetCheck`'s specs), checked when the
 * check is defined so a mistake fails on its own line with the fix, not later in a run.
 */
import { isDefinition, type AssetRef } from "../define/definition";
import { KEY_PART, keyProblem } from "../define/keys";
import type { CheckSeverity } from "../protocol/checks";
import type { CheckSpecInfo } from "./definition";

export interface CheckOptions {
  /** The asset the check is about: its handle or key. Leave it out only in an asset's own `checks: [...]`. */
  asset?: AssetRef;
  /** Default: a builtin's own name (`unique_order_id`), else the exported binding's name. */
  name?: string;
  description?: string;
  /** A failed evaluation with severity `error` skips the asset's downstream in the same run (Dagster's `blocking`). */
  blocking?: boolean;
  /** The severity of a failure whose result names none (`false`, a builtin's failure). Default: `error`. */
  severity?: CheckSeverity;
}

/** Why `name` cannot name a check (the part of a key after `asset:`), or undefined when it can. */
export function checkNameProblem(name: string): string | undefined {
  if (KEY_PART.test(name)) return undefined;
  return `the check name ${JSON.stringify(name)} may hold only letters, digits, "_" and "-"`;
}

/** The spec `options` declare, checked; `where` names the check in errors (`assetCheck("unique_ids")`). */
export function checkSpecOf(options: Omit<CheckOptions, "severity">, where: string, ownName?: string): CheckSpecInfo {
  if (typeof options !== "object" || options === null)
    throw new TypeError(`${where}: the first argument must be the check's options ({ asset, name, blocking }).`);
  const { asset, description, blocking } = options;
  const name = options.name ?? ownName;
  if (name !== undefined) {
    const problem = typeof name === "string" ? checkNameProblem(name) : "the check name must be a string";
    if (problem) throw new Error(`${where}: ${problem}: give it a \`name\` option such as "positive_totals".`);
  }
  if (asset !== undefined && !isDefinition(asset) && typeof asset !== "string")
    throw new Error(`${where}: \`asset\` must be an asset or an asset key string (got ${typeof asset}).`);
  if (typeof asset === "string" && keyProblem(asset)) throw new Error(`${where}: \`asset\`: ${keyProblem(asset)}.`);
  if (blocking !== undefined && typeof blocking !== "boolean")
    throw new Error(`${where}: \`blocking\` must be true or false (got ${JSON.stringify(blocking)}).`);
  if (description !== undefined && typeof description !== "string")
    throw new Error(`${where}: \`description\` must be a string.`);
  return { name, asset, blocking: blocking ?? false, ...(description !== undefined && { description }) };
}

/** `severity` checked: `"warn"`, `"error"` or absent. */
export function severityOf(severity: unknown, where: string): CheckSeverity | undefined {
  if (severity === undefined || severity === "warn" || severity === "error") return severity;
  throw new Error(`${where}: \`severity\` must be "warn" or "error" (got ${JSON.stringify(severity)}).`);
}
