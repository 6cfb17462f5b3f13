/**
 * The daemon's warm run processes: one is always started ahead with the current bundle and graph; a run takes it, and a
 * change to the code replaces the waiting one. No waiting process (the workspace has errors, does not bundle or does
 * not load): the run is started cold, which reports the problem as the CLI does.
 *
 * Preparing one (esbuild's rebuild, the graph's JSON file, then the process loading the bundle) takes both cores of a
 * small machine for a while: it starts once the daemon had no request for `QUIET_MS` (at the latest `MAX_WAIT_MS`
 * after it was due), so the answers and the graph updates an editor waits for do not queue behind it. A run that
 * comes meanwhile starts the preparation at once.
 */
import { join, resolve } from "node:path";
import type { AssetGraph } from "../../protocol";
import type { ModuleOf } from "../../run/bundleOptions";
import { errorMessage } from "../../cli/workspaceArgs";
import type { DaemonTarget } from "../client";
import { type Bundle, WarmBundle } from "./warmBundle";
import { WarmChild } from "./warmChild";

/** The daemon's warm analysis, as a run process needs it. */
export interface WarmSources {
  graph: AssetGraph;
  entryFiles: string[];
  moduleOf: ModuleOf;
  /** The analyzer's errors: a run with errors is refused by the cold path, in the CLI's words. */
  errors: number;
}

/** How long the daemon must have had no request before a warm run process is prepared. */
const QUIET_MS = 250;
/** Prepared by then even when requests keep coming (an editor polling statuses). */
const MAX_WAIT_MS = 2_000;

export class WarmRuns {
  private readonly bundle: WarmBundle;
  private next: Promise<WarmChild | undefined>;
  /** Counts code changes: a process prepared for older code is not started. */
  private generation = 0;
  private closed = false;
  /** Started, still loading: a code change ends them at once rather than after they loaded what is stale. */
  private readonly loading = new Set<WarmChild>();
  /** The bundle and the graph's JSON file of the current code: made once per change, not once per run. */
  private built?: { generation: number; bundle: Promise<Bundle | undefined>; graph: string };
  private latest: WarmSources;
  /** The preparation waiting for the daemon to be quiet, and since when it is due. */
  private deferred?: { timer: NodeJS.Timeout; since: number };

  constructor(
    private readonly target: DaemonTarget,
    private readonly cliPath: string,
    private readonly sources: () => WarmSources,
    private readonly log: (line: string) => void,
  ) {
    this.bundle = new WarmBundle(target.root, join(target.storeDir, "build"));
    this.latest = sources();
    this.next = Promise.resolve(undefined);
    this.prepareWhenQuiet();
  }

  /** The code changed: rebuild the bundle and replace the waiting process. */
  refresh(): void {
    this.generation++;
    this.latest = this.sources();
    const { graph, errors } = this.latest;
    this.log(
      `assetline dev: the workspace changed: graph updated (${graph.nodes.length} assets, ${errors} errors); starting a run process with the new code.\n`,
    );
    // Processes loading the old code stop at once; their replacement waits for a quiet moment.
    for (const child of this.loading) child.discard();
    this.prepareWhenQuiet();
  }

  /** The daemon answers a request: a preparation waiting for a quiet moment waits a little longer. */
  busy(): void {
    const deferred = this.deferred;
    if (deferred === undefined || performance.now() - deferred.since >= MAX_WAIT_MS) return;
    clearTimeout(deferred.timer);
    deferred.timer = setTimeout(() => this.prepareNow(), QUIET_MS);
  }

  private prepareWhenQuiet(): void {
    if (this.deferred !== undefined) return;
    this.deferred = { timer: setTimeout(() => this.prepareNow(), QUIET_MS), since: performance.now() };
  }

  /** Replaces the waiting process by one prepared with the latest sources, if a preparation was deferred. */
  private prepareNow(): void {
    if (this.deferred === undefined) return;
    clearTimeout(this.deferred.timer);
    this.deferred = undefined;
    this.replace(this.latest);
  }

  private replace(sources: WarmSources): void {
    for (const child of this.loading) child.discard();
    const replaced = this.next;
    this.next = this.prepare(sources);
    void replaced.then((child) => child?.discard());
  }

  /** The waiting process, for the caller to hand its run (the next one starts at once); undefined: run cold. */
  async take(): Promise<WarmChild | undefined> {
    for (;;) {
      this.prepareNow();
      const next = this.next;
      const child = await next;
      // Replaced by newer code, or taken by another run meanwhile: wait for the one after.
      if (this.next !== next) continue;
      if (child === undefined || this.closed) return undefined;
      // The next one is prepared once the daemon is quiet: spawning is no part of this run's time.
      this.next = Promise.resolve(undefined);
      this.prepareWhenQuiet();
      if (child.alive) return child;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.deferred?.timer);
    this.deferred = undefined;
    for (const child of this.loading) child.discard();
    (await this.next)?.discard();
    await this.bundle.close();
  }

  private async prepare(sources: WarmSources): Promise<WarmChild | undefined> {
    const generation = this.generation;
    if (sources.errors > 0) return undefined;
    if (this.built?.generation !== generation) {
      const bundle = this.bundle.build(sources).catch((error: unknown) => {
        this.log(`assetline dev: runs start cold until the workspace bundles: ${errorMessage(error)}\n`);
        return undefined;
      });
      this.built = { generation, bundle, graph: this.bundle.write(JSON.stringify(sources.graph), "graph.json") };
    }
    const { graph } = this.built;
    const bundle = await this.built.bundle;
    if (bundle === undefined || this.closed || generation !== this.generation) return undefined;
    const { root, definitionsFile } = this.target;
    const child = new WarmChild(this.cliPath, root, {
      type: "load",
      bundle: bundle.path,
      format: bundle.format,
      entryFiles: bundle.entryFiles,
      ...(definitionsFile !== undefined && { definitionsFile: resolve(root, definitionsFile).replace(/\\/g, "/") }),
      graph,
    });
    // Killed from outside while it loads: start another (one that fails to load exits with 1: run cold).
    const killed = () => child.process.signalCode !== null && !child.discarded && !this.closed;
    this.loading.add(child);
    const ready = await child.ready;
    this.loading.delete(child);
    if (!ready) return killed() && generation === this.generation ? this.prepare(sources) : undefined;
    if (generation === this.generation) this.bundle.prune([bundle.path, graph]);
    // Killed while it waits: the next run must not find it gone.
    child.process.once("exit", () => {
      if (!child.handed && killed() && generation === this.generation) this.replace(sources);
    });
    return child;
  }
}
