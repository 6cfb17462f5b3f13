/**
 * One check step: read the checked values (and the check's `ins`), run the check function, normalize what it returned
 * and emit one `check_evaluated` per check. A failed blocking check with severity `error` fails the step.
 */
import type { AssetCheckContext, CheckDefinitionInfo, NormalizedCheckResult } from "../checks/definition";
import { createCheckContext } from "../checks/checkContext";
import { checkResults } from "../checks/results";
import { checkKey, type LogLevel, splitCheckKey, type StepError } from "../protocol";
import { refKey } from "../define/definition";
import { defaultMapping, mappingCardinality } from "../partitions";
import { CancelledError } from "./cancellation";
import type { RecordedValue, RunEnvironment } from "./environment";
import { StepSession } from "../warehouse/stepWarehouse";
import { currentValue, loadValue, mappedInput, partitionsRead, type Reader } from "./loadValue";
import { type CheckStep, checkLabel, type PlannedCheck } from "./planChecks";
import { toStepError } from "./stepError";
import { valueId } from "./values";

export type CheckExecutionStep = CheckStep<CheckDefinitionInfo>;

/**
 * A blocking check failed with severity `error`: its step fails with this error, and the steps reading its value are
 * skipped with `reason`.
 */
export class BlockingCheckFailed extends Error {
  readonly reason: string;
  readonly error: StepError;

  constructor(label: string, description: string | undefined, thrown: StepError | undefined) {
    super(`check ${label} failed${description ? `: ${description}` : ""}`);
    this.reason = `blocked by check ${label}`;
    this.error = { ...thrown, message: this.message };
  }
}

/**
 * What the check function receives: its asset's value; a multiAssetCheck its assets' values by key (see below); with
 * `ins`, the values by name (a partitioned one through its mapping from the checked partition, a map when it reads
 * several).
 */
async function checkInput(
  step: CheckExecutionStep,
  env: RunEnvironment,
  warehouse: StepSession | undefined,
): Promise<unknown> {
  // A check reads the value as its asset returned it: rows as rows, a Table as a Table (the built-ins count it in SQL).
  const read = warehouse && { warehouse };
  const info = step.check;
  const first = step.planned[0]!;
  const reader: Reader = { label: `check ${checkLabel(first, step.partition)}`, asset: first.asset };
  const partitions = step.partition === undefined ? undefined : [step.partition];
  if (info.ins === undefined) {
    if (info.form !== "multiAssetCheck")
      return (await loadValue(env, reader, first.asset, first.asset, step.partition, read)).value;
    // The assets this step checks, and the definition's other assets where they have a value for it (the same
    // partition of a partitioned one): a run of some of its assets still gives the function the rest.
    const values: Record<string, unknown> = {};
    for (const asset of new Set(info.specs.map((spec) => refKey(spec.asset!)))) {
      const partitioned = env.partitionsOf(asset) !== undefined;
      const partition = partitioned ? step.partition : undefined;
      const checked = step.planned.some((check) => check.asset === asset);
      const absent =
        (partitioned && partition === undefined) || (await currentValue(env, asset, partition)) === undefined;
      if (!checked && absent) continue;
      values[asset] = (await loadValue(env, reader, asset, asset, partition, read)).value;
    }
    return values;
  }
  const checked = env.partitionsOf(first.asset);
  const inputs: Record<string, unknown> = {};
  for (const [name, ref] of Object.entries(info.ins)) {
    const key = refKey(ref);
    const upstream = env.partitionsOf(key);
    if (!upstream) {
      inputs[name] = (await loadValue(env, reader, name, key, undefined, read)).value;
      continue;
    }
    const mapping = info.mappings[name] ?? defaultMapping(upstream, checked);
    inputs[name] = await mappedInput(
      partitionsRead(env, reader, key, mapping, upstream, checked, partitions),
      mappingCardinality(mapping, upstream, checked) === "many",
      async (partition) => (await loadValue(env, reader, name, key, partition, read)).value,
    );
  }
  return inputs;
}

/** The context the check function receives: its log lines are the step's. */
function checkContext(
  step: CheckExecutionStep,
  env: RunEnvironment,
  signal: AbortSignal,
  record: RecordedValue | undefined,
  resources: Readonly<Record<string, unknown>>,
): AssetCheckContext {
  const first = step.planned[0]!;
  const log = (level: LogLevel) => (message: string) =>
    env.emit({
      type: "log",
      runId: env.runId,
      stepId: step.id,
      level,
      message: String(message),
      timestamp: Date.now(),
    });
  return createCheckContext({
    assetKey: first.asset,
    checkName: splitCheckKey(first.key).name,
    runId: env.runId,
    ...(step.partition !== undefined && { partitionKey: step.partition }),
    materialization: record && {
      timestamp: record.timestamp,
      dataVersion: record.dataVersion,
      metadata: record.metadata,
    },
    log: { debug: log("debug"), info: log("info"), warning: log("warning"), error: log("error") },
    signal,
    resources,
  });
}

/**
 * Runs the check function and normalizes its output into one result per check of the definition. A thrown error (or
 * one loading its input, or an output naming checks it does not declare) fails every check, and says where.
 */
async function evaluate(
  step: CheckExecutionStep,
  env: RunEnvironment,
  signal: AbortSignal,
  record: RecordedValue | undefined,
): Promise<{ results: Map<string, NormalizedCheckResult>; error?: StepError }> {
  const info = step.check;
  const declared = info.specs.map((spec) => checkKey(refKey(spec.asset!), spec.name!));
  const byKey = (results: NormalizedCheckResult[]) => new Map(results.map((result) => [result.checkKey, result]));
  const warehouse = env.warehouse && new StepSession(env.warehouse, step.planned[0]!.asset);
  try {
    // A failed setup fails the check, as it fails an asset's step: `resource warehouse failed to set up: …`.
    const label = `check ${checkLabel(step.planned[0]!, step.partition)}`;
    const resources = await env.resources.acquire(info.resources ?? [], label);
    const output = await info.execute(
      await checkInput(step, env, warehouse),
      checkContext(step, env, signal, record, resources),
    );
    return { results: byKey(checkResults(output, info, declared)) };
  } catch (thrown) {
    const error = thrown instanceof Error ? thrown : new Error(String(thrown));
    return { results: byKey(checkResults(error, info, declared)), error: toStepError(error) };
  } finally {
    await warehouse?.close();
  }
}

/** The record of a checked value: what this run produced, else the newest committed one. */
async function recordOf(env: RunEnvironment, check: PlannedCheck, partition: string | undefined) {
  return env.produced.get(valueId(check.asset, partition)) ?? (await env.recorded(check.asset, partition));
}

/** Runs one check step; resolves with its duration, or throws `BlockingCheckFailed`. */
export async function executeCheck(
  step: CheckExecutionStep,
  env: RunEnvironment,
  signal: AbortSignal,
): Promise<number> {
  const started = performance.now();
  const { partition } = step;
  const { results, error } = await evaluate(step, env, signal, await recordOf(env, step.planned[0]!, partition));
  const durationMs = performance.now() - started;
  // A check that ignored its signal and finished after the run was cancelled records nothing.
  if (signal.aborted) throw new CancelledError();
  let blocked: BlockingCheckFailed | undefined;
  for (const check of step.planned) {
    const result = results.get(check.key)!;
    const timestamp = Date.now();
    const dataVersion = (await recordOf(env, check, partition))?.dataVersion;
    env.emit({
      type: "check_evaluated",
      runId: env.runId,
      stepId: step.id,
      timestamp,
      evaluation: {
        checkKey: check.key,
        asset: check.asset,
        name: splitCheckKey(check.key).name,
        ...(partition !== undefined && { partition }),
        runId: env.runId,
        timestamp,
        passed: result.passed,
        severity: result.severity,
        blocking: check.blocking,
        ...(result.description !== undefined && { description: result.description }),
        metadata: result.metadata,
        ...(dataVersion !== undefined && { dataVersion }),
        ...(error && { error }),
        durationMs,
      },
    });
    if (check.blocking && !result.passed && result.severity === "error")
      blocked ??= new BlockingCheckFailed(checkLabel(check, partition), result.description, error);
  }
  if (blocked) throw blocked;
  return durationMs;
}
