import { normalizeMetadata, type MetadataInput } from "../define/metadata";
import { MaterializeResult } from "../define/result";
import type { ExecutionStep } from "./plan";

/** One value to store, with what the asset said about it. */
export interface StepOutput {
  key: string;
  value: unknown;
  metadata: ReturnType<typeof normalizeMetadata>;
  dataVersion?: string;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && Symbol.asyncIterator in value;
}

function isIterable(value: unknown): value is Iterable<unknown> {
  return typeof value === "object" && value !== null && Symbol.iterator in value;
}

function fromResult(result: MaterializeResult, key: string): StepOutput {
  return {
    key,
    value: result.value,
    metadata: normalizeMetadata(result.metadata as MetadataInput | undefined),
    ...(result.dataVersion !== undefined && { dataVersion: result.dataVersion }),
  };
}

/**
 * Turns what a definition returned into outputs: a plain value or one `MaterializeResult` for an asset or graph asset;
 * for a multi-asset, the `MaterializeResult`s it yields (sync or async generator) or returns in an array, one per spec.
 */
export async function collectOutputs(
  step: ExecutionStep,
  returned: unknown,
  onOutput: (output: StepOutput) => Promise<void>,
): Promise<void> {
  if (step.definition.type !== "multi-asset") {
    const key = step.assets[0]!;
    const value = await returned;
    if (!MaterializeResult.is(value)) return onOutput({ key, value, metadata: {} });
    if (value.assetKey !== undefined && value.assetKey !== key) {
      throw new Error(
        `asset "${key}" returned a MaterializeResult for "${value.assetKey}": leave out assetKey or set it to "${key}".`,
      );
    }
    return onOutput(fromResult(value, key));
  }
  const seen = new Set<string>();
  const take = async (item: unknown) => {
    if (!MaterializeResult.is(item) || item.assetKey === undefined) {
      throw new Error(
        `multi-asset ${step.id} produced ${MaterializeResult.is(item) ? "a MaterializeResult without assetKey" : "a value that is not a MaterializeResult"}: yield new MaterializeResult({ assetKey, value }) for each of ${step.assets.join(", ")}.`,
      );
    }
    if (!step.assets.includes(item.assetKey)) throw new Error(notPlanned(step, item.assetKey));
    if (seen.has(item.assetKey))
      throw new Error(`multi-asset ${step.id} yielded "${item.assetKey}" twice: yield each spec once.`);
    seen.add(item.assetKey);
    await onOutput(fromResult(item, item.assetKey));
  };
  const output = await returned;
  if (isAsyncIterable(output)) for await (const item of output) await take(item);
  else if (isIterable(output)) for (const item of output) await take(item);
  else
    throw new Error(
      `multi-asset ${step.id} returned ${typeof output}: yield MaterializeResults (function*) or return an array of them.`,
    );
  const missing = step.assets.filter((key) => !seen.has(key));
  if (missing.length > 0) {
    const each = step.definition.canSubset ? "key in ctx.selectedAssetKeys" : "spec";
    throw new Error(
      `multi-asset ${step.id} did not produce ${missing.join(", ")}: yield a MaterializeResult for each ${each}.`,
    );
  }
}

/** Why a yielded key has no place in the step: not a spec at all, or a spec this subset run did not select (Dagster refuses it too). */
function notPlanned(step: ExecutionStep, key: string): string {
  if (!step.definition.assets.some((asset) => asset.key === key)) {
    return `multi-asset ${step.id} yielded "${key}", which is not one of its specs: add AssetSpec("${key}") to its specs or fix the key.`;
  }
  return `multi-asset ${step.id} yielded "${key}", which this run did not select: yield only the keys in ctx.selectedAssetKeys (if (ctx.selectedAssetKeys.has("${key}")) …), or select "${key}" too.`;
}
