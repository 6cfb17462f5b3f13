/**
 * `materialize()` for tests: the same executor as the CLI, in this process, with values kept in memory and no store.
 * Part of the light API, so it must not import better-sqlite3, esbuild or typescript.
 */
import { randomUUID } from "node:crypto";
import { infoOf, isDefinition } from "../define/definition";
import { Definitions } from "../define/definitions";
import { buildRepository } from "../define/repository";
import type { CommittedValue } from "../io/ioManager";
import { MemoryIOManager } from "../io/memoryIOManager";
import { inMemoryRunWarehouse } from "../warehouse/inMemoryWarehouse";
import type { CheckEvaluation, LogLevel, Metadata, RunEvent, StepError } from "../protocol";
import type { PartitionContext } from "../partitions";
import { formatSelectionInput, type AssetSelection } from "../selection";
import { choosePartitions, partitionsFlag, type PartitionRequest } from "./choosePartitions";
import { runPlan, type RunResult } from "./executor";
import { asRunConfig, validateRunConfig, type RunConfig } from "../config/validateRunConfig";
import { planSteps } from "./plan";
import { runResources } from "./runResources";
import { valueId } from "./values";
import { keysSelection, resolveKeys, resolveSelection } from "./resolveSelection";

/** A module's exports (`import * as pipeline from "./pipeline"`), a `Definitions`, or asset handles that have keys. */
export type MaterializeInput = Definitions | Record<string, unknown> | readonly unknown[];

export interface MaterializeOptions {
  /** Selection syntax, an `AssetSelection`, or exact keys; default: every asset. */
  selection?: string | AssetSelection | string[];
  /** Values of upstream assets outside the selection, by key; a partitioned upstream's by `key[partition]`. */
  inputs?: Record<string, unknown>;
  /** One partition of each selected partitioned asset (as `--partition`). */
  partition?: string;
  /**
   * Partitions as `--partitions` takes them: a key, a range `2026-03-01...2026-03-31`, a comma-separated list, or
   * exact keys as an array. Absent (and no `partition`): every partition. Assets with another definition get the
   * partitions the mappings connect to these (see `choosePartitions`).
   */
  partitions?: string | readonly string[];
  /** The keys of each `DynamicPartitionsDefinition`, by its name (there is no store to add them to). */
  dynamicPartitions?: Record<string, readonly string[]>;
  concurrency?: number;
  signal?: AbortSignal;
  /**
   * Resources by key, over the Definitions' own: fakes (plain values, used as they are) or `defineResource(...)`s.
   * `EnvVar`s in their config read `process.env`.
   */
  resources?: Record<string, unknown>;
  /** Run config by asset key (as `--config`), validated with each selected asset's `config` schema before any step runs. */
  config?: RunConfig;
}

export interface MaterializeOutcome extends RunResult {
  success: boolean;
  /** Stored values by key, a partitioned asset's by `key[partition]`. */
  values: Record<string, unknown>;
  /** By key, as `values`. */
  metadata: Record<string, Metadata>;
  /** Log lines by step id (an asset's key; a multi-asset's planned keys joined by ","; `key[partition]`). */
  logs: Record<string, { level: LogLevel; message: string }[]>;
  errors: Record<string, StepError>;
  /** Each check's evaluation by its key (`orders:unique_order_id`), a partition's by `key[partition]`. */
  checks: Record<string, CheckEvaluation>;
  events: RunEvent[];
}

function toModules(input: MaterializeInput): Record<string, unknown>[] {
  if (Definitions.is(input)) return [{ default: input }];
  if (!Array.isArray(input)) return [input as Record<string, unknown>];
  const handles: Record<string, unknown> = {};
  const modules: Record<string, unknown>[] = [handles];
  for (const item of input as unknown[]) {
    if (!isDefinition(item)) {
      modules.push(item as Record<string, unknown>);
      continue;
    }
    const name = infoOf(item).assets[0]?.key;
    if (name === undefined) {
      throw new Error(
        "materialize(): an asset has no key yet; pass its module (import * as m) so keys come from export names, or give it a `key` option.",
      );
    }
    handles[name] = item;
  }
  return modules;
}

export async function materialize(
  input: MaterializeInput,
  options: MaterializeOptions = {},
): Promise<MaterializeOutcome> {
  const repository = buildRepository(toModules(input));
  const { selection } = options;
  const selected =
    selection === undefined
      ? new Set(repository.byKey.keys())
      : Array.isArray(selection)
        ? resolveKeys(selection, repository.byKey.keys())
        : resolveSelection(selection, repository.graph);
  const config = await validateRunConfig(
    asRunConfig(options.config ?? {}, "materialize(): config"),
    repository.byKey,
    selected,
  );
  const io = new MemoryIOManager();
  // Given inputs count as materialized upstreams: assets that load them record their data versions.
  const given = new Map<string, CommittedValue>();
  for (const [id, value] of Object.entries(options.inputs ?? {})) {
    const { dataVersion, ref } = await io.save(id.replace(/\[.*$/, ""), value);
    given.set(id, { dataVersion, ...(ref !== undefined && { valueRef: ref }) });
  }
  const partitionContext: PartitionContext = {
    now: new Date(),
    dynamicKeys: (name) => options.dynamicPartitions?.[name] ?? [],
  };
  const chosenPartitions = choosePartitions({
    graph: repository.graph,
    keys: selected,
    request: partitionRequest(options),
    context: partitionContext,
  });

  const outcome: Omit<MaterializeOutcome, keyof RunResult | "success"> = {
    values: {},
    metadata: {},
    logs: {},
    errors: {},
    checks: {},
    events: [],
  };
  const stored: { id: string; key: string; valueRef: string }[] = [];
  const codeVersions = new Map(repository.graph.nodes.map((node) => [node.key, node.codeVersion]));
  const steps = planSteps(repository, selected, { chosen: chosenPartitions, context: partitionContext });
  const signal = options.signal ?? new AbortController().signal;
  const resources = runResources(steps, { provided: { ...repository.resources, ...options.resources }, signal });
  // Tables go to an in-memory warehouse of the run's own (Parquet files to a temporary folder), both gone after it.
  const tables = inMemoryRunWarehouse(io);
  const result = await runPlan({
    steps,
    selection:
      selection === undefined
        ? "*"
        : Array.isArray(selection)
          ? keysSelection(selection)
          : formatSelectionInput(selection),
    concurrency: options.concurrency ?? 8,
    env: {
      runId: randomUUID(),
      io: tables.io,
      defaultIo: repository.io,
      warehouse: tables.warehouse,
      codeVersion: (key) => codeVersions.get(key) ?? "",
      committed: async (key, partition) => given.get(valueId(key, partition)),
      // A check runs after its asset's step here, so it reads what the run produced, never an older record.
      recorded: async () => undefined,
      produced: new Map(),
      partitionsOf: (key) => repository.byKey.get(key)?.partitionsDef,
      partitionContext,
      signal,
      resources,
      config,
      emit: (event) => {
        outcome.events.push(event);
        if (event.type === "log")
          (outcome.logs[event.stepId] ??= []).push({ level: event.level, message: event.message });
        else if (event.type === "step_failed") outcome.errors[event.stepId] = event.error;
        else if (event.type === "check_evaluated")
          outcome.checks[valueId(event.evaluation.checkKey, event.evaluation.partition)] = event.evaluation;
        else if (event.type === "materialization") {
          const { key, partition, valueRef, metadata } = event.materialization;
          outcome.values[valueId(key, partition)] = io.values.get(valueRef!);
          outcome.metadata[valueId(key, partition)] = metadata;
          if (!io.values.has(valueRef!)) stored.push({ id: valueId(key, partition), key, valueRef: valueRef! });
        }
      },
    },
  }).finally(async () => {
    // A table's value is its rows, read before the warehouse goes.
    for (const { id, key, valueRef } of stored) outcome.values[id] = await tables.rows(key, valueRef);
    tables.close();
  });
  return { ...result, ...outcome, success: result.status === "success" };
}

function partitionRequest({ partition, partitions }: MaterializeOptions): PartitionRequest | undefined {
  if (partition !== undefined && partitions !== undefined)
    throw new Error("materialize(): give `partition` or `partitions`, not both.");
  if (partition !== undefined) return { keys: [partition] };
  if (partitions === undefined) return undefined;
  return typeof partitions === "string" ? partitionsFlag(partitions) : { keys: partitions };
}
