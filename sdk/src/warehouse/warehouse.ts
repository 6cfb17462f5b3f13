/**
 * The run's warehouse: one DuckDB database (a file, or in memory for `materialize()`), opened read-write when the
 * first step needs it and, for a file, closed when no step uses it, since a DuckDB file admits one writing process.
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

/** "… Conflicting lock is held in /usr/bin/node (PID 123)": DuckDB's words for another process's open file. */
function lockHolder(error: unknown): string | undefined {
  const message = error instanceof Error ? error.message : String(error);
  if (!/Could not set lock/i.test(message)) return undefined;
  return /PID (\d+)/.exec(message)?.[1] ?? "unknown";
}

export class Warehouse {
  private instance: Promise<DuckDBInstance> | undefined;
  private opened: DuckDBInstance | undefined;
  private users = 0;

  constructor(readonly options: WarehouseOptions) {}

  /** A new connection for one step; give it back with `release`. */
  async connect(): Promise<DuckDBConnection> {
    this.users++;
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
    if (this.users === 0 && this.options.path !== undefined) this.close();
  }

  /** Closes the database now: a step releases its connection only after `connect` resolved, so it is open. */
  close(): void {
    this.opened?.closeSync();
    this.opened = undefined;
    this.instance = undefined;
  }

  private async open(): Promise<DuckDBInstance> {
    const { DuckDBInstance } = await loadDuckDB();
    const { path } = this.options;
    if (path === undefined) return DuckDBInstance.create(":memory:");
    const deadline = Date.now() + (this.options.lockTimeoutMs ?? 30_000);
    for (;;) {
      try {
        return await DuckDBInstance.create(path);
      } catch (error) {
        const holder = lockHolder(error);
        if (holder === undefined) throw error;
        if (Date.now() >= deadline)
          throw new Error(
            `the warehouse ${path} is in use by another Assetline process (pid ${holder}): wait for its run, or stop it.`,
          );
        await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
      }
    }
  }
}
