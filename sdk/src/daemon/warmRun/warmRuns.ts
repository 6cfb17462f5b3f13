/**
 * The daemon's warm run processes: one is always started ahead with the current bundle and graph; a run takes it (the
 * next is started at once), and a change to the code replaces the waiting one. No waiting process (the workspace has
 * errors, does not bundle or does not load): the run is started cold, which reports the problem as the CLI does.
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

  constructor(
    private readonly target: DaemonTarget,
    private readonly cliPath: string,
    private readonly sources: () => WarmSources,
    private readonly log: (line: string) => void,
  ) {
    this.bundle = new WarmBundle(target.root, join(target.storeDir, "build"));
    this.latest = sources();
    this.next = this.prepare(this.latest);
  }

  /** The code changed: rebuild the bundle and replace the waiting process. */
  refresh(): void {
    this.generation++;
    this.latest = this.sources();
    const { graph, errors } = this.latest;
    this.log(
      `assetline dev: the workspace changed: graph updated (${graph.nodes.length} assets, ${errors} errors); starting a run process with the new code.\n`,
    );
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
      const next = this.next;
      const child = await next;
      // Replaced by newer code, or taken by another run meanwhile: wait for the one after.
      if (this.next !== next) continue;
      if (child === undefined || this.closed) return undefined;
      // Started once the caller has handed this one its run: spawning is no part of the run's time.
      this.next = new Promise((resolve) => setImmediate(() => resolve(this.prepare(this.latest))));
      if (child.alive) return child;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
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
