/**
 * Each asset's state from the runner's store, read through the workspace's CLI and cached. Reads happen only while
 * the workspace is trusted; they are coalesced (one read at a time, one more if asked meanwhile). Besides the store's
 * changes, the next freshness deadline triggers a read: time alone turns an asset overdue.
 */
import { resolve } from "node:path";
import type { AssetStatus } from "assetline/protocol";
import { cliMismatchMessage, workspaceCli } from "assetline/locate";
import { FreshnessDeadline } from "./freshnessDeadline";
import { StoreWatcher } from "./storeWatcher";
import type { Log } from "./tryHandler";
import { readStatuses, STATUS_COMMAND } from "./workspaceCli";

/** What a folder's statuses tell the rest of the server. */
export interface StatusEvents {
  log: Log;
  /** The statuses differ from the previous read. */
  statusesChanged(): void;
  /** The store could not be read; said once per distinct error, so a broken store does not nag on every save. */
  storeUnreadable(message: string): void;
  /** The workspace's CLI speaks another protocol version; said once per folder and version found. */
  protocolMismatch(message: string): void;
}

export class StatusCache {
  private statuses = new Map<string, AssetStatus>();
  private loaded = false;
  private trusted = false;
  private watcher: StoreWatcher | null = null;
  private reading: Promise<void> | null = null;
  private readAgain = false;
  private lastError = "";
  private readonly storeDir: string;
  private readonly deadline = new FreshnessDeadline(() => void this.refresh());

  constructor(
    private readonly root: string,
    storeFolder: string,
    /** Relative to the root, as the analyzer reads it; the CLI's graph must be the same. */
    private readonly definitionsFile: string | undefined,
    private readonly events: StatusEvents,
  ) {
    this.storeDir = resolve(root, storeFolder);
  }

  /** Whether lenses can show a state: trusted, the workspace has a CLI, and the store has been read once. */
  get known(): boolean {
    return this.loaded;
  }

  get(key: string): AssetStatus | undefined {
    return this.statuses.get(key);
  }

  all(): AssetStatus[] {
    return [...this.statuses.values()];
  }

  setTrusted(trusted: boolean): void {
    if (trusted === this.trusted) return;
    this.trusted = trusted;
    if (trusted) {
      this.watcher = new StoreWatcher(this.storeDir, () => void this.refresh());
      void this.refresh();
      return;
    }
    this.watcher?.dispose();
    this.watcher = null;
    this.forget();
  }

  /** Re-reads the store; resolves when the cache reflects a read that started after this call. */
  refresh(): Promise<void> {
    if (!this.trusted) return Promise.resolve();
    if (this.reading) {
      this.readAgain = true;
      return this.reading;
    }
    this.reading = this.readLoop().finally(() => {
      this.reading = null;
    });
    return this.reading;
  }

  dispose(): void {
    this.watcher?.dispose();
    this.watcher = null;
    this.deadline.clear();
  }

  private async readLoop(): Promise<void> {
    do {
      this.readAgain = false;
      await this.readOnce();
    } while (this.readAgain && this.trusted);
  }

  private async readOnce(): Promise<void> {
    // Looked up on every read: `npm install` may add the package while the editor is open.
    const cli = workspaceCli(this.root);
    if (!cli) return;
    try {
      const read = await readStatuses(cli, this.root, this.storeDir, this.definitionsFile);
      this.watcher?.acknowledge();
      if (!this.trusted) return;
      if (!read.ok) return this.mismatched(cliMismatchMessage(STATUS_COMMAND, this.root, cli, read.mismatch.found));
      this.lastError = "";
      const next = new Map(read.value.map((status) => [status.key, status]));
      const changed = !this.loaded || JSON.stringify([...next]) !== JSON.stringify([...this.statuses]);
      this.statuses = next;
      this.loaded = true;
      this.deadline.schedule(next.values());
      if (changed) this.events.statusesChanged();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // A broken store fails the same way on every save; say it once.
      if (message !== this.lastError) {
        this.events.log.error(message);
        this.events.storeUnreadable(message);
      }
      this.lastError = message;
    }
  }

  /** Statuses from a CLI of another protocol are not read at all: lenses show no state rather than a wrong one. */
  private mismatched(message: string): void {
    if (message !== this.lastError) {
      this.events.log.error(message);
      this.events.protocolMismatch(message);
    }
    this.lastError = message;
    this.forget();
  }

  /** No statuses until the next read: lenses show no state and no warning stays, rather than old ones. */
  private forget(): void {
    this.deadline.clear();
    const had = this.loaded;
    this.statuses.clear();
    this.loaded = false;
    if (had) this.events.statusesChanged();
  }
}
