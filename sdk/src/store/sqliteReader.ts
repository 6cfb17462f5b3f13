import type Database from "better-sqlite3";
import * as v from "valibot";
import {
  type CheckEvaluation,
  CheckEvaluationSchema,
  type Materialization,
  type RunEvent,
  type RunOrigin,
  type RunStatus,
  type RunSummary,
} from "../protocol";
import type { AutomationState } from "../automation/evaluate/inputs";
import type { AutomationRecord } from "../protocol/automation";
import type { Tick, TickStatus } from "../protocol/daemon";
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

interface MaterializationRow {
  key: string;
  run_id: string;
  timestamp: number;
  duration_ms: number;
  metadata: string;
  code_version: string;
  data_version: string;
  upstream: string;
  /** NULL for records written before schema 3 (absent in a store not migrated yet). */
  value_ref?: string | null;
  /** NULL for an unpartitioned asset and for records written before schema 5. */
  partition?: string | null;
}

/** partition, run_id, timestamp, code_version, data_version, upstream, value_ref */
type PartitionRecordRow = [string, string, number, string, string, string, string | null];

interface FailureRow {
  run_id: string;
  timestamp: number;
  error: string;
}

interface RunRow {
  id: string;
  selection: string;
  status: RunStatus;
  origin: RunOrigin;
  instigator: string | null;
  started_at: number;
  ended_at: number | null;
  config: string | null;
}

function toMaterialization(row: MaterializationRow): Materialization {
  return {
    key: row.key,
    ...(typeof row.partition === "string" && { partition: row.partition }),
    runId: row.run_id,
    timestamp: row.timestamp,
    durationMs: row.duration_ms,
    metadata: JSON.parse(row.metadata),
    codeVersion: row.code_version,
    dataVersion: row.data_version,
    upstreamDataVersions: JSON.parse(row.upstream),
    ...(typeof row.value_ref === "string" && { valueRef: row.value_ref }),
  };
}

function toFailure(row: FailureRow): StoredFailure {
  return { runId: row.run_id, timestamp: row.timestamp, error: row.error };
}

/**
 * Evaluations are stored as their JSON and read back through the protocol's schema, as the editor reads `status
 * --json`: a row that does not fit (a damaged store) reads as no evaluation rather than as a wrong one.
 */
function evaluationsBy(rows: [by: string, body: string][]): Map<string, CheckEvaluation> {
  const evaluations = new Map<string, CheckEvaluation>();
  for (const [by, body] of rows) {
    const parsed = v.safeParse(CheckEvaluationSchema, JSON.parse(body));
    if (parsed.success) evaluations.set(by, parsed.output);
  }
  return evaluations;
}

interface TickRow {
  schedule: string;
  tick_at: number;
  status: TickStatus;
  run_id: string | null;
  reason: string | null;
  recorded_at: number;
}

function toTick(row: TickRow): Tick {
  return {
    schedule: row.schedule,
    tickAt: row.tick_at,
    status: row.status,
    ...(row.run_id !== null && { runId: row.run_id }),
    ...(row.reason !== null && { reason: row.reason }),
    recordedAt: row.recorded_at,
  };
}

function toRunSummary(row: RunRow): RunSummary {
  return {
    id: row.id,
    status: row.status,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    selection: row.selection,
    origin: row.origin,
    ...(row.instigator !== null && { instigator: row.instigator }),
    ...(typeof row.config === "string" && { config: JSON.parse(row.config) as Record<string, unknown> }),
  };
}

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
      rows = this.db.prepare(latest).all() as MaterializationRow[];
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
    // No metadata: it is the bulk of a record, and status never shows it per partition. Rows as arrays, and no
    // object spread: status reads 1,096 of these per asset.
    const rows = this.db
      .prepare(
        `SELECT latest.partition, m.run_id, m.timestamp, m.code_version, m.data_version, m.upstream, m.value_ref
         FROM latest_partition_materializations latest JOIN materializations m ON m.id = latest.materialization_id
         WHERE latest.key = ?`,
      )
      .raw()
      .all(key) as PartitionRecordRow[];
    const records = new Map<string, PartitionRecord>();
    for (const [partition, runId, timestamp, codeVersion, dataVersion, upstream, valueRef] of rows) {
      // Most records consumed nothing: no parse for the empty object.
      const upstreamDataVersions = upstream === "{}" ? {} : JSON.parse(upstream);
      const record: PartitionRecord = { runId, timestamp, codeVersion, dataVersion, upstreamDataVersions };
      if (valueRef !== null) record.valueRef = valueRef;
      records.set(partition, record);
    }
    return records;
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
      .prepare("SELECT * FROM runs ORDER BY started_at DESC, rowid DESC LIMIT ?")
      .all(limit) as RunRow[];
    return rows.map(toRunSummary);
  }

  async run(runId: string): Promise<RunSummary | undefined> {
    this.beforeRead();
    const row = this.db.prepare("SELECT * FROM runs WHERE id = ?").get(runId) as RunRow | undefined;
    return row && toRunSummary(row);
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
