import { normalizeMetadata, type MetadataInput } from "../define/metadata";
import { MaterializeResult } from "../define/result";
import type { AssetStep } from "./plan";
import { valueId } from "./values";

/** One value to store, with what the asset said about it. */
export interface StepOutput {
  key: string;
  /** The partition it is of; absent for an unpartitioned asset. */
  partition?: string;
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

/** A generator's object (sync or async), as opposed to a value that merely is iterable (an array, a Set, a string). */
function isGenerator(value: unknown): value is Iterable<unknown> | AsyncIterable<unknown> {
  return (isIterable(value) || isAsyncIterable(value)) && typeof (value as { next?: unknown }).next === "function";
}

function fromResult(result: MaterializeResult, key: string, partition: string | undefined): StepOutput {
  return {
    key,
    ...(partition !== undefined && { partition }),
    value: result.value,
    metadata: normalizeMetadata(result.metadata as MetadataInput | undefined),
    ...(result.dataVersion !== undefined && { dataVersion: result.dataVersion }),
  };
}

/** Each yielded or returned item of a generator or array, awaited in order. */
async function eachItem(output: unknown, take: (item: unknown) => Promise<void>): Promise<void> {
  if (isAsyncIterable(output)) for await (const item of output) await take(item);
  else for (const item of output as Iterable<unknown>) await take(item);
}

/**
 * Checks that every (asset, partition) the step plans is produced exactly once: `done` records them, `finish` names
 * the missing ones.
 */
function outputLedger(step: AssetStep) {
  const partitions = step.partitions ?? [undefined];
  const seen = new Set<string>();
  const id = (key: string, partition: string | undefined) => `${key}\u0000${partition ?? ""}`;
  return {
    add(key: string, partition: string | undefined, what: string) {
      if (seen.has(id(key, partition)))
        throw new Error(
          `${what} ${step.id} yielded "${valueId(key, partition)}" twice: yield each ${partition === undefined ? "spec" : "partition"} once.`,
        );
      seen.add(id(key, partition));
    },
    missing(): string[] {
      return step.assets.flatMap((key) =>
        partitions.filter((partition) => !seen.has(id(key, partition))).map((partition) => valueId(key, partition)),
      );
    },
  };
}

/**
 * The partition a result names, checked against the step's: a result without `partitionKey` is for every partition
 * of the step (one value stored for each, in a `single-run` range).
 */
function partitionsOfResult(step: AssetStep, result: MaterializeResult, what: string): (string | undefined)[] {
  const planned = step.partitions;
  if (result.partitionKey === undefined) return planned ?? [undefined];
  if (!planned)
    throw new Error(
      `${what} ${step.id} is not partitioned but returned a MaterializeResult for partition "${result.partitionKey}": leave out partitionKey.`,
    );
  if (!planned.includes(result.partitionKey))
    throw new Error(
      `${what} ${step.id} returned a MaterializeResult for partition "${result.partitionKey}", which this step does not materialize: use a key of ctx.partitionKeys (${planned.length === 1 ? planned[0] : `${planned[0]}...${planned.at(-1)}`}).`,
    );
  return [result.partitionKey];
}

/**
 * A `single-run` asset's result keyed by partition: a `Map`, or a plain object whose keys are exactly the range's
 * partitions. Anything else is one value for the whole range.
 */
function byPartition(value: unknown, partitions: readonly string[]): [string, unknown][] | undefined {
  if (value instanceof Map) return [...value.entries()].map(([key, item]) => [String(key), item]);
  if (typeof value !== "object" || value === null) return undefined;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return undefined;
  const keys = Object.keys(value);
  const wanted = new Set(partitions);
  if (keys.length !== wanted.size || !keys.every((key) => wanted.has(key))) return undefined;
  return Object.entries(value);
}

/**
 * Turns what a definition returned into outputs: a plain value or one `MaterializeResult` for an asset or graph asset;
 * for a multi-asset, the `MaterializeResult`s it yields (sync or async generator) or returns in an array, one per spec.
 * A partitioned step stores one output per partition. In a `single-run` range the function may return a `Map` (or a
 * plain object) from each partition of `ctx.partitionKeys` to its value, or yield `MaterializeResult({ partitionKey,
 * value })` for each; any other value is stored for every partition of the range.
 */
export async function collectOutputs(
  step: AssetStep,
  returned: unknown,
  onOutput: (output: StepOutput) => Promise<void>,
): Promise<void> {
  const ledger = outputLedger(step);
  const emit = async (output: StepOutput, what: string) => {
    ledger.add(output.key, output.partition, what);
    await onOutput(output);
  };
  if (step.definition.type !== "multi-asset") await collectSingle(step, await returned, emit);
  else await collectMulti(step, await returned, emit);
  const missing = ledger.missing();
  if (missing.length === 0) return;
  if (step.definition.type === "multi-asset") {
    const each = step.definition.canSubset ? "key in ctx.selectedAssetKeys" : "spec";
    throw new Error(
      `multi-asset ${step.id} did not produce ${missing.join(", ")}: yield a MaterializeResult for each ${each}${step.partitions && step.partitions.length > 1 ? " (and partition, or one without partitionKey for all of them)" : ""}.`,
    );
  }
  throw new Error(
    `asset ${step.id} did not produce ${missing.join(", ")}: return a value for every partition of ctx.partitionKeys (a Map keyed by partition), or one value for all of them.`,
  );
}

async function collectSingle(
  step: AssetStep,
  value: unknown,
  emit: (output: StepOutput, what: string) => Promise<void>,
): Promise<void> {
  const key = step.assets[0]!;
  const range = step.partitions && step.definition.backfillPolicy === "single-run" ? step.partitions : undefined;
  if (range && isGenerator(value)) {
    await eachItem(value, async (item) => {
      if (!MaterializeResult.is(item) || item.partitionKey === undefined)
        throw new Error(
          `asset ${step.id} yielded ${MaterializeResult.is(item) ? "a MaterializeResult without partitionKey" : "a value that is not a MaterializeResult"}: yield new MaterializeResult({ partitionKey, value }) for each of ctx.partitionKeys.`,
        );
      await takeResult(step, item, key, "asset", emit);
    });
    return;
  }
  const keyed = range && byPartition(value, range);
  if (keyed) {
    for (const [partition, item] of keyed) {
      if (!range.includes(partition))
        throw new Error(
          `asset ${step.id} returned a value for partition "${partition}", which this step does not materialize: key the Map by ctx.partitionKeys.`,
        );
      await emit(
        MaterializeResult.is(item) ? fromResult(item, key, partition) : { key, partition, value: item, metadata: {} },
        "asset",
      );
    }
    return;
  }
  if (MaterializeResult.is(value)) {
    if (value.assetKey !== undefined && value.assetKey !== key) {
      throw new Error(
        `asset "${key}" returned a MaterializeResult for "${value.assetKey}": leave out assetKey or set it to "${key}".`,
      );
    }
    await takeResult(step, value, key, "asset", emit);
    return;
  }
  for (const partition of step.partitions ?? [undefined])
    await emit({ key, ...(partition !== undefined && { partition }), value, metadata: {} }, "asset");
}

/** Stores a result for its partition, or for each of the step's partitions when it names none. */
async function takeResult(
  step: AssetStep,
  result: MaterializeResult,
  key: string,
  what: string,
  emit: (output: StepOutput, what: string) => Promise<void>,
): Promise<void> {
  for (const partition of partitionsOfResult(step, result, what)) await emit(fromResult(result, key, partition), what);
}

async function collectMulti(
  step: AssetStep,
  output: unknown,
  emit: (output: StepOutput, what: string) => Promise<void>,
): Promise<void> {
  if (!isIterable(output) && !isAsyncIterable(output))
    throw new Error(
      `multi-asset ${step.id} returned ${typeof output}: yield MaterializeResults (function*) or return an array of them.`,
    );
  await eachItem(output, async (item) => {
    if (!MaterializeResult.is(item) || item.assetKey === undefined) {
      throw new Error(
        `multi-asset ${step.id} produced ${MaterializeResult.is(item) ? "a MaterializeResult without assetKey" : "a value that is not a MaterializeResult"}: yield new MaterializeResult({ assetKey, value }) for each of ${step.assets.join(", ")}.`,
      );
    }
    if (!step.assets.includes(item.assetKey)) throw new Error(notPlanned(step, item.assetKey));
    await takeResult(step, item, item.assetKey, "multi-asset", emit);
  });
}

/** Why a yielded key has no place in the step: not a spec at all, or a spec this subset run did not select (Dagster refuses it too). */
function notPlanned(step: AssetStep, key: string): string {
  if (!step.definition.assets.some((asset) => asset.key === key)) {
    return `multi-asset ${step.id} yielded "${key}", which is not one of its specs: add AssetSpec("${key}") to its specs or fix the key.`;
  }
  return `multi-asset ${step.id} yielded "${key}", which this run did not select: yield only the keys in ctx.selectedAssetKeys (if (ctx.selectedAssetKeys.has("${key}")) …), or select "${key}" too.`;
}
