/**
 * Launches a queued run with the foundation's pieces, as `materialize --executor queue` does (h/launch, not merged
 * here yet): analyze, bundle, load and plan in the test's process, then in one transaction store the bundle, record
 * the run with its hash and plan and its `run_started`, and enqueue one step per planned step.
 */
import { randomUUID } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { QueuedRunPlan } from "../../../sdk/src/protocol";
import { putBundle } from "../../../sdk/src/queue/bundles";
import { enqueueRun } from "../../../sdk/src/queue/enqueueRun";
import { workspaceFormat } from "../../../sdk/src/run/bundleOptions";
import { bundleWorkspace, definitionsModuleOf, loadBundle } from "../../../sdk/src/run/loadWorkspace";
import { type ExecutionStep, plannedSteps, planSteps } from "../../../sdk/src/run/plan";
import { analyzeWorkspace } from "../../../sdk/src/run/workspaceRun";
import type { PostgresStore } from "../../../sdk/src/store/postgres/pgStore";

export interface QueuedLaunch {
  /** The keys to run (default: every asset). */
  keys?: string[];
  /** A step's queue (default: the default queue). */
  queueOf?: (step: ExecutionStep) => string | undefined;
  /** Attempts per step (default 1). */
  maxAttempts?: number;
}

/** Returns the run's id and its bundle's hash. */
export async function launchQueued(
  store: PostgresStore,
  root: string,
  launch: QueuedLaunch = {},
): Promise<{ runId: string; hash: string }> {
  const { graph, entryFiles, moduleOf } = analyzeWorkspace(root, undefined);
  const format = workspaceFormat(root, entryFiles);
  const path = await bundleWorkspace(root, entryFiles, join(root, ".assetline", "build"), format, moduleOf);
  const body = readFileSync(path);
  const definitionsModule = definitionsModuleOf(entryFiles);
  const repository = await loadBundle(path, format, definitionsModule);
  rmSync(path);
  const keys = launch.keys ?? graph.nodes.map((node) => node.key);
  const now = Date.now();
  const context = { now: new Date(now), dynamicKeys: () => [] };
  const steps = planSteps(repository, keys, { chosen: new Map(), context });
  const plan: QueuedRunPlan = {
    version: 1,
    selection: keys.join(", "),
    keys,
    partitions: {},
    now,
    dynamicKeys: {},
    codeVersions: Object.fromEntries(graph.nodes.map((node) => [node.key, node.codeVersion ?? ""])),
    config: {},
    format: format === "esm" ? "esm" : "cjs",
    ...(definitionsModule !== undefined && { definitionsModule }),
    concurrency: 0,
  };
  const runId = randomUUID();
  const hash = await store.transaction(async (tx) => {
    const bundleHash = await putBundle(tx, body);
    await tx.startRun({
      id: runId,
      selection: plan.selection,
      origin: "cli",
      startedAt: now,
      executor: "queue",
      bundleHash,
      plan,
    });
    await tx.record([
      { type: "run_started", runId, selection: plan.selection, plan: plannedSteps(steps), timestamp: now },
    ]);
    await enqueueRun(tx, {
      runId,
      steps: steps.map((step) => ({
        id: step.id,
        upstream: step.dependsOn,
        label: step.assets.join(", "),
        maxAttempts: launch.maxAttempts ?? 1,
        ...(launch.queueOf?.(step) && { queue: launch.queueOf(step) }),
      })),
    });
    return bundleHash;
  });
  return { runId, hash };
}
