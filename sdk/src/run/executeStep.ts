import { createContext, type StepPartitions } from "../define/context";
import { refKey, upstreamEdges, type UpstreamEdge } from "../define/definition";
import type { SavedValue } from "../io/ioManager";
import { StepSession } from "../warehouse/stepWarehouse";
import { defaultMapping, mappingCardinality, timeWindowOf, upstreamPartitions } from "../partitions";
import type { Metadata, PartitionMappingData, PartitionsDefinitionData } from "../protocol";
import { automaticMetadata } from "./autoMetadata";
import { configKey } from "../config/validateRunConfig";
import { CancelledError } from "./cancellation";
import { collectOutputs } from "./collectOutputs";
import type { RunEnvironment } from "./environment";
import { currentValue, loadValue, mappedInput, partitionsRead } from "./loadValue";
import type { AssetStep } from "./plan";
import { valueId } from "./values";

/** A partitioned upstream edge as this step reads it. */
interface PartitionedUpstream {
  key: string;
  mapping: PartitionMappingData;
  definition: PartitionsDefinitionData;
}

/** What a step consumed, and which of it each of its partitions consumed (a `single-run` range records per partition). */
interface Consumed {
  /** Data versions by `valueId`: every upstream value the step read or depends on. */
  versions: Record<string, string>;
  /** The versions one partition's record lists: its own mapped upstream partitions, and the unpartitioned upstreams. */
  of(partition: string | undefined): Record<string, string>;
}

/** "asset "x"" or "asset "x" partition 2026-03-01": how errors name the step's side of an edge. */
function stepLabel(step: AssetStep): string {
  const { partitions } = step;
  const range = partitions && (partitions.length === 1 ? partitions[0] : `${partitions[0]}...${partitions.at(-1)}`);
  return `asset "${step.assets[0]}"${range === undefined ? "" : ` (partition ${range})`}`;
}

/**
 * Loads the step's `ins` and says which data version of each upstream (ins and deps) it consumed: exactly the record
 * whose value it loaded, even if another run records a newer one meanwhile. A partitioned upstream is read through
 * the edge's mapping: one value (`T`) for a one-to-one mapping, a `ReadonlyMap` partition → value for a many mapping,
 * and always a map in a `single-run` step (the function gets a range, whatever the mapping). Its consumed versions are
 * recorded per partition as `key[partition]`.
 */
async function loadInputs(
  step: AssetStep,
  env: RunEnvironment,
  warehouse: StepSession | undefined,
): Promise<{ inputs: Record<string, unknown>; consumed: Consumed }> {
  const info = step.definition;
  const downstream = info.partitionsDef;
  const reader = { label: stepLabel(step), asset: step.assets[0]! };
  const current = (key: string, partition?: string) => currentValue(env, key, partition);
  const load = (edge: UpstreamEdge, key: string, partition?: string) =>
    loadValue(env, reader, edge.name!, key, partition, {
      ...(edge.as && { as: edge.as }),
      ...(warehouse && { warehouse }),
    });
  const inputs: Record<string, unknown> = {};
  const versions: Record<string, string> = {};
  const plain: Record<string, string> = {};
  const partitioned: PartitionedUpstream[] = [];
  for (const edge of upstreamEdges(info)) {
    const key = refKey(edge.ref);
    const upstream = env.partitionsOf(key);
    if (!upstream) {
      if (edge.kind === "data") {
        const { value, dataVersion } = await load(edge, key);
        inputs[edge.name!] = value;
        versions[key] = dataVersion;
      } else {
        const version = versions[key] ?? (await current(key))?.dataVersion;
        if (version !== undefined) versions[key] = version;
      }
      if (versions[key] !== undefined) plain[key] = versions[key];
      continue;
    }
    const mapping = edge.mapping ?? defaultMapping(upstream, downstream);
    partitioned.push({ key, mapping, definition: upstream });
    const read = partitionsRead(env, reader, key, mapping, upstream, downstream, step.partitions);
    if (edge.kind === "order") {
      for (const partition of read) {
        const version = (await current(key, partition))?.dataVersion;
        if (version !== undefined) versions[valueId(key, partition)] = version;
      }
      continue;
    }
    const many = info.backfillPolicy === "single-run" || mappingCardinality(mapping, upstream, downstream) === "many";
    inputs[edge.name!] = await mappedInput(read, many, async (partition) => {
      const { value, dataVersion } = await load(edge, key, partition);
      versions[valueId(key, partition)] = dataVersion;
      return value;
    });
  }
  const single = (step.partitions?.length ?? 0) <= 1;
  return {
    inputs,
    consumed: {
      versions,
      of: (partition) => {
        if (single || partition === undefined) return versions;
        const own: Record<string, string> = { ...plain };
        for (const { key, mapping, definition } of partitioned)
          for (const read of upstreamPartitions(mapping, definition, downstream, [partition], env.partitionContext)
            .keys) {
            const id = valueId(key, read);
            if (versions[id] !== undefined) own[id] = versions[id];
          }
        return own;
      },
    },
  };
}

/**
 * The context's view of the step's partitions: the time window spans the first key's start to the last key's end,
 * computed when the asset reads it (calendar arithmetic costs more than many a no-op step).
 */
function stepPartitions(step: AssetStep): StepPartitions | undefined {
  const definition = step.definition.partitionsDef;
  const keys = step.partitions;
  if (!definition || !keys || keys.length === 0) return undefined;
  if (definition.type !== "time-window") return { type: definition.type, keys };
  return {
    type: definition.type,
    keys,
    get timeWindow() {
      return { start: timeWindowOf(definition, keys[0]!).start, end: timeWindowOf(definition, keys.at(-1)!).end };
    },
  };
}

/**
 * One attempt of one step: load inputs, run the definition, store each output with its metadata. Throws on failure.
 * Resolves with the attempt's duration, from loading its inputs until its last value was stored: the one duration
 * every view shows (each materialization records it up to its own value, `step_succeeded` carries the last).
 * A partitioned step records one materialization per partition.
 */
export async function executeStep(
  step: AssetStep,
  attempt: number,
  env: RunEnvironment,
  signal: AbortSignal,
): Promise<number> {
  const info = step.definition;
  if (!info.execute) throw new Error(`asset "${step.id}" cannot be materialized: it has no function.`);
  const started = performance.now();
  // The step's own warehouse connection, opened only when an input, `ctx.duckdb` or a table value needs it.
  const warehouse = env.warehouse && new StepSession(env.warehouse, step.assets[0]!);
  try {
    return await runStep(step, attempt, env, signal, warehouse, started);
  } finally {
    await warehouse?.close();
  }
}

async function runStep(
  step: AssetStep,
  attempt: number,
  env: RunEnvironment,
  signal: AbortSignal,
  warehouse: StepSession | undefined,
  started: number,
): Promise<number> {
  const info = step.definition;
  const execute = info.execute!;
  let durationMs = 0;
  const resources = await env.resources.acquire(info.resources ?? [], stepLabel(step));
  const { inputs, consumed } = await loadInputs(step, env, warehouse);
  const added = new Map<string, Metadata>();
  const partitions = stepPartitions(step);
  const context = createContext({
    assetKey: step.assets[0]!,
    selectedAssetKeys: step.assets,
    runId: env.runId,
    attempt,
    signal,
    ...(partitions && { partitions }),
    resources,
    ...(info.config && { config: env.config?.[configKey(step.assets[0]!, info)] }),
    ...(warehouse && { duckdb: warehouse }),
    sink: {
      log: (level, message) =>
        env.emit({ type: "log", runId: env.runId, stepId: step.id, level, message, timestamp: Date.now() }),
      metadata: (key, metadata) => added.set(key, { ...added.get(key), ...metadata }),
    },
  });
  if (attempt === 0 && step.unselected.length > 0) {
    context.log.info(
      `multi-asset ${step.id} runs whole, so it also materializes ${step.unselected.join(", ")}, which the selection left out: give it \`canSubset: true\` and yield only ctx.selectedAssetKeys to run just the selected members.`,
    );
  }
  // A single-run step that stores one JSON value for every partition of its range serializes it once per key; a
  // table is stored per partition, since each partition's view lists it.
  const saved = new Map<string, Map<unknown, SavedValue>>();
  const save = async (key: string, value: unknown, partition: string | undefined) => {
    const io = info.io ?? env.defaultIo;
    const group = info.assets.find((asset) => asset.key === key)?.group;
    const target = {
      io,
      ...(group && { group }),
      ...(partition !== undefined && { partition }),
      ...(warehouse && { warehouse }),
    };
    if (io !== "json") return env.io.save(key, value, target);
    const byValue = saved.get(key) ?? saved.set(key, new Map()).get(key)!;
    let result = byValue.get(value);
    if (!result) byValue.set(value, (result = await env.io.save(key, value, target)));
    return result;
  };
  const returned = execute(inputs, context);
  await collectOutputs(step, returned, async (output) => {
    // A step that ignored its signal and finished after the run was cancelled must not store anything.
    if (signal.aborted) throw new CancelledError();
    const stored = await save(output.key, output.value, output.partition);
    const dataVersion = output.dataVersion ?? stored.dataVersion;
    durationMs = performance.now() - started;
    const previousRowCount =
      stored.table && (await env.recorded(output.key, output.partition))?.metadata.row_count?.value;
    const metadata = {
      ...automaticMetadata(output.value, {
        durationMs,
        bytes: stored.bytes,
        preview: info.preview,
        ...(stored.table && { table: stored.table, previousRowCount }),
      }),
      ...added.get(output.key),
      ...output.metadata,
    };
    const timestamp = Date.now();
    env.produced.set(valueId(output.key, output.partition), {
      dataVersion,
      ...(stored.ref !== undefined && { valueRef: stored.ref }),
      timestamp,
      metadata,
    });
    env.emit({
      type: "materialization",
      runId: env.runId,
      stepId: step.id,
      timestamp,
      materialization: {
        key: output.key,
        ...(output.partition !== undefined && { partition: output.partition }),
        runId: env.runId,
        timestamp,
        durationMs,
        metadata,
        codeVersion: env.codeVersion(output.key),
        dataVersion,
        upstreamDataVersions: consumed.of(output.partition),
        ...(stored.ref !== undefined && { valueRef: stored.ref }),
      },
    });
  });
  return durationMs;
}
