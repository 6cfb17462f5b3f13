/**
 * Watches the store folder for runs that finish anywhere (the editor, a terminal, CI on a shared disk). SQLite touches
 * its files on every read too, including ours, so a change counts only when the database or its WAL differ in size or
 * time from the last fingerprint taken; that keeps our own `status` reads from re-triggering themselves. The daemon's
 * info file counts too, so lenses follow `assetline dev` starting and stopping.
 */
import { existsSync, statSync, watch, type FSWatcher } from "node:fs";
import { basename, dirname, join } from "node:path";

const SETTLE_MS = 150;

export class StoreWatcher {
  private watcher: FSWatcher | null = null;
  private watching: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastFingerprint = "";

  constructor(
    private readonly storeDir: string,
    private readonly onChange: () => void,
  ) {
    this.attach();
  }

  /**
   * Call after reading the store, so the read's own traces are not taken for a change. Also the moment to start
   * watching a store whose folder did not exist before (a custom `storeFolder` that a run has just created).
   */
  acknowledge(): void {
    if (this.watching !== this.watchTarget()) this.attach();
    this.lastFingerprint = this.fingerprint();
  }

  dispose(): void {
    this.watcher?.close();
    this.watcher = null;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Watches the store folder, or its parent until the first run creates the store. */
  private attach(): void {
    this.watcher?.close();
    const target = this.watchTarget();
    try {
      this.watcher = watch(target, (_event, name) => {
        if (target === this.storeDir || name === basename(this.storeDir)) this.schedule();
      });
      this.watcher.on("error", () => this.attach());
      this.watching = target;
    } catch {
      // Neither the store nor its parent exists: statuses still refresh on saves and finished runs.
      this.watcher = null;
      this.watching = null;
    }
  }

  private watchTarget(): string {
    return existsSync(this.storeDir) ? this.storeDir : dirname(this.storeDir);
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      // The first run creates the store; `rm -rf .assetline` removes it: follow either way.
      if (this.watching !== this.watchTarget()) this.attach();
      const fingerprint = this.fingerprint();
      if (fingerprint === this.lastFingerprint) return;
      this.lastFingerprint = fingerprint;
      this.onChange();
    }, SETTLE_MS);
  }

  private fingerprint(): string {
    // A daemon starting or stopping writes or removes its info file: reads then go to it, or back to the CLI.
    return ["assetline.db", "assetline.db-wal", "daemon.json"]
      .map((name) => {
        try {
          const stat = statSync(join(this.storeDir, name));
          return `${stat.size}:${stat.mtimeMs}`;
        } catch {
          return "-";
        }
      })
      .join("|");
  }
}
