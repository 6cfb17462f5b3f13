/**
 * A worker's step process, the one place user code runs for a worker: started by `assetline worker` for one bundle
 * hash, it fetches that bundle from the store (verified by its hash), writes it under the worker's store folder,
 * loads it once, and runs each step it is sent, several at once, sending the step's events back over IPC.
 */
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as v from "valibot";
import type { Repository } from "../define/repository";
import type { PartitionContext } from "../partitions";
import {
  attemptKey,
  type FromStepProcess,
  parseQueuedRunPlan,
  type QueuedRunPlan,
  type RunEvent,
  type StepAttempt,
  ToStepProcessSchema,
} from "../protocol";
import { getBundle } from "../queue/bundles";
import { BlockingCheckFailed, executeCheck } from "../run/executeCheck";
import { executeStep } from "../run/executeStep";
import { stepFields } from "../run/executor";
import { loadBundle } from "../run/loadWorkspace";
import { isCheckStep, planSteps } from "../run/plan";
import { runResources } from "../run/runResources";
import { toStepError } from "../run/stepError";
import { recordedValue, storeEnvironment } from "../run/workspaceRun";
import { openPostgres, sharedStore } from "../store/openStore";
import type { PostgresStore } from "../store/postgres/pgStore";
import type { StepProcessSetup } from "./stepProcessSetup";

/** Serves steps until the worker disconnects; listening from the start, so no step sent early is missed. */
export function runStepProcess(setup: StepProcessSetup): void {
  const send = (message: FromStepProcess) => process.send?.(message);
  // The worker went away (stopped, or killed): its attempts are the queue's to give again.
  process.on("disconnect", () => process.exit(0));
  const store = kept(() => {
    const location = sharedStore();
    if (!location) throw new Error("a step process needs ASSETLINE_STORE_URL: it is started by `assetline worker`");
    return openPostgres(location);
  });
  let repository: (() => Promise<Repository>) | undefined;
  const running = new Map<string, AbortController>();
  process.on("message", (raw) => {
    const parsed = v.safeParse(ToStepProcessSchema, raw);
    if (!parsed.success) {
      process.stderr.write(`assetline step process: an unexpected message was ignored: ${JSON.stringify(raw)}\n`);
      return;
    }
    const message = parsed.output;
    const key = attemptKey(message);
    if (message.type === "cancel") {
      running.get(key)?.abort(new Error(`run ${message.runId} was cancelled`));
      return;
    }
    const controller = new AbortController();
    running.set(key, controller);
    const attempt = { runId: message.runId, stepId: message.stepId, attempt: message.attempt };
    void (async () => {
      let error: string | undefined;
      try {
        const plan = parseQueuedRunPlan(message.plan);
        const opened = await store();
        repository ??= kept(() => fetchAndLoad(opened, setup, plan));
        error = await runAttempt(opened, setup, await repository(), plan, attempt, controller.signal, (event) =>
          send({ type: "event", ...attempt, event }),
        );
      } catch (failed) {
        error = failed instanceof Error ? failed.message : String(failed);
      } finally {
        running.delete(key);
      }
      send({ type: "done", ...attempt, ...(error !== undefined && { error }) });
    })();
  });
}

/**
 * What `make` gives, made once and kept; a failure is not kept, so the next step tries again (the store may have
 * been briefly away) and fails with the reason if it still cannot.
 */
function kept<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    made ??= make().catch((error: unknown) => {
      made = undefined;
      throw error;
    });
    return made;
  };
}

/** The bundle by its hash, verified, written whole under `bundles/` (once per machine), and loaded. */
async function fetchAndLoad(store: PostgresStore, setup: StepProcessSetup, plan: QueuedRunPlan): Promise<Repository> {
  const path = join(setup.storeDir, "bundles", `${setup.hash}.${plan.format === "esm" ? "mjs" : "cjs"}`);
  if (!existsSync(path) || sha256(readFileSync(path)) !== setup.hash) {
    const body = await store
      .transaction((tx) => getBundle(tx, setup.hash))
      .catch((error: unknown) => {
        throw new Error(
          `the run's code (bundle ${setup.hash.slice(0, 12)}) cannot be used: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
    if (!body) throw new Error(`the run's code (bundle ${setup.hash.slice(0, 12)}) is not in the store`);
    mkdirSync(join(setup.storeDir, "bundles"), { recursive: true });
    // Written whole before it has its name: a step process never loads half a file.
    const partial = `${path}.${randomUUID()}.partial`;
    writeFileSync(partial, body);
    renameSync(partial, path);
  }
  return loadBundle(path, plan.format, plan.definitionsModule);
}

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Re-plans the run from its plan with the loaded code, finds the step and runs it as the local executor runs one
 * attempt, over the shared store: a downstream reads what this run made on any machine (`runValue`) before what was
 * committed. Returns the failure's message, if it failed (its `step_failed` event sent).
 */
async function runAttempt(
  store: PostgresStore,
  setup: StepProcessSetup,
  repository: Repository,
  plan: QueuedRunPlan,
  { runId, stepId, attempt }: StepAttempt,
  signal: AbortSignal,
  send: (event: RunEvent) => void,
): Promise<string | undefined> {
  const context: PartitionContext = { now: new Date(plan.now), dynamicKeys: (name) => plan.dynamicKeys[name] ?? [] };
  const steps = planSteps(repository, plan.keys, { chosen: new Map(Object.entries(plan.partitions)), context });
  const step = steps.find((planned) => planned.id === stepId);
  if (!step)
    throw new Error(`the run's code plans no step ${stepId}: its plan (${steps.length} steps) and its bundle disagree`);
  const resources = runResources([step], { provided: repository.resources, root: process.cwd(), signal });
  // As the local executor: every event passes the redactor, so no resolved secret leaves this process.
  const emit = (event: RunEvent) => send(resources.redactor.redact(event));
  const shared = storeEnvironment(
    store,
    { storeDir: setup.storeDir, storage: setup.storage, signal, emit },
    repository,
    runId,
    context,
    (key) => plan.codeVersions[key] ?? "",
    resources,
  );
  const env = {
    ...shared,
    committed: async (key: string, partition?: string) =>
      (await store.runValue(runId, key, partition)) ?? (await store.committedValue(key, partition)),
    recorded: async (key: string, partition?: string) => {
      const made = await store.runValue(runId, key, partition);
      return made ? recordedValue(made) : shared.recorded(key, partition);
    },
    config: plan.config,
  };
  const fields = stepFields(runId, step);
  // The local executor counts attempts from 0, the queue from 1: events read as a local run's.
  emit({ type: "step_started", ...fields, attempt: attempt - 1, timestamp: Date.now() });
  let failure: string | undefined;
  try {
    const durationMs = isCheckStep(step)
      ? await executeCheck(step, env, signal)
      : await executeStep(step, attempt - 1, env, signal);
    // The values go to the store before the worker records the materializations that point to them.
    await store.flush();
    emit({ type: "step_succeeded", ...fields, durationMs, timestamp: Date.now() });
  } catch (thrown) {
    const error = thrown instanceof BlockingCheckFailed ? thrown.error : toStepError(thrown);
    failure = error.message;
    emit({ type: "step_failed", ...fields, error, timestamp: Date.now() });
  } finally {
    await env.warehouse.close();
    for (const message of await resources.teardown())
      emit({ type: "log", runId, stepId, level: "warning", message, timestamp: Date.now() });
  }
  return failure;
}
