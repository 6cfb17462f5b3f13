import type Database from "better-sqlite3";
import type { CheckEvaluation, Materialization, RunEvent, RunSummary } from "../protocol";
import type { AutomationState } from "../automation/evaluate/inputs";
import type { AutomationRecord } from "../protocol/automation";
import type { Tick } from "../protocol/daemon";
import type { SensorTick } from "../protocol/daemonInstigators";
import {
  finishedRunsAfter,
  type InstigatorState,
  instigatorStates,
  latestSensorTicks,
  materializationsAfter,
  newestMaterializationId,
  type RunCursor,
  type StoredMaterialization,
} from "./instigatorTables";
import { automationState, latestAutomationEvaluations, latestMaterializationTimes } from "./automationRecords";
import type { PartitionRecord, StoreReader, StoredFailure } from "./store";
import {
  evaluationsBy,
  type FailureRow,
  type MaterializationRow,
  type PartitionRecordRow,
  type RunRow,
  type TickRow,
  toFailure,
  toMaterialization,
  toPartitionRecords,
  toQueuedRun,
  RUN_SUMMARY_COLUMNS,
  toRunSummary,
  toTick,
} from "./storeRows";

/** Shared by the read-only and the writable store: every query. */
export class SqliteReader implements StoreReader {
  constructor(protected readonly db: Database.Database) {}

  /** Writers write what they buffered before answering, so a run reads its own records. */
  protected beforeRead(): void {}

  async latestMaterializations(keys?: Iterable<string>): Promise<Map<string, Materialization>> {
    this.beforeRead();
    const latest =
      "SELECT m.* FROM latest_materializations latest JOIN materializations m ON m.id = latest.materialization_id";
    // Named keys are looked up one by one, so `show KEY` does not parse every asset's metadata.
    let rows: MaterializationRow[];
    if (keys) {
      const ofKey = this.db.prepare(`${latest} WHERE latest.key = ?`);
      rows = [...new Set(keys)].flatMap((key) => ofKey.all(key) as MaterializationRow[]);
    } else {
      // By key, as PostgreSQL answers too: a map's order is part of the answer both stores give.
      rows = this.db.prepare(`${latest} ORDER BY latest.key`).all() as MaterializationRow[];
    }
    return new Map(rows.map((row) => [row.key, toMaterialization(row)]));
  }

  async latestFailures(): Promise<Map<string, StoredFailure>> {
    this.beforeRead();
    const rows = this.db
      .prepare(
        `SELECT f.key, f.run_id, f.timestamp, f.error FROM failures f JOIN (
           SELECT MAX(f2.id) AS id FROM failures f2 JOIN runs r ON r.id = f2.run_id WHERE r.status != 'cancelled' GROUP BY f2.key
         ) latest ON f.id = latest.id`,
      )
      .all() as (FailureRow & { key: string })[];
    return new Map(rows.map((row) => [row.key, toFailure(row)]));
  }

  async latestPartitionRecords(key: string): Promise<Map<string, PartitionRecord>> {
    this.beforeRead();
    // No metadata: it is the bulk of a record, and status never shows it per partition.
    const rows = this.db
      .prepare(
        `SELECT latest.partition, m.run_id, m.timestamp, m.code_version, m.data_version, m.upstream, m.value_ref
         FROM latest_partition_materializations latest JOIN materializations m ON m.id = latest.materialization_id
         WHERE latest.key = ?`,
      )
      .raw()
      .all(key) as PartitionRecordRow[];
    return toPartitionRecords(rows);
  }

  async latestPartitionFailures(key: string): Promise<Map<string, StoredFailure>> {
    this.beforeRead();
    const rows = this.db
      .prepare(
        `SELECT f.partition, f.run_id, f.timestamp, f.error FROM failures f JOIN (
           SELECT MAX(f2.id) AS id FROM failures f2 JOIN runs r ON r.id = f2.run_id
           WHERE f2.key = ? AND f2.partition IS NOT NULL AND r.status != 'cancelled' GROUP BY f2.partition
         ) latest ON f.id = latest.id`,
      )
      .all(key) as (FailureRow & { partition: string })[];
    return new Map(rows.map((row) => [row.partition, toFailure(row)]));
  }

  async latestPartitionMaterialization(key: string, partition: string): Promise<Materialization | undefined> {
    this.beforeRead();
    const row = this.db
      .prepare(
        `SELECT m.* FROM latest_partition_materializations latest JOIN materializations m ON m.id = latest.materialization_id
         WHERE latest.key = ? AND latest.partition = ?`,
      )
      .get(key, partition) as MaterializationRow | undefined;
    return row && toMaterialization(row);
  }

  async latestCheckEvaluations(): Promise<Map<string, CheckEvaluation>> {
    this.beforeRead();
    const rows = this.db
      .prepare(
        `SELECT latest.check_key, e.body FROM latest_check_evaluations latest
         JOIN check_evaluations e ON e.id = latest.evaluation_id`,
      )
      .raw()
      .all() as [string, string][];
    return evaluationsBy(rows);
  }

  async latestPartitionCheckEvaluations(checkKey: string): Promise<Map<string, CheckEvaluation>> {
    this.beforeRead();
    const rows = this.db
      .prepare(
        `SELECT latest.partition, e.body FROM latest_partition_check_evaluations latest
         JOIN check_evaluations e ON e.id = latest.evaluation_id WHERE latest.check_key = ?`,
      )
      .raw()
      .all(checkKey) as [string, string][];
    return evaluationsBy(rows);
  }

  async dynamicPartitionKeys(name: string): Promise<string[]> {
    this.beforeRead();
    const rows = this.db
      .prepare("SELECT key FROM dynamic_partitions WHERE name = ? ORDER BY added_at, rowid")
      .all(name) as { key: string }[];
    return rows.map((row) => row.key);
  }

  async runs(limit: number): Promise<RunSummary[]> {
    this.beforeRead();
    const rows = this.db
      .prepare(`SELECT ${RUN_SUMMARY_COLUMNS} FROM runs ORDER BY started_at DESC, runs.rowid DESC LIMIT ?`)
      .all(limit) as RunRow[];
    return rows.map(toRunSummary);
  }

  async run(runId: string): Promise<RunSummary | undefined> {
    this.beforeRead();
    const row = this.db.prepare(`SELECT ${RUN_SUMMARY_COLUMNS} FROM runs WHERE id = ?`).get(runId) as
      | RunRow
      | undefined;
    return row && toRunSummary(row);
  }

  async queuedRun(runId: string) {
    this.beforeRead();
    return toQueuedRun(
      this.db.prepare("SELECT executor, bundle_hash, plan FROM runs WHERE id = ?").get(runId) as RunRow | undefined,
    );
  }

  async runValue(runId: string, key: string, partition?: string): Promise<Materialization | undefined> {
    this.beforeRead();
    const row = this.db
      .prepare(
        "SELECT * FROM materializations WHERE run_id = ? AND key = ? AND partition IS ? ORDER BY id DESC LIMIT 1",
      )
      .get(runId, key, partition ?? null) as MaterializationRow | undefined;
    return row && toMaterialization(row);
  }

  async runIdsStartingWith(prefix: string, limit: number): Promise<string[]> {
    this.beforeRead();
    // substr, not LIKE: a typed `%` or `_` is part of the id, not a wildcard.
    const rows = this.db
      .prepare("SELECT id FROM runs WHERE substr(id, 1, ?) = ? ORDER BY id LIMIT ?")
      .all(prefix.length, prefix, limit) as { id: string }[];
    return rows.map((row) => row.id);
  }

  async latestTicks(): Promise<Map<string, Tick>> {
    this.beforeRead();
    const rows = this.db
      .prepare(
        "SELECT t.* FROM ticks t JOIN (SELECT schedule, MAX(tick_at) AS tick_at FROM ticks GROUP BY schedule) latest USING (schedule, tick_at)",
      )
      .all() as TickRow[];
    return new Map(rows.map((row) => [row.schedule, toTick(row)]));
  }

  async instigatorStates(): Promise<Map<string, InstigatorState>> {
    this.beforeRead();
    return instigatorStates(this.db);
  }

  async latestSensorTicks(): Promise<Map<string, SensorTick>> {
    this.beforeRead();
    return latestSensorTicks(this.db);
  }

  async newestMaterializationId(key: string): Promise<number> {
    this.beforeRead();
    return newestMaterializationId(this.db, key);
  }

  async materializationsAfter(key: string, afterId: number, limit: number): Promise<StoredMaterialization[]> {
    this.beforeRead();
    return materializationsAfter(this.db, key, afterId, limit, toMaterialization);
  }

  async finishedRunsAfter(after: RunCursor, limit: number): Promise<RunSummary[]> {
    this.beforeRead();
    return finishedRunsAfter(this.db, after, limit, toRunSummary);
  }

  async latestMaterializationTimes(): Promise<Map<string, number>> {
    this.beforeRead();
    return latestMaterializationTimes(this.db);
  }

  async latestAutomationEvaluations(keys?: Iterable<string>): Promise<Map<string, AutomationRecord[]>> {
    this.beforeRead();
    return latestAutomationEvaluations(this.db, keys);
  }

  async automationState(): Promise<AutomationState | undefined> {
    this.beforeRead();
    return automationState(this.db);
  }

  async events(runId: string): Promise<RunEvent[]> {
    this.beforeRead();
    const rows = this.db.prepare("SELECT body FROM events WHERE run_id = ? ORDER BY id").all(runId) as {
      body: string;
    }[];
    return rows.flatMap((row) => JSON.parse(row.body) as RunEvent[]);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
