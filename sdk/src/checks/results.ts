/**
 * A check's output as the runner records it: whatever the function returned (a boolean, an AssetCheckResult, an
 * iterable of them) or threw, turned into exactly one result per check the definition declares.
 */
import { normalizeMetadata } from "../define/metadata";
import { splitCheckKey } from "../protocol/checks";
import { isAssetCheckResult, type AssetCheckResult } from "./assetCheckResult";
import type { CheckDefinitionInfo, NormalizedCheckResult } from "./definition";

/**
 * `output`: what `execute` resolved to, or the error it threw (an `Error`), which fails every check with its message.
 * `keys`: the definition's check keys (`asset:name`), in spec order; the results come in that order. Throws when a
 * result names a check the definition does not declare, or two results name one: pass that error back as `output`.
 */
export function checkResults(
  output: unknown,
  info: CheckDefinitionInfo,
  keys: readonly string[],
): NormalizedCheckResult[] {
  const severity = info.severity ?? "error";
  if (output instanceof Error)
    return keys.map((checkKey) => ({
      checkKey,
      passed: false,
      severity: "error",
      description: output.message,
      metadata: {},
    }));
  if (typeof output === "boolean")
    return keys.map((checkKey) => ({ checkKey, passed: output, severity, metadata: {} }));
  const results = isAssetCheckResult(output) ? [output] : iterableOf(output);
  if (!results)
    return keys.map((checkKey) =>
      failure(checkKey, `the check returned ${what(output)}: return an AssetCheckResult or true/false`),
    );
  const byKey = new Map<string, NormalizedCheckResult>();
  for (const result of results) {
    if (!isAssetCheckResult(result)) {
      const problem = `the check yielded ${what(result)}: yield AssetCheckResult({ passed, assetKey, checkName })`;
      return keys.map((checkKey) => failure(checkKey, problem));
    }
    const checkKey = keyOf(result, info, keys);
    if (byKey.has(checkKey))
      throw new Error(`${info.form} returned two results for ${checkKey}: return one per check.`);
    byKey.set(checkKey, {
      checkKey,
      passed: result.passed,
      severity: result.severity ?? severity,
      ...(result.description !== undefined && { description: result.description }),
      metadata: normalizeMetadata(result.metadata),
    });
  }
  return keys.map(
    (checkKey) => byKey.get(checkKey) ?? failure(checkKey, `the check returned no result for ${checkKey}`),
  );
}

function failure(checkKey: string, description: string): NormalizedCheckResult {
  return { checkKey, passed: false, severity: "error", description, metadata: {} };
}

/** The declared key a result is for: the one its `assetKey`/`checkName` match, or the only one. */
function keyOf(result: AssetCheckResult, info: CheckDefinitionInfo, keys: readonly string[]): string {
  const matching = keys.filter((key) => {
    const { asset, name } = splitCheckKey(key);
    return (result.assetKey ?? asset) === asset && (result.checkName ?? name) === name;
  });
  if (matching.length === 1) return matching[0]!;
  const named = [result.assetKey, result.checkName].filter(Boolean).join(":");
  if (matching.length === 0)
    throw new Error(
      `${info.form} returned a result for ${named}, which it does not declare (it declares ${keys.join(", ")}).`,
    );
  throw new Error(
    `${info.form} returned a result${named ? ` for ${named}` : ""} that could be any of ${matching.join(", ")}: give it \`assetKey\` and \`checkName\`.`,
  );
}

function iterableOf(value: unknown): unknown[] | undefined {
  if (typeof value !== "object" || value === null || !(Symbol.iterator in value)) return undefined;
  return [...(value as Iterable<unknown>)];
}

function what(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === "object") return Array.isArray(value) ? "an array" : "an object";
  return `a ${typeof value}`;
}
