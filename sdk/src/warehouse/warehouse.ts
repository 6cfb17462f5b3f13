/**
 * The run's warehouse: one DuckDB database (a file, or in memory for `materialize()`), opened read-write when the
 * first step needs it and, for a file, closed once no step has used it for a moment, since a DuckDB file admits one
 * writing process. The moment matters: closing checkpoints the file and opening reads its catalog, which between the
 * steps of a chain cost more than the steps' SQL (bench/data).
 */
import type { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { loadDuckDB } from "./loadDuckDB";

export interface WarehouseOptions {
  /** The database file; absent: in memory, kept until `close()`. */
  path?: string;
  /** How long to wait for another process's lock on the file. */
  lockTimeoutMs?: number;
}

const LOCK_RETRY_MS = 250;
/** How long an unused file stays open for the next step before another process may have it. */
const IDLE_CLOSE_MS = 500;

/** "… Conflicting lock is held in /usr/bin/node (PID 123)": DuckDB's words for another process's open file. */
function lockHolder(error: unknown): string | undefined {
  const message = error instanceof Error ? error.message : String(error);
  if (!/Could not set lock/i.test(message)) return undefined;
  return /PID (\d+)/.exec(message)?.[1] ?? "unknown";
}

/**
 * Opens a DuckDB file another process may hold (a run writing it, or a reader while a run wants to write): retried
 * every `retryMs` until `timeoutMs`, then `busy(pid)` is thrown. Any other failure is thrown at once.
 */
export async function openWaitingForLock<T>(
  open: () => Promise<T>,
  { timeoutMs, retryMs, busy }: { timeoutMs: number; retryMs: number; busy: (holder: string) => Error },
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await open();
    } catch (error) {
      const holder = lockHolder(error);
      if (holder === undefined) throw error;
      if (Date.now() >= deadline) throw busy(holder);
      await new Promise((resolve) => setTimeout(resolve, retryMs));
    }
  }
}

export class Warehouse {
  private instance: Promise<DuckDBInstance> | undefined;
  private opened: DuckDBInstance | undefined;
  private users = 0;
  private idle: NodeJS.Timeout | undefined;

  constructor(readonly options: WarehouseOptions) {}

  /** A new connection for one step; give it back with `release`. */
  async connect(): Promise<DuckDBConnection> {
    this.users++;
    clearTimeout(this.idle);
    try {
      this.instance ??= this.open().then((opened) => (this.opened = opened));
      return await (await this.instance).connect();
    } catch (error) {
      this.users--;
      this.instance = undefined;
      throw error;
    }
  }

  release(connection: DuckDBConnection): void {
    connection.closeSync();
    this.users--;
    if (this.users > 0 || this.options.path === undefined) return;
    this.idle = setTimeout(() => this.close(), IDLE_CLOSE_MS);
    this.idle.unref();
  }

  /** Closes the database now: a step releases its connection only after `connect` resolved, so it is open. */
  close(): void {
    clearTimeout(this.idle);
    this.opened?.closeSync();
    this.opened = undefined;
    this.instance = undefined;
  }

  private async open(): Promise<DuckDBInstance> {
    const { DuckDBInstance } = await loadDuckDB();
    const { path } = this.options;
    // Uncompressed: on two cores DuckDB's compression took several times the SQL it stored (bench/data); a working
    // warehouse beside the code trades disk for speed, as the JSON store does.
    const settings = { force_compression: "uncompressed" };
    if (path === undefined) return DuckDBInstance.create(":memory:", settings);
    return openWaitingForLock(() => DuckDBInstance.create(path, settings), {
      timeoutMs: this.options.lockTimeoutMs ?? 30_000,
      retryMs: LOCK_RETRY_MS,
      busy: (holder) =>
        new Error(
          `the warehouse ${path} is in use by another Assetline process (pid ${holder}): wait for its run, or stop it.`,
        ),
    });
  }
}
