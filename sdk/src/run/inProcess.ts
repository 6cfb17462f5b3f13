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
import type { LogLevel, Metadata, RunEvent, StepError } from "../protocol";
import { formatSelectionInput, type AssetSelection } from "../selection";
import { runPlan, type RunResult } from "./executor";
import { planSteps } from "./plan";
import { keysSelection, resolveKeys, resolveSelection } from "./resolveSelection";

/** A module's exports (`import * as pipeline from "./pipeline"`), a `Definitions`, or asset handles that have keys. */
export type MaterializeInput = Definitions | Record<string, unknown> | readonly unknown[];

export interface MaterializeOptions {
  /** Selection syntax, an `AssetSelection`, or exact keys; default: every asset. */
  selection?: string | AssetSelection | string[];
  /** Values of upstream assets outside the selection, by key. */
  inputs?: Record<string, unknown>;
  concurrency?: number;
  signal?: AbortSignal;
}

export interface MaterializeOutcome extends RunResult {
  success: boolean;
  values: Record<string, unknown>;
  metadata: Record<string, Metadata>;
  /** Log lines by step id (an asset's key; a multi-asset's planned keys joined by ","). */
  logs: Record<string, { level: LogLevel; message: string }[]>;
  errors: Record<string, StepError>;
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
  const io = new MemoryIOManager();
  // Given inputs count as materialized upstreams: assets that load them record their data versions.
  const given = new Map<string, CommittedValue>();
  for (const [key, value] of Object.entries(options.inputs ?? {}))
    given.set(key, { dataVersion: (await io.save(key, value)).dataVersion });

  const outcome: Omit<MaterializeOutcome, keyof RunResult | "success"> = {
    values: {},
    metadata: {},
    logs: {},
    errors: {},
    events: [],
  };
  const codeVersions = new Map(repository.graph.nodes.map((node) => [node.key, node.codeVersion]));
  const result = await runPlan({
    steps: planSteps(repository, selected),
    selection:
      selection === undefined
        ? "*"
        : Array.isArray(selection)
          ? keysSelection(selection)
          : formatSelectionInput(selection),
    concurrency: options.concurrency ?? 8,
    env: {
      runId: randomUUID(),
      io,
      codeVersion: (key) => codeVersions.get(key) ?? "",
      committed: (key) => given.get(key),
      produced: new Map(),
      signal: options.signal ?? new AbortController().signal,
      emit: (event) => {
        outcome.events.push(event);
        if (event.type === "log")
          (outcome.logs[event.stepId] ??= []).push({ level: event.level, message: event.message });
        else if (event.type === "step_failed") outcome.errors[event.stepId] = event.error;
        else if (event.type === "materialization") {
          outcome.values[event.materialization.key] = io.values.get(event.materialization.key);
          outcome.metadata[event.materialization.key] = event.materialization.metadata;
        }
      },
    },
  });
  return { ...result, ...outcome, success: result.status === "success" };
}
