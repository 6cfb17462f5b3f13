/**
 * A shared PostgreSQL store has no file to watch: every few seconds the workspace's CLI says which run is the newest
 * (`runs --json --limit 1`), and a change of its id, status, end or count of materializations refreshes the
 * statuses, as the store folder's watcher does for SQLite. That takes in the runs other machines record, however
 * they were started, step by step.
 */
import { redactUrl } from "assetline/protocol";
import { workspaceCli } from "assetline/locate";
import type { Log } from "./tryHandler";
import { type CliTarget, readNewestRun } from "./workspaceCli";

export const SHARED_STORE_POLL_MS = 5000;

export class SharedStorePoll {
  private timer: NodeJS.Timeout | undefined;
  private readonly stopped = new AbortController();
  /** The newest run as last seen; undefined before the first answer and after a failure, so that answer refreshes. */
  private newest: string | undefined;
  private failing = false;

  constructor(
    private readonly target: CliTarget & { storeUrl: string },
    private readonly onChange: () => void,
    private readonly log: Log,
    private readonly intervalMs = SHARED_STORE_POLL_MS,
  ) {
    this.next();
  }

  /** Stops polling; a poll under way is killed with its CLI. */
  dispose(): void {
    clearTimeout(this.timer);
    this.stopped.abort();
  }

  /** The next poll starts once this one is over: they never overlap, however slow the store answers. */
  private next(): void {
    if (this.stopped.signal.aborted) return;
    this.timer = setTimeout(() => void this.poll().finally(() => this.next()), this.intervalMs).unref();
  }

  private async poll(): Promise<void> {
    // Looked up on every poll, as for every read: `npm install` may add the package while the editor is open.
    const cli = workspaceCli(this.target.root);
    if (!cli) return;
    try {
      const read = await readNewestRun(cli, this.target, this.stopped.signal);
      // Another protocol version is the status read's to report; without a run to compare, nothing is refreshed.
      if (!read.ok) return;
      this.answered();
      const run = read.value;
      const newest = run ? `${run.id} ${run.status} ${run.endedAt} ${run.materializations ?? 0}` : "none";
      if (newest === this.newest) return;
      this.newest = newest;
      this.onChange();
    } catch (error) {
      if (!this.stopped.signal.aborted) this.failed(error);
    }
  }

  /** A store that stays down is said once, not every few seconds; so is its coming back. */
  private failed(error: unknown): void {
    this.newest = undefined;
    if (this.failing) return;
    this.failing = true;
    const message = error instanceof Error ? error.message : String(error);
    this.log.error(
      `Assetline cannot poll the shared store ${this.store} for ${this.target.root} (trying again every ${this.intervalMs / 1000} s): ${message}`,
    );
  }

  private answered(): void {
    if (!this.failing) return;
    this.failing = false;
    this.log.log(`Assetline reaches the shared store ${this.store} again for ${this.target.root}.`);
  }

  private get store(): string {
    return redactUrl(this.target.storeUrl);
  }
}
