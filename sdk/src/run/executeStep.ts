import { createContext } from "../define/context";
import { refKey } from "../define/definition";
import type { Metadata } from "../protocol";
import { NotMaterializedError } from "../io/ioManager";
import { automaticMetadata } from "./autoMetadata";
import { collectOutputs } from "./collectOutputs";
import type { RunEnvironment } from "./environment";
import { upstreamKeys, type ExecutionStep } from "./plan";
import { CancelledError } from "./cancellation";

/**
 * Loads the step's `ins` and says which data version of each upstream (ins and deps) it consumed: exactly the record
 * whose value it loaded, even if another run records a newer one meanwhile.
 */
async function loadInputs(
  step: ExecutionStep,
  env: RunEnvironment,
): Promise<{ inputs: Record<string, unknown>; consumed: Record<string, string> }> {
  const current = (key: string) => env.produced.get(key) ?? env.committed(key);
  const inputs: Record<string, unknown> = {};
  const consumed: Record<string, string> = {};
  for (const [name, ref] of Object.entries(step.definition.ins)) {
    const key = refKey(ref);
    const record = current(key);
    if (record === undefined) {
      throw new Error(
        `asset "${step.assets[0]}" loads "${key}" (in its ins), which was never materialized: materialize it first (assetline materialize ${key}) or include it in the selection (--select "+key:${step.assets[0]}").`,
      );
    }
    try {
      inputs[name] = await env.io.load(key, record.valueRef);
    } catch (error) {
      if (!(error instanceof NotMaterializedError)) throw error;
      throw new Error(
        `asset "${step.assets[0]}" loads "${key}" (in its ins), whose stored value is gone${error.where ? ` (${error.where})` : ""}: materialize it again (assetline materialize ${key}).`,
      );
    }
    consumed[key] = record.dataVersion;
  }
  for (const key of upstreamKeys(step.definition)) {
    const version = consumed[key] ?? current(key)?.dataVersion;
    if (version !== undefined) consumed[key] = version;
  }
  return { inputs, consumed };
}

/**
 * One attempt of one step: load inputs, run the definition, store each output with its metadata. Throws on failure.
 * Resolves with the attempt's duration, from loading its inputs until its last value was stored: the one duration
 * every view shows (each materialization records it up to its own value, `step_succeeded` carries the last).
 */
export async function executeStep(
  step: ExecutionStep,
  attempt: number,
  env: RunEnvironment,
  signal: AbortSignal,
): Promise<number> {
  const info = step.definition;
  if (!info.execute) throw new Error(`asset "${step.id}" cannot be materialized: it has no function.`);
  const started = performance.now();
  let durationMs = 0;
  const { inputs, consumed } = await loadInputs(step, env);
  const added = new Map<string, Metadata>();
  const context = createContext({
    assetKey: step.assets[0]!,
    selectedAssetKeys: step.assets,
    runId: env.runId,
    attempt,
    signal,
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
  const returned = info.execute(inputs, context);
  await collectOutputs(step, returned, async (output) => {
    // A step that ignored its signal and finished after the run was cancelled must not store anything.
    if (signal.aborted) throw new CancelledError();
    const saved = await env.io.save(output.key, output.value);
    const dataVersion = output.dataVersion ?? saved.dataVersion;
    env.produced.set(output.key, { dataVersion, ...(saved.ref !== undefined && { valueRef: saved.ref }) });
    durationMs = performance.now() - started;
    const metadata = {
      ...automaticMetadata(output.value, { durationMs, bytes: saved.bytes, preview: info.preview }),
      ...added.get(output.key),
      ...output.metadata,
    };
    const timestamp = Date.now();
    env.emit({
      type: "materialization",
      runId: env.runId,
      stepId: step.id,
      timestamp,
      materialization: {
        key: output.key,
        runId: env.runId,
        timestamp,
        durationMs,
        metadata,
        codeVersion: env.codeVersion(output.key),
        dataVersion,
        upstreamDataVersions: consumed,
        ...(saved.ref !== undefined && { valueRef: saved.ref }),
      },
    });
  });
  return durationMs;
}
