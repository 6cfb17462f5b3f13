/** Reading stored values for a step: an asset step's `ins` and a check step's asset and `ins` alike. */
import { NotMaterializedError, type LoadTarget } from "../io/ioManager";
import { upstreamPartitions } from "../partitions";
import type { PartitionMappingData, PartitionsDefinitionData } from "../protocol";
import type { RunEnvironment } from "./environment";
import { valueId } from "./values";

/** Who reads a value, as errors name it: `asset "x"` or `check unique_id on orders`, and the asset it is about. */
export interface Reader {
  label: string;
  asset: string;
}

/** The record a step reads of a value: what this run produced, else the newest one committed before. */
export async function currentValue(env: RunEnvironment, key: string, partition?: string) {
  return env.produced.get(valueId(key, partition)) ?? (await env.committed(key, partition));
}

/**
 * Loads one upstream value (`ins.<name>`) and the data version of the record it came from; the errors say how to get
 * a value that was never materialized or is gone.
 */
export async function loadValue(
  env: RunEnvironment,
  reader: Reader,
  name: string,
  key: string,
  partition?: string,
  target?: Omit<LoadTarget, "name" | "partition">,
): Promise<{ value: unknown; dataVersion: string }> {
  const record = await currentValue(env, key, partition);
  const which = partition === undefined ? `"${key}"` : `partition ${partition} of "${key}"`;
  const again = `assetline materialize ${key}${partition === undefined ? "" : ` --partition ${partition}`}`;
  if (record === undefined) {
    throw new Error(
      `${reader.label} loads ${which} (ins.${name}), which was never materialized: materialize it first (${again}) or include it in the selection (--select "+key:${reader.asset}").`,
    );
  }
  try {
    const value = await env.io.load(key, record.valueRef, {
      name,
      ...(partition !== undefined && { partition }),
      ...target,
    });
    return { value, dataVersion: record.dataVersion };
  } catch (error) {
    if (!(error instanceof NotMaterializedError)) throw error;
    throw new Error(
      `${reader.label} loads ${which} (ins.${name}), whose stored value is gone${error.where ? ` (${error.where})` : ""}: materialize it again (${again}).`,
    );
  }
}

/** The partitions of `key` a reader of `partitions` reads through `mapping`; a partition that does not exist throws. */
export function partitionsRead(
  env: RunEnvironment,
  reader: Reader,
  key: string,
  mapping: PartitionMappingData,
  upstream: PartitionsDefinitionData,
  downstream: PartitionsDefinitionData | undefined,
  partitions: readonly string[] | undefined,
): readonly string[] {
  const read = upstreamPartitions(mapping, upstream, downstream, partitions, env.partitionContext);
  const allowed = mapping.type === "time-window" && mapping.allowNonexistentUpstreamPartitions;
  if (read.missing.length > 0 && !allowed) {
    throw new Error(
      `${reader.label} reads partition ${read.missing[0]} of "${key}", which does not exist: ${mapping.type === "time-window" ? "give its TimeWindowPartitionMapping allowNonexistentUpstreamPartitions: true (the input is then undefined), or " : ""}leave this partition out (--partitions).`,
    );
  }
  return read.keys;
}

/** An input read through a partition mapping: each partition read, loaded in order; a map when the mapping reads many. */
export async function mappedInput(
  read: Iterable<string>,
  many: boolean,
  loadOne: (partition: string) => Promise<unknown>,
): Promise<unknown> {
  const values = new Map<string, unknown>();
  for (const partition of read) values.set(partition, await loadOne(partition));
  return many ? values : values.values().next().value;
}
