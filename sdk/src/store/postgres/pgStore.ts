/**
 * The shared store on PostgreSQL: the same answers as the SQLite store (sqliteStore.ts) for the same calls, over one
 * pool. Records are batched as SQLite's are; a run is kept alive by its heartbeat alone (no pid is trusted across
 * machines); `transaction` lets the queue write a step's records and its own rows in one commit.
 */
import { hostname } from "node:os";
import type * as Pg from "pg";
import type { CommittedValue } from "../../io/ioManager";
import type { LiveValue } from "../../io/sweepStorage";
import type { ValueTable } from "../../io/tieredIOManager";
import type { RunEvent } from "../../protocol";
import type { TickStatus } from "../../protocol/daemon";
import type { InstigatorKind } from "../../protocol/daemonInstigators";
import type { AutomationEvaluationRecord, AutomationTarget } from "../automationRecords";
import type { NewSensorTick, SensorEvaluation } from "../instigatorTables";
import { addEvent, BATCH_DELAY_MS, BATCH_SIZE, emptyPending, type Pending } from "../recordBatch";
import { heartbeatInterval } from "../runLiveness";
import type { NewRun, NewTick, Store, StoreReader } from "../store";
import { writeBatch } from "./pgBatch";
import {
  commitSensorEvaluation,
  recordAutomationEvaluation,
  recordAutomationRun,
  recordSensorTick,
  setPaused,
} from "./pgInstigators";
import { collectGarbage, recoverCrashedRuns, wipe } from "./pgMaintenance";
import { migratePostgres, type PostgresLocation } from "./migratePostgres";
import { PgDb } from "./pgPool";
import { queuedRunColumns } from "../storeRows";
import { PgReader } from "./pgReader";

export type { PostgresLocation } from "./migratePostgres";

/** A transaction of the store's: its client inside BEGIN, and `record` writing into it with `Store.record`'s meaning. */
export interface PgTransaction {
  client: Pg.PoolClient;
  /** `Store.startRun` in this transaction, for a queued run (recorded with its first steps' jobs). */
  startRun(run: NewRun): Promise<void>;
  record(events: readonly RunEvent[]): Promise<void>;
}

/** The statement that records a run started by this process. */
function runInsert(run: NewRun, heartbeatMs: number): [text: string, values: unknown[]] {
  return [
    `INSERT INTO runs (id, selection, status, origin, instigator, started_at, ended_at, pid, host, heartbeat_at,
       heartbeat_ms, config, executor, bundle_hash, plan)
     VALUES ($1, $2, 'running', $3, $4, $5, NULL, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      run.id,
      run.selection,
      run.origin,
      run.instigator ?? null,
      run.startedAt,
      process.pid,
      hostname(),
      Date.now(),
      heartbeatMs,
      run.config === undefined ? null : JSON.stringify(run.config),
      ...queuedRunColumns(run),
    ],
  ];
}

export class PostgresStore extends PgReader implements Store, ValueTable {
  private pending = emptyPending();
  private timer: NodeJS.Timeout | undefined;
  /** The batch being written (batches are written one after another, in order); never rejects. */
  private writing: Promise<void> = Promise.resolve();
  /** A batch's error not yet reported: the next record or flush throws it. */
  private failure: { error: unknown } | undefined;
  /** The runs this process is running: it beats for them. */
  private readonly live = new Set<string>();
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly heartbeatMs = heartbeatInterval();

  protected override beforeRead(): Promise<void> {
    return this.flush();
  }

  async startRun(run: NewRun): Promise<void> {
    await this.flush();
    await this.db.changed(...runInsert(run, this.heartbeatMs));
    // A queued run's steps beat for it on their workers (queue/): this process may leave at once.
    if (run.executor === "queue") return;
    this.live.add(run.id);
    // A timer, off the hot path; unref'd, so it never keeps the process alive.
    this.heartbeat ??= setInterval(() => this.beat(), this.heartbeatMs).unref();
  }

  private beat(): void {
    this.db
      .changed("UPDATE runs SET heartbeat_at = $1 WHERE id = ANY($2::text[])", [Date.now(), [...this.live]])
      // A missed beat (the server busy or briefly away): MISSED_BEATS allows for some.
      .catch(() => {});
  }

  /** After the run's end is committed: this process no longer beats for it. */
  private ended(runId: string): void {
    this.live.delete(runId);
    if (this.live.size === 0) {
      clearInterval(this.heartbeat);
      this.heartbeat = undefined;
    }
  }

  async record(event: RunEvent): Promise<void> {
    this.throwFailure();
    await this.grew(addEvent(this.pending, event));
  }

  async transaction<T>(fn: (tx: PgTransaction) => Promise<T>): Promise<T> {
    // What was recorded before comes first, as it would in SQLite's single writer.
    await this.flush();
    const finished: string[] = [];
    const result = await this.db.transaction((client) =>
      fn({
        client,
        startRun: async (run) => {
          await client.query(...runInsert(run, this.heartbeatMs));
        },
        async record(events) {
          const batch = emptyPending();
          for (const event of events) addEvent(batch, event);
          await writeBatch(client, batch);
          finished.push(...batch.finishedRuns.map(([, , runId]) => runId));
        },
      }),
    );
    for (const runId of finished) this.ended(runId);
    return result;
  }

  async wipe(keys: string[] | "all"): Promise<number> {
    await this.flush();
    return this.db.transaction((client) => wipe(client, keys));
  }

  async getStoredValue(hash: string): Promise<Buffer | undefined> {
    const pending = this.pending.values.get(hash);
    if (pending) return pending;
    // A batch being written holds values no longer pending and not yet committed.
    await this.writing;
    const [row] = await this.db.rows<{ body: Buffer }>("SELECT body FROM stored_values WHERE hash = $1", [hash]);
    return row?.body;
  }

  async putStoredValue(hash: string, bytes: Buffer): Promise<void> {
    this.throwFailure();
    this.pending.values.set(hash, bytes);
    this.pending.size++;
    await this.grew(false);
  }

  async getLegacyValue(key: string): Promise<Buffer | undefined> {
    const [row] = await this.db.rows<{ body: Buffer }>("SELECT body FROM asset_values WHERE key = $1", [key]);
    return row?.body;
  }

  /** Read without flushing: what other runs committed (see SQLite's committedValue). */
  async committedValue(key: string, partition?: string): Promise<CommittedValue | undefined> {
    const [row] =
      partition === undefined
        ? await this.db.rows<{ data_version: string; value_ref: string | null }>(
            "SELECT m.data_version, m.value_ref FROM latest_materializations latest JOIN materializations m ON m.id = latest.materialization_id WHERE latest.key = $1",
            [key],
          )
        : await this.db.rows<{ data_version: string; value_ref: string | null }>(
            "SELECT m.data_version, m.value_ref FROM latest_partition_materializations latest JOIN materializations m ON m.id = latest.materialization_id WHERE latest.key = $1 AND latest.partition = $2",
            [key, partition],
          );
    if (!row) return undefined;
    return { dataVersion: row.data_version, ...(row.value_ref !== null && { valueRef: row.value_ref }) };
  }

  async addDynamicPartitions(name: string, keys: readonly string[]): Promise<string[]> {
    await this.flush();
    const now = Date.now();
    return this.db.transaction(async (client) => {
      const added: string[] = [];
      for (const key of keys) {
        const inserted = await client.query(
          "INSERT INTO dynamic_partitions (name, key, added_at) VALUES ($1, $2, $3) ON CONFLICT (name, key) DO NOTHING",
          [name, key, now],
        );
        if ((inserted.rowCount ?? 0) > 0) added.push(key);
      }
      return added;
    });
  }

  async removeDynamicPartitions(name: string, keys: readonly string[]): Promise<string[]> {
    await this.flush();
    return this.db.transaction(async (client) => {
      const removed: string[] = [];
      for (const key of keys) {
        const deleted = await client.query("DELETE FROM dynamic_partitions WHERE name = $1 AND key = $2", [name, key]);
        if ((deleted.rowCount ?? 0) > 0) removed.push(key);
      }
      return removed;
    });
  }

  /** The primary key decides: of two daemons inserting one tick, one counts a row (the other waits, then none). */
  async recordTick(tick: NewTick): Promise<boolean> {
    const { schedule, tickAt, status, runId, reason } = tick;
    const inserted = await this.db.changed(
      `INSERT INTO ticks (schedule, tick_at, status, run_id, reason, recorded_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (schedule, tick_at) DO NOTHING`,
      [schedule, tickAt, status, runId ?? null, reason ?? null, Date.now()],
    );
    return inserted > 0;
  }

  async updateTick(schedule: string, tickAt: number, update: { status: TickStatus; runId?: string }): Promise<void> {
    await this.db.changed(
      "UPDATE ticks SET status = $1, run_id = COALESCE($2, run_id), recorded_at = $3 WHERE schedule = $4 AND tick_at = $5",
      [update.status, update.runId ?? null, Date.now(), schedule, tickAt],
    );
  }

  async setPaused(name: string, kind: InstigatorKind, paused: boolean): Promise<void> {
    await this.db.transaction((client) => setPaused(client, name, kind, paused));
  }

  async recordSensorTick(tick: NewSensorTick, claimed?: readonly { runKey: string; runId: string }[]): Promise<void> {
    await this.db.transaction((client) => recordSensorTick(client, tick, claimed));
  }

  commitSensorEvaluation<R extends { runKey?: string }>(evaluation: SensorEvaluation<R>): Promise<R[]> {
    return this.db.transaction((client) => commitSensorEvaluation(client, evaluation));
  }

  async recordAutomationEvaluation(evaluation: AutomationEvaluationRecord): Promise<void> {
    await this.db.transaction((client) => recordAutomationEvaluation(client, evaluation));
  }

  async recordAutomationRun(runId: string, evaluatedAt: number, targets: readonly AutomationTarget[]): Promise<void> {
    await this.db.transaction((client) => recordAutomationRun(client, runId, evaluatedAt, targets));
  }

  async collectGarbage(sweepFiles: (live: LiveValue[]) => void): Promise<boolean> {
    await this.flush();
    return this.db.transaction((client) => collectGarbage(client, sweepFiles));
  }

  async recoverCrashedRuns(): Promise<void> {
    await this.db.transaction((client) => recoverCrashedRuns(client, this.live));
  }

  async flush(): Promise<void> {
    await this.startWrite();
    this.throwFailure();
  }

  /** A run still unfinished here is left to crash recovery: its heartbeat stops with this store. */
  override async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      for (const runId of [...this.live]) this.ended(runId);
      await super.close();
    }
  }

  /** Writes what is pending as one transaction, after the batches before it. */
  private startWrite(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.pending.size > 0) {
      const batch = this.pending;
      this.pending = emptyPending();
      this.writing = this.writing.then(() =>
        this.write(batch).catch((error: unknown) => {
          this.failure ??= { error };
        }),
      );
    }
    return this.writing;
  }

  private async write(batch: Pending): Promise<void> {
    await this.db.transaction((client) => writeBatch(client, batch));
    for (const [, , runId] of batch.finishedRuns) this.ended(runId);
  }

  private throwFailure(): void {
    const failure = this.failure;
    this.failure = undefined;
    if (failure) throw failure.error;
  }

  /** A full batch is written before the caller goes on: a fast producer waits for the server, as with SQLite. */
  private async grew(flushNow: boolean): Promise<void> {
    if (flushNow || this.pending.size >= BATCH_SIZE) await this.flush();
    else this.timer ??= setTimeout(() => void this.startWrite(), BATCH_DELAY_MS).unref();
  }
}

/** Opens the store at `location`, migrating its schema first; marks failed the runs whose heartbeat stopped. */
export async function openPostgresStore(location: PostgresLocation): Promise<PostgresStore> {
  await migratePostgres(location);
  const db = await PgDb.open(location);
  const store = new PostgresStore(db);
  try {
    await store.recoverCrashedRuns();
  } catch (error) {
    await db.close();
    throw error;
  }
  return store;
}

/**
 * A reader. It migrates as a writer does, where SQLite answers a missing store with an empty reader: a schema on a
 * shared server is created by whoever comes first, and an up-to-date one is answered without a lock, so a reader
 * costs one query more and then reads the same empty tables. Runs whose heartbeat stopped are marked failed too,
 * as SQLite's reader does.
 */
export async function openPostgresReader(location: PostgresLocation): Promise<StoreReader> {
  await migratePostgres(location);
  const db = await PgDb.open(location);
  try {
    await db.transaction(recoverCrashedRuns);
  } catch (error) {
    // A user that may only read, or a read-only replica, reads the runs as they are: the next writer recovers them.
    if (!READ_ONLY.has((error as { code?: string }).code ?? "")) {
      await db.close();
      throw error;
    }
  }
  return new PgReader(db);
}

/** insufficient_privilege, read_only_sql_transaction (a hot standby). */
const READ_ONLY = new Set(["42501", "25006"]);
