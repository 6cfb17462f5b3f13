/**
 * What the daemon keeps warm: the analyzer (kept up to date one changed file at a time, as the language server keeps
 * it) and the store, opened once. No workspace code is loaded here: runs happen in run processes.
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { watch, type FSWatcher } from "chokidar";
import { createAnalyzer, isResolutionConfig, isSourceFile } from "../analyze";
import type { AutomationRecord, ScheduleInfo, SensorInfo } from "../protocol/automation";
import type { StatusResult } from "../protocol/daemon";
import type { AssetGraph, AssetStatus, RunEvent, RunSummary } from "../protocol";
import { nothingSelected, resolveSelection } from "../run/resolveSelection";
import { resolveWithStatuses, workspaceFacts } from "../run/workspaceFacts";
import { statusesFromStore } from "../status/staleness";
import { openStore } from "../store/openStore";
import type { Store } from "../store/store";
import { resolveRunId } from "../cli/commands/runIds";
import type { AutomationStore } from "./automationTicks";
import type { DaemonTarget } from "./client";
import type { InstigatorStore } from "./sensorTicks";
import { latestPartition } from "./tickPartition";
import type { WarmSources } from "./warmRun/warmRuns";

export interface WarmState {
  status(select: string | undefined): Promise<StatusResult>;
  runs(limit: number): Promise<RunSummary[]>;
  logs(runId: string): Promise<RunEvent[]>;
  /** The warm graph's schedules. */
  schedules(): ScheduleInfo[];
  /** The partition a tick of `schedule` at `tickAt` runs (see tickPartition.ts); undefined: none. */
  tickPartition(schedule: ScheduleInfo, tickAt: number): Promise<string | undefined>;
  /** The store's schedule ticks (the tick loop records them here). */
  ticks: Pick<Store, "recordTick" | "updateTick" | "latestTicks" | "instigatorStates">;
  /** The warm graph's sensors. */
  sensors(): SensorInfo[];
  /** The store's instigator state, sensor ticks and the events sensors react to. */
  instigators: InstigatorStore;
  /** The analyzer's current graph. */
  graph(): AssetGraph;
  /** The store the automation ticks read and record in. */
  automation: AutomationStore;
  /** The latest automation evaluations of the selected assets (all without `select`). */
  evaluations(select: string | undefined): Promise<AutomationRecord[]>;
  /** Called after the analyzer took in a changed file, so the tick loop re-plans. */
  /** The warm analysis a warm run process is started with (warmRun/). */
  sources(): WarmSources;
  /** Called after the analyzer took in a changed file, so the tick loop re-plans and the warm run process is replaced. */
  onGraphChange(listener: () => void): void;
  /** Resolves once the watcher sees the workspace: edits made after it are seen. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/** Statuses and runs are read as a CLI opening the store reads them: a run killed meanwhile is failed, not running. */
export async function createWarmState({ root, storeDir, definitionsFile }: DaemonTarget): Promise<WarmState> {
  const analyzer = createAnalyzer({ root, definitionsFile });
  analyzer.loadFromDisk();
  const store = await openStore(storeDir);
  const graphListeners: (() => void)[] = [];
  const graphChanged = () => {
    for (const listener of graphListeners) listener();
  };
  const watcher = watchWorkspace(root, {
    changed(path) {
      const rel = relative(root, path);
      if (isResolutionConfig(rel)) analyzer.configChanged();
      else if (isSourceFile(rel)) analyzer.update(path, readFileSync(path, "utf8"));
      // Another file (a run's output written into the workspace): the code did not change.
      else return;
      graphChanged();
    },
    removed(path) {
      const rel = relative(root, path);
      if (isResolutionConfig(rel)) analyzer.configChanged();
      else if (isSourceFile(rel)) analyzer.remove(path);
      else return;
      graphChanged();
    },
  });
  /** The keys `select` names, refused when it names none; the statuses are read only when a term needs them. */
  const selected = async (select: string, graph: AssetGraph, statuses?: readonly AssetStatus[]) => {
    const wanted = await resolveWithStatuses(
      (read = statuses) =>
        resolveSelection(select, graph, workspaceFacts({ root, definitionsFile, graph, statuses: read })),
      () => statusesFromStore(graph, store),
    );
    if (wanted.size === 0)
      throw nothingSelected(
        "the selection",
        select,
        graph.nodes.map((node) => node.key),
      );
    return wanted;
  };
  return {
    async status(select) {
      await store.recoverCrashedRuns();
      const graph = analyzer.graph();
      const statuses = await statusesFromStore(graph, store);
      const definitionErrors = analyzer.diagnostics().filter((d) => d.severity === "error").length;
      if (select === undefined) return { assets: statuses, definitionErrors };
      const wanted = await selected(select, graph, statuses);
      return { assets: statuses.filter((status) => wanted.has(status.key)), definitionErrors };
    },
    async evaluations(select) {
      const graph = analyzer.graph();
      const keys = select === undefined ? undefined : await selected(select, graph);
      const evaluations = [...(await store.latestAutomationEvaluations())];
      return evaluations.filter(([key]) => keys?.has(key) ?? true).flatMap(([, records]) => records);
    },
    graph: () => analyzer.graph(),
    automation: store,
    async runs(limit) {
      await store.recoverCrashedRuns();
      return store.runs(limit);
    },
    logs: async (runId) => store.events(await resolveRunId(store, runId)),
    schedules: () => analyzer.graph().schedules ?? [],
    async tickPartition(schedule, tickAt) {
      const graph = analyzer.graph();
      const { target } = schedule;
      const selection =
        "job" in target ? graph.jobs.find((job) => job.name === target.job)?.selection : target.selection;
      // An unknown job or a selection that does not parse: the run process says so, with its usual message.
      if (selection === undefined) return undefined;
      try {
        const keys = await resolveWithStatuses(
          (statuses) => resolveSelection(selection, graph, workspaceFacts({ root, definitionsFile, graph, statuses })),
          () => statusesFromStore(graph, store),
        );
        return latestPartition(schedule, graph, keys, tickAt);
      } catch {
        return undefined;
      }
    },
    sources: () => ({
      graph: analyzer.graph(),
      entryFiles: analyzer.entryFiles(),
      moduleOf: (from, specifier) => analyzer.moduleOf(from, specifier),
      errors: analyzer.diagnostics().filter((d) => d.severity === "error").length,
    }),
    ticks: store,
    sensors: () => analyzer.graph().sensors ?? [],
    instigators: store,
    onGraphChange: (listener) => graphListeners.push(listener),
    ready: new Promise((resolve) => watcher.once("ready", () => resolve())),
    async close() {
      await watcher.close();
      await store.close();
    },
  };
}

/** How long a changed file's changes must be quiet before it is read: above chokidar's 50 ms throttle. */
const QUIET_MS = 100;

/**
 * Source files and the configs that change how imports resolve, in the folders the analyzer reads (a folder is watched
 * when a source file in it would count): never node_modules, build output or the store.
 */
function watchWorkspace(
  root: string,
  on: { changed: (path: string) => void; removed: (path: string) => void },
): FSWatcher {
  const ignored = (path: string) => {
    const rel = relative(root, path).split("\\").join("/");
    return rel !== "" && !isSourceFile(`${rel}/watched.ts`) && !isSourceFile(rel) && !isResolutionConfig(rel);
  };
  const watcher = watch(root, { ignoreInitial: true, ignored });
  // A save that truncates, then writes, makes two changes; chokidar drops a path's second change within 50 ms, so a
  // file read at the first would stay empty. It is read once its changes have been quiet for longer than that.
  const pending = new Map<string, NodeJS.Timeout>();
  const read = (path: string) => {
    pending.delete(path);
    try {
      on.changed(path.split("\\").join("/"));
    } catch {
      // Gone again before it was read: its `unlink` follows.
    }
  };
  const changed = (path: string) => {
    clearTimeout(pending.get(path));
    pending.set(path, setTimeout(read, QUIET_MS, path).unref());
  };
  watcher.on("add", changed).on("change", changed);
  watcher.on("unlink", (path) => {
    clearTimeout(pending.get(path));
    pending.delete(path);
    on.removed(path.split("\\").join("/"));
  });
  return watcher;
}
