/**
 * `materialize --executor queue`: the run is prepared here as a local run is (analyzed, chosen, bundled, loaded,
 * planned, its config validated), then recorded with its bundle and plan and its first steps queued, in ONE store
 * transaction: `assetline worker` processes on any machine run its steps from the bundle stored by hash.
 */
import type { Format } from "esbuild";
import { randomUUID } from "node:crypto";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Repository } from "../define/repository";
import { dynamicNames } from "../partitions";
import { QUEUED_RUN_PLAN_VERSION, type QueuedRunPlan, type RunEvent, STORE_URL_VARIABLE } from "../protocol";
import { enqueueRun, migrateQueue, openQueuePool, putBundle } from "../queue";
import { openStore, sharedStore } from "../store/openStore";
import { StoreUnavailable } from "../store/sqliteStore";
import { type PostgresLocation, PostgresStore } from "../store/postgres/pgStore";
import { workspaceFormat } from "./bundleOptions";
import { runStartedEvents } from "./executor";
import { queuedRunEnd } from "./followQueuedRun";
import { bundleWorkspace, definitionsModuleOf, loadBundle, type ModuleOf } from "./loadWorkspace";
import { queuedSteps, unsharedStorage } from "./queuedSteps";
import {
  definitionsPath,
  locationOf,
  type PreparedRun,
  prepareRun,
  startedBy,
  type WorkspaceRunOptions,
} from "./workspaceRun";

export type QueuedRunOptions = Omit<WorkspaceRunOptions, "onEvent" | "warm">;

export interface LaunchedRun {
  /** Open on the shared store: the caller follows the run with it, then closes it. */
  store: PostgresStore;
  runId: string;
  /** What the launch recorded: the run's start and its warnings (and its end, for a run with nothing to do). */
  events: RunEvent[];
  /** How many steps the run has. */
  steps: number;
}

/** The workspace's bundle, kept as bytes for the store, and the repository loaded from it. */
interface LoadedBundle {
  repository: Repository;
  bytes: Buffer;
  format: Format;
  definitionsModule: number | undefined;
}

/** The one line a launch on a folder store gets: workers on other machines cannot reach it. */
function sharedStoreNeeded(storeDir: string): string {
  return `--executor queue needs a shared PostgreSQL store its workers reach: give --store postgres://user@host/db (or set ${STORE_URL_VARIABLE}); ${storeDir} is this machine's own.`;
}

/** The store, and its queue's tables and Graphile Worker's schema: the first launch on a new store makes them. */
async function openShared(storeDir: string, location: PostgresLocation): Promise<PostgresStore> {
  const store = await openStore(storeDir);
  if (!(store instanceof PostgresStore)) {
    await store.close();
    throw new StoreUnavailable(sharedStoreNeeded(storeDir));
  }
  const pool = await openQueuePool(location, 2);
  try {
    await migrateQueue(location, pool);
  } catch (error) {
    await store.close();
    throw error;
  } finally {
    await pool.end();
  }
  return store;
}

/** Bundles as a local run does, keeps the bundle's bytes, loads it here (where the analyzer's graph is checked). */
async function loadKeepingBundle(
  options: QueuedRunOptions,
  entryFiles: string[],
  moduleOf: ModuleOf,
): Promise<LoadedBundle> {
  const format = workspaceFormat(options.root, entryFiles);
  const definitionsModule = definitionsModuleOf(entryFiles, definitionsPath(options));
  const bundle = await bundleWorkspace(options.root, entryFiles, join(options.storeDir, "build"), format, moduleOf);
  try {
    const bytes = await readFile(bundle);
    return { repository: await loadBundle(bundle, format, definitionsModule), bytes, format, definitionsModule };
  } finally {
    await rm(bundle, { force: true });
  }
}

/** What a worker needs to plan the same steps from the same bundle: the launch's choices, clock and keys. */
function queuedRunPlan(prepared: PreparedRun<PostgresStore>, loaded: LoadedBundle, concurrency: number): QueuedRunPlan {
  const { repository, context, steps } = prepared;
  const assetKeys = [...new Set(steps.flatMap((step) => step.assets))];
  return {
    version: QUEUED_RUN_PLAN_VERSION,
    selection: prepared.selection,
    keys: [...prepared.keys],
    partitions: Object.fromEntries([...prepared.partitions].map(([key, partitions]) => [key, [...partitions]])),
    now: context.now.getTime(),
    dynamicKeys: Object.fromEntries(
      dynamicNames(repository.graph).map((name) => [name, [...(context.dynamicKeys(name) ?? [])]]),
    ),
    codeVersions: Object.fromEntries(assetKeys.map((key) => [key, prepared.codeVersion(key)])),
    config: prepared.config,
    format: loaded.format === "esm" ? "esm" : "cjs",
    ...(loaded.definitionsModule !== undefined && { definitionsModule: loaded.definitionsModule }),
    concurrency,
  };
}

/**
 * Prepares the run, refuses what workers cannot run (a `duckdb` asset), then records it, its bundle, its first events
 * and its queued steps in one transaction: a launch that fails leaves nothing behind.
 */
export async function launchQueuedRun(options: QueuedRunOptions): Promise<LaunchedRun> {
  // Said before the workspace is analyzed: nothing else matters until the store is a shared one.
  const location = sharedStore();
  if (!location) throw new StoreUnavailable(sharedStoreNeeded(options.storeDir));
  let loaded: LoadedBundle | undefined;
  const open = (storeDir: string) => openShared(storeDir, location);
  const prepared = await prepareRun(options, open, async (entryFiles, moduleOf) => {
    loaded = await loadKeepingBundle(options, entryFiles, moduleOf);
    return loaded.repository;
  });
  const { store, graph, repository, selection, steps, config } = prepared;
  try {
    const unshared = unsharedStorage(steps, repository, (key) => locationOf(graph, options.root, key));
    if (unshared !== undefined) throw new Error(unshared);
    const concurrency = options.concurrency ?? 0;
    const plan = queuedRunPlan(prepared, loaded!, concurrency);
    const runId = randomUUID();
    const startedAt = Date.now();
    const events = runStartedEvents(runId, selection, steps, config, prepared.warnings);
    // A run with nothing to do ends as it starts, as a local one does: no worker would ever finish it.
    if (steps.length === 0)
      events.push(
        ...queuedRunEnd(runId, [], startedAt, [], { status: "success", succeeded: 0, failed: 0, skipped: 0 }),
      );
    await store.transaction(async (tx) => {
      const bundleHash = await putBundle(tx, loaded!.bytes);
      await tx.startRun({
        id: runId,
        selection,
        ...startedBy(options),
        startedAt,
        ...(Object.keys(config).length > 0 && { config }),
        executor: "queue",
        bundleHash,
        plan,
      });
      await tx.record(events);
      if (steps.length > 0)
        await enqueueRun(tx, { runId, steps: queuedSteps(steps), ...(concurrency > 0 && { concurrency }) });
    });
    return { store, runId, events, steps: steps.length };
  } catch (error) {
    await store.close();
    throw error;
  }
}
