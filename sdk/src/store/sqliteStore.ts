import Database from "better-sqlite3";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import type { RunEvent } from "../protocol";
import type { CommittedValue } from "../io/ioManager";
import type { LiveValue } from "../io/sweepStorage";
import type { ValueTable } from "../io/tieredIOManager";
import {
  type AutomationEvaluationRecord,
  type AutomationTarget,
  recordAutomationEvaluation,
  recordAutomationRun,
} from "./automationRecords";
import { crashedRuns, recoverCrashedRuns } from "./crashRecovery";
import { collectGarbage } from "./garbage";
import { migrate, SCHEMA_VERSION, schemaVersion } from "./migrations";
import { addEvent, BATCH_DELAY_MS, BATCH_SIZE, emptyPending, materializationValues, type Pending } from "./recordBatch";
import { heartbeatInterval, RunLock } from "./runLiveness";
import { SqliteReader } from "./sqliteReader";
import { queuedRunColumns } from "./storeRows";
import type { TickStatus } from "../protocol/daemon";
import type { InstigatorKind } from "../protocol/daemonInstigators";
import {
  commitSensorEvaluation,
  type NewSensorTick,
  recordSensorTick,
  type SensorEvaluation,
  setPaused,
} from "./instigatorTables";
import type { NewRun, NewTick, Store, StoreReader } from "./store";
import { assertStoreFolderSafe, DATABASE_FILE } from "./storeFolder";

export { DATABASE_FILE } from "./storeFolder";

const BUSY_TIMEOUT_MS = 10_000;

/** Concurrent runs wait for each other's short write transactions instead of failing with SQLITE_BUSY. */
function configure(db: Database.Database): void {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  enableWal(db);
  db.pragma("synchronous = NORMAL");
}

/**
 * Switching a new database to WAL needs an exclusive lock, and SQLite may answer SQLITE_BUSY at once, without its busy
 * handler, when another process opens the same new store at that moment (seen once with two runs started together).
 */
function enableWal(db: Database.Database): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      db.pragma("journal_mode = WAL");
      return;
    } catch (error) {
      // Extended codes too (SQLITE_BUSY_RECOVERY while another process rebuilds the WAL index).
      if (!String((error as { code?: string }).code).startsWith("SQLITE_BUSY") || Date.now() > deadline) throw error;
      Atomics.wait(pause, 0, 0, 25);
    }
  }
}

/** The writable store: batches records, keeps small values, and keeps its running runs visibly alive. */
class SqliteStore extends SqliteReader implements Store, ValueTable {
  private pending = emptyPending();
  private timer: NodeJS.Timeout | undefined;
  /** The runs this process is running, each holding its lock (see runLiveness.ts). */
  private readonly live = new Map<string, RunLock>();
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly heartbeatMs = heartbeatInterval();
  private readonly statements;
  private readonly writeBatch: Database.Transaction<(batch: Pending) => void>;

  constructor(
    db: Database.Database,
    private readonly storeDir: string,
  ) {
    super(db);
    const s = {
      insertRun: db.prepare(
        "INSERT INTO runs (id, selection, status, origin, instigator, started_at, ended_at, pid, host, heartbeat_at, heartbeat_ms, config, executor, bundle_hash, plan) VALUES (?, ?, 'running', ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?)",
      ),
      beat: db.prepare("UPDATE runs SET heartbeat_at = ? WHERE id = ?"),
      finishRun: db.prepare("UPDATE runs SET status = ?, ended_at = ? WHERE id = ?"),
      insertEvents: db.prepare("INSERT INTO events (run_id, body) VALUES (?, ?)"),
      insertMaterialization: db.prepare(
        "INSERT INTO materializations (key, run_id, timestamp, duration_ms, metadata, code_version, data_version, upstream, value_ref, partition) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      ),
      setLatest: db.prepare(
        "INSERT INTO latest_materializations (key, materialization_id) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET materialization_id = excluded.materialization_id",
      ),
      setLatestPartition: db.prepare(
        "INSERT INTO latest_partition_materializations (key, partition, materialization_id) VALUES (?, ?, ?) ON CONFLICT(key, partition) DO UPDATE SET materialization_id = excluded.materialization_id",
      ),
      insertFailure: db.prepare(
        "INSERT INTO failures (key, run_id, timestamp, error, partition) VALUES (?, ?, ?, ?, ?)",
      ),
      insertEvaluation: db.prepare(
        "INSERT INTO check_evaluations (check_key, asset, partition, run_id, timestamp, body) VALUES (?, ?, ?, ?, ?, ?)",
      ),
      setLatestEvaluation: db.prepare(
        "INSERT INTO latest_check_evaluations (check_key, evaluation_id) VALUES (?, ?) ON CONFLICT(check_key) DO UPDATE SET evaluation_id = excluded.evaluation_id",
      ),
      setLatestPartitionEvaluation: db.prepare(
        "INSERT INTO latest_partition_check_evaluations (check_key, partition, evaluation_id) VALUES (?, ?, ?) ON CONFLICT(check_key, partition) DO UPDATE SET evaluation_id = excluded.evaluation_id",
      ),
      // The same hash is the same bytes: a value stored twice keeps its row.
      putValue: db.prepare("INSERT INTO stored_values (hash, body) VALUES (?, ?) ON CONFLICT(hash) DO NOTHING"),
      getValue: db.prepare("SELECT body FROM stored_values WHERE hash = ?"),
      getLegacyValue: db.prepare("SELECT body FROM asset_values WHERE key = ?"),
      committedValue: db.prepare(
        "SELECT m.data_version, m.value_ref FROM latest_materializations latest JOIN materializations m ON m.id = latest.materialization_id WHERE latest.key = ?",
      ),
      committedPartitionValue: db.prepare(
        "SELECT m.data_version, m.value_ref FROM latest_partition_materializations latest JOIN materializations m ON m.id = latest.materialization_id WHERE latest.key = ? AND latest.partition = ?",
      ),
      addDynamicPartition: db.prepare(
        "INSERT INTO dynamic_partitions (name, key, added_at) VALUES (?, ?, ?) ON CONFLICT(name, key) DO NOTHING",
      ),
      removeDynamicPartition: db.prepare("DELETE FROM dynamic_partitions WHERE name = ? AND key = ?"),
      insertTick: db.prepare(
        "INSERT INTO ticks (schedule, tick_at, status, run_id, reason, recorded_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(schedule, tick_at) DO NOTHING",
      ),
      updateTick: db.prepare(
        "UPDATE ticks SET status = ?, run_id = COALESCE(?, run_id), recorded_at = ? WHERE schedule = ? AND tick_at = ?",
      ),
    };
    this.statements = s;
    this.writeBatch = db.transaction((batch: Pending) => {
      // Values before the materializations that describe them; the run's end last.
      for (const [hash, bytes] of batch.values) s.putValue.run(hash, bytes);
      for (const m of batch.materializations) {
        const row = s.insertMaterialization.run(...materializationValues(m));
        s.setLatest.run(m.key, row.lastInsertRowid);
        if (m.partition !== undefined) s.setLatestPartition.run(m.key, m.partition, row.lastInsertRowid);
      }
      for (const failure of batch.failures) s.insertFailure.run(...failure);
      for (const e of batch.evaluations) {
        const partition = e.partition ?? null;
        const row = s.insertEvaluation.run(e.checkKey, e.asset, partition, e.runId, e.timestamp, JSON.stringify(e));
        s.setLatestEvaluation.run(e.checkKey, row.lastInsertRowid);
        if (partition !== null) s.setLatestPartitionEvaluation.run(e.checkKey, partition, row.lastInsertRowid);
      }
      for (const [runId, events] of batch.events) s.insertEvents.run(runId, JSON.stringify(events));
      for (const finished of batch.finishedRuns) s.finishRun.run(...finished);
    });
  }

  protected override beforeRead(): void {
    this.writePending();
  }

  async recoverCrashedRuns(): Promise<void> {
    if (crashedRuns(this.db, this.storeDir).length > 0) recoverCrashedRuns(this.db, this.storeDir);
  }

  /** The lock comes first: a run is never recorded running without a live sign of its process. */
  async startRun(run: NewRun): Promise<void> {
    this.writePending();
    this.live.set(run.id, RunLock.acquire(this.storeDir, run.id));
    const { id, selection, origin, startedAt } = run;
    this.statements.insertRun.run(
      id,
      selection,
      origin,
      run.instigator ?? null,
      startedAt,
      process.pid,
      hostname(),
      Date.now(),
      this.heartbeatMs,
      run.config === undefined ? null : JSON.stringify(run.config),
      ...queuedRunColumns(run),
    );
    // A timer, off the hot path; unref'd, so it never keeps the process alive.
    this.heartbeat ??= setInterval(() => this.beat(), this.heartbeatMs).unref();
  }

  private beat(): void {
    try {
      const now = Date.now();
      for (const runId of this.live.keys()) this.statements.beat.run(now, runId);
    } catch {
      // The store stayed busy past the busy timeout: a missed beat, and MISSED_BEATS allows for some.
    }
  }

  /** After the run's end is committed: its process no longer vouches for it. */
  private ended(runId: string): void {
    this.live.get(runId)?.release();
    this.live.delete(runId);
    if (this.live.size === 0) {
      clearInterval(this.heartbeat);
      this.heartbeat = undefined;
    }
  }

  async record(event: RunEvent): Promise<void> {
    this.grew(addEvent(this.pending, event));
  }

  async wipe(keys: string[] | "all"): Promise<number> {
    this.writePending();
    return this.db
      .transaction(() => {
        if (keys === "all") {
          const count = (
            this.db.prepare("SELECT COUNT(DISTINCT key) AS n FROM materializations").get() as { n: number }
          ).n;
          this.db.exec(
            `DELETE FROM materializations; DELETE FROM latest_materializations; DELETE FROM latest_partition_materializations;
             DELETE FROM failures; DELETE FROM check_evaluations; DELETE FROM latest_check_evaluations;
             DELETE FROM latest_partition_check_evaluations;`,
          );
          return count;
        }
        let count = 0;
        for (const key of keys) {
          count += this.db.prepare("DELETE FROM materializations WHERE key = ?").run(key).changes > 0 ? 1 : 0;
          this.db.prepare("DELETE FROM latest_materializations WHERE key = ?").run(key);
          this.db.prepare("DELETE FROM latest_partition_materializations WHERE key = ?").run(key);
          this.db.prepare("DELETE FROM failures WHERE key = ?").run(key);
          // The latest rows point into the asset's evaluations: gone before the rows they point to.
          for (const table of ["latest_check_evaluations", "latest_partition_check_evaluations"])
            this.db
              .prepare(`DELETE FROM ${table} WHERE evaluation_id IN (SELECT id FROM check_evaluations WHERE asset = ?)`)
              .run(key);
          this.db.prepare("DELETE FROM check_evaluations WHERE asset = ?").run(key);
        }
        return count;
      })
      .immediate();
  }

  async getStoredValue(hash: string): Promise<Buffer | undefined> {
    return this.pending.values.get(hash) ?? (this.statements.getValue.get(hash) as { body: Buffer } | undefined)?.body;
  }

  async putStoredValue(hash: string, bytes: Buffer): Promise<void> {
    this.pending.values.set(hash, bytes);
    this.pending.size++;
    this.grew(false);
  }

  async getLegacyValue(key: string): Promise<Buffer | undefined> {
    return (this.statements.getLegacyValue.get(key) as { body: Buffer } | undefined)?.body;
  }

  /**
   * Read without flushing: what other runs committed. A run answers for the keys it materialized itself, so its own
   * buffered records need not be written first (a flush per loaded input would cost a transaction each).
   */
  async committedValue(key: string, partition?: string): Promise<CommittedValue | undefined> {
    const row = (
      partition === undefined
        ? this.statements.committedValue.get(key)
        : this.statements.committedPartitionValue.get(key, partition)
    ) as { data_version: string; value_ref: string | null } | undefined;
    if (!row) return undefined;
    return { dataVersion: row.data_version, ...(row.value_ref !== null && { valueRef: row.value_ref }) };
  }

  async addDynamicPartitions(name: string, keys: readonly string[]): Promise<string[]> {
    this.writePending();
    const now = Date.now();
    return this.db
      .transaction(() => keys.filter((key) => this.statements.addDynamicPartition.run(name, key, now).changes > 0))
      .immediate();
  }

  async removeDynamicPartitions(name: string, keys: readonly string[]): Promise<string[]> {
    this.writePending();
    return this.db
      .transaction(() => keys.filter((key) => this.statements.removeDynamicPartition.run(name, key).changes > 0))
      .immediate();
  }

  async recordTick(tick: NewTick): Promise<boolean> {
    const { schedule, tickAt, status, runId, reason } = tick;
    const insert = () =>
      this.statements.insertTick.run(schedule, tickAt, status, runId ?? null, reason ?? null, Date.now());
    // IMMEDIATE: two daemons on one store (one starting as the other stops) agree on who recorded the tick.
    return this.db.transaction(() => insert().changes > 0).immediate();
  }

  async updateTick(schedule: string, tickAt: number, update: { status: TickStatus; runId?: string }): Promise<void> {
    this.statements.updateTick.run(update.status, update.runId ?? null, Date.now(), schedule, tickAt);
  }

  async setPaused(name: string, kind: InstigatorKind, paused: boolean): Promise<void> {
    setPaused(this.db, name, kind, paused);
  }

  async recordSensorTick(tick: NewSensorTick, claimed?: readonly { runKey: string; runId: string }[]): Promise<void> {
    recordSensorTick(this.db, tick, claimed);
  }

  async commitSensorEvaluation<R extends { runKey?: string }>(evaluation: SensorEvaluation<R>): Promise<R[]> {
    return commitSensorEvaluation(this.db, evaluation);
  }

  async recordAutomationEvaluation(evaluation: AutomationEvaluationRecord): Promise<void> {
    recordAutomationEvaluation(this.db, evaluation);
  }

  async recordAutomationRun(runId: string, evaluatedAt: number, targets: readonly AutomationTarget[]): Promise<void> {
    recordAutomationRun(this.db, runId, evaluatedAt, targets);
  }

  async collectGarbage(sweepFiles: (live: LiveValue[]) => void): Promise<boolean> {
    this.writePending();
    return collectGarbage(this.db, sweepFiles);
  }

  async flush(): Promise<void> {
    this.writePending();
  }

  /** Synchronous underneath: the timer's flush throws as it always did, and a record's flush rejects its promise. */
  private writePending(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = emptyPending();
    this.writeBatch.immediate(batch);
    for (const [, , runId] of batch.finishedRuns) this.ended(runId);
  }

  /** A run still unfinished here is left to crash recovery, which its released lock lets mark it failed. */
  override async close(): Promise<void> {
    this.writePending();
    for (const runId of [...this.live.keys()]) this.ended(runId);
    await super.close();
  }

  private grew(flushNow: boolean): void {
    if (flushNow || this.pending.size >= BATCH_SIZE) this.writePending();
    else this.timer ??= setTimeout(() => this.writePending(), BATCH_DELAY_MS).unref();
  }
}

/** A store that cannot be opened: the user's folder or file is wrong, not the program. The message names both. */
export class StoreUnavailable extends Error {}

const moveAside =
  "move it aside to start a new store, or choose another folder with --store or the assetline.storeFolder setting";

/**
 * Why a store cannot be opened, naming its file and the way out. SQLite fails on a file that is not a database before
 * writing anything to it, so whatever it holds is left as it was.
 */
function storeError(file: string, error: unknown): Error {
  const code = String((error as { code?: string }).code ?? "");
  const message = error instanceof Error ? error.message : String(error);
  if (code === "SQLITE_NOTADB" || code.startsWith("SQLITE_CORRUPT")) {
    return new StoreUnavailable(
      `${file} is not a readable Assetline store (${message}): ${moveAside}. It was left untouched.`,
    );
  }
  // SQLite's own words name no file and no fix; other errors (a newer schema) carry their fix.
  if (code.startsWith("SQLITE_"))
    return new StoreUnavailable(
      `cannot open the Assetline store ${file} (${message}): check that you may read and write it, or ${moveAside}.`,
    );
  return new StoreUnavailable(`cannot open the Assetline store ${file}: ${message}`);
}

/**
 * The store folder must be a folder (a file there would read as "no store yet" and hide every run), and its database
 * a file (SQLite answers a folder with a bare "disk I/O error").
 */
export function requireFolder(storeDir: string): void {
  if (existsSync(storeDir) && !statSync(storeDir).isDirectory()) {
    throw new StoreUnavailable(
      `${storeDir} is not a folder: --store and the assetline.storeFolder setting name the folder that holds ${DATABASE_FILE}.`,
    );
  }
  const file = join(storeDir, DATABASE_FILE);
  if (existsSync(file) && statSync(file).isDirectory())
    throw new StoreUnavailable(`${file} is a folder, not an Assetline store: ${moveAside}.`);
}

/** Opens the database file, naming it and the fix when SQLite cannot. */
function openDatabase(file: string, options?: Database.Options): Database.Database {
  try {
    return new Database(file, options);
  } catch (error) {
    throw storeError(file, error);
  }
}

/** Opens (creating if needed) the store in `storeDir` for a run or a wipe; marks runs of dead processes failed. */
export async function openSqliteStore(storeDir: string): Promise<Store & ValueTable> {
  requireFolder(storeDir);
  assertStoreFolderSafe(storeDir);
  mkdirSync(storeDir, { recursive: true });
  const file = join(storeDir, DATABASE_FILE);
  const db = openDatabase(file);
  try {
    configure(db);
    migrate(db);
    recoverCrashedRuns(db, storeDir);
  } catch (error) {
    db.close();
    throw storeError(file, error);
  }
  return new SqliteStore(db, storeDir);
}

/** A reader that never writes nor blocks a run (WAL readers see the last committed state); empty when there is no store yet. */
export async function openSqliteReader(storeDir: string): Promise<StoreReader> {
  requireFolder(storeDir);
  // A reader writes too (it marks crashed runs failed): never through a linked database file.
  assertStoreFolderSafe(storeDir);
  const file = join(storeDir, DATABASE_FILE);
  if (!existsSync(file)) return emptyReader;
  const db = openDatabase(file, { readonly: true, fileMustExist: true });
  db.pragma("busy_timeout = 10000");
  try {
    db.prepare("SELECT 1 FROM runs LIMIT 1").get();
  } catch (error) {
    db.close();
    // Created but not yet migrated by its first writer: nothing has been recorded.
    if (error instanceof Error && error.message.startsWith("no such table")) return emptyReader;
    throw storeError(file, error);
  }
  // Readers see crashed runs too; only then (or for a store an older Assetline wrote) is a writable connection
  // opened, briefly, to bring the schema up to date and mark them failed.
  if (schemaVersion(db) < SCHEMA_VERSION || crashedRuns(db, storeDir).length > 0) {
    const writer = new Database(file);
    configure(writer);
    migrate(writer);
    recoverCrashedRuns(writer, storeDir);
    writer.close();
  }
  return new SqliteReader(db);
}

const emptyReader: StoreReader = {
  latestMaterializations: async () => new Map(),
  latestFailures: async () => new Map(),
  latestPartitionRecords: async () => new Map(),
  latestPartitionFailures: async () => new Map(),
  latestPartitionMaterialization: async () => undefined,
  latestCheckEvaluations: async () => new Map(),
  latestPartitionCheckEvaluations: async () => new Map(),
  dynamicPartitionKeys: async () => [],
  runs: async () => [],
  run: async () => undefined,
  runIdsStartingWith: async () => [],
  events: async () => [],
  queuedRun: async () => undefined,
  runValue: async () => undefined,
  latestTicks: async () => new Map(),
  instigatorStates: async () => new Map(),
  latestSensorTicks: async () => new Map(),
  newestMaterializationId: async () => 0,
  materializationsAfter: async () => [],
  finishedRunsAfter: async () => [],
  latestMaterializationTimes: async () => new Map(),
  latestAutomationEvaluations: async () => new Map(),
  automationState: async () => undefined,
  close: async () => {},
};
