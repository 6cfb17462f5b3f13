/**
 * Every query of a PostgreSQL store, for the reader and the writable store alike: SQLite's queries (sqliteReader.ts)
 * in PostgreSQL's words, read through the same row mappers (storeRows.ts). Text is ordered with COLLATE "C", SQLite's
 * byte order, not the database's locale.
 */
import type { AutomationState } from "../../automation/evaluate/inputs";
import type { CheckEvaluation, Materialization, RunEvent, RunSummary } from "../../protocol";
import type { AutomationRecord } from "../../protocol/automation";
import type { Tick } from "../../protocol/daemon";
import type { SensorTick } from "../../protocol/daemonInstigators";
import type { InstigatorState, RunCursor, StoredMaterialization } from "../instigatorTables";
import type { PartitionRecord, StoreReader, StoredFailure } from "../store";
import {
  type AutomationEvaluationRow,
  automationRecordsByKey,
  parseAutomationState,
  evaluationsBy,
  type FailureRow,
  type InstigatorRow,
  type MaterializationRow,
  type PartitionRecordRow,
  type RunRow,
  type SensorTickRow,
  type TickRow,
  toFailure,
  toInstigatorStates,
  toMaterialization,
  toPartitionRecords,
  toQueuedRun,
  RUN_SUMMARY_COLUMNS,
  toRunSummary,
  toSensorTick,
  toTick,
} from "../storeRows";
import type { PgDb } from "./pgPool";

const LATEST = "latest_materializations latest JOIN materializations m ON m.id = latest.materialization_id";
/** Keys asked for, once each, in the order given: results follow it, as SQLite's key-by-key lookups do. */
const KEYS = "unnest($1::text[]) WITH ORDINALITY asked(key, n)";

export class PgReader implements StoreReader {
  constructor(protected readonly db: PgDb) {}

  /** Writers write what they buffered before answering, so a run reads its own records. */
  protected async beforeRead(): Promise<void> {}

  async latestMaterializations(keys?: Iterable<string>): Promise<Map<string, Materialization>> {
    await this.beforeRead();
    const rows = keys
      ? await this.db.rows<MaterializationRow>(
          `SELECT m.* FROM ${KEYS} JOIN latest_materializations latest ON latest.key = asked.key JOIN materializations m ON m.id = latest.materialization_id ORDER BY asked.n`,
          [[...new Set(keys)]],
        )
      : await this.db.rows<MaterializationRow>(`SELECT m.* FROM ${LATEST} ORDER BY latest.key COLLATE "C"`);
    return new Map(rows.map((row) => [row.key, toMaterialization(row)]));
  }

  async latestFailures(): Promise<Map<string, StoredFailure>> {
    await this.beforeRead();
    const rows = await this.db.rows<FailureRow & { key: string }>(
      `SELECT f.key, f.run_id, f.timestamp, f.error FROM failures f JOIN (
         SELECT MAX(f2.id) AS id FROM failures f2 JOIN runs r ON r.id = f2.run_id WHERE r.status != 'cancelled' GROUP BY f2.key
       ) latest ON f.id = latest.id`,
    );
    return new Map(rows.map((row) => [row.key, toFailure(row)]));
  }

  async latestPartitionRecords(key: string): Promise<Map<string, PartitionRecord>> {
    await this.beforeRead();
    // No metadata: it is the bulk of a record, and status never shows it per partition.
    const rows = await this.db.arrays<PartitionRecordRow>(
      `SELECT latest.partition, m.run_id, m.timestamp, m.code_version, m.data_version, m.upstream, m.value_ref
       FROM latest_partition_materializations latest JOIN materializations m ON m.id = latest.materialization_id
       WHERE latest.key = $1`,
      [key],
    );
    return toPartitionRecords(rows);
  }

  async latestPartitionFailures(key: string): Promise<Map<string, StoredFailure>> {
    await this.beforeRead();
    const rows = await this.db.rows<FailureRow & { partition: string }>(
      `SELECT f.partition, f.run_id, f.timestamp, f.error FROM failures f JOIN (
         SELECT MAX(f2.id) AS id FROM failures f2 JOIN runs r ON r.id = f2.run_id
         WHERE f2.key = $1 AND f2.partition IS NOT NULL AND r.status != 'cancelled' GROUP BY f2.partition
       ) latest ON f.id = latest.id`,
      [key],
    );
    return new Map(rows.map((row) => [row.partition, toFailure(row)]));
  }

  async latestPartitionMaterialization(key: string, partition: string): Promise<Materialization | undefined> {
    await this.beforeRead();
    const [row] = await this.db.rows<MaterializationRow>(
      `SELECT m.* FROM latest_partition_materializations latest JOIN materializations m ON m.id = latest.materialization_id
       WHERE latest.key = $1 AND latest.partition = $2`,
      [key, partition],
    );
    return row && toMaterialization(row);
  }

  async latestCheckEvaluations(): Promise<Map<string, CheckEvaluation>> {
    await this.beforeRead();
    const rows = await this.db.arrays<[string, string]>(
      `SELECT latest.check_key, e.body FROM latest_check_evaluations latest
       JOIN check_evaluations e ON e.id = latest.evaluation_id`,
    );
    return evaluationsBy(rows);
  }

  async latestPartitionCheckEvaluations(checkKey: string): Promise<Map<string, CheckEvaluation>> {
    await this.beforeRead();
    const rows = await this.db.arrays<[string, string]>(
      `SELECT latest.partition, e.body FROM latest_partition_check_evaluations latest
       JOIN check_evaluations e ON e.id = latest.evaluation_id WHERE latest.check_key = $1`,
      [checkKey],
    );
    return evaluationsBy(rows);
  }

  async dynamicPartitionKeys(name: string): Promise<string[]> {
    await this.beforeRead();
    // seq: SQLite's rowid (pgMigrations.ts), the order of keys added in one millisecond.
    const rows = await this.db.arrays<[string]>(
      "SELECT key FROM dynamic_partitions WHERE name = $1 ORDER BY added_at, seq",
      [name],
    );
    return rows.map(([key]) => key);
  }

  async runs(limit: number): Promise<RunSummary[]> {
    await this.beforeRead();
    const rows = await this.db.rows<RunRow>(
      `SELECT ${RUN_SUMMARY_COLUMNS} FROM runs ORDER BY started_at DESC, seq DESC LIMIT $1`,
      [limit],
    );
    return rows.map(toRunSummary);
  }

  async run(runId: string): Promise<RunSummary | undefined> {
    await this.beforeRead();
    const [row] = await this.db.rows<RunRow>(`SELECT ${RUN_SUMMARY_COLUMNS} FROM runs WHERE id = $1`, [runId]);
    return row && toRunSummary(row);
  }

  async queuedRun(runId: string) {
    await this.beforeRead();
    const [row] = await this.db.rows<RunRow>("SELECT executor, bundle_hash, plan FROM runs WHERE id = $1", [runId]);
    return toQueuedRun(row);
  }

  async runValue(runId: string, key: string, partition?: string): Promise<Materialization | undefined> {
    await this.beforeRead();
    const [row] = await this.db.rows<MaterializationRow>(
      `SELECT * FROM materializations WHERE run_id = $1 AND key = $2 AND partition IS NOT DISTINCT FROM $3
       ORDER BY id DESC LIMIT 1`,
      [runId, key, partition ?? null],
    );
    return row && toMaterialization(row);
  }

  async runIdsStartingWith(prefix: string, limit: number): Promise<string[]> {
    await this.beforeRead();
    // substr, not LIKE: a typed `%` or `_` is part of the id, not a wildcard.
    const rows = await this.db.arrays<[string]>(
      `SELECT id FROM runs WHERE substr(id, 1, $1) = $2 ORDER BY id COLLATE "C" LIMIT $3`,
      [prefix.length, prefix, limit],
    );
    return rows.map(([id]) => id);
  }

  async events(runId: string): Promise<RunEvent[]> {
    await this.beforeRead();
    const rows = await this.db.arrays<[string]>("SELECT body FROM events WHERE run_id = $1 ORDER BY id", [runId]);
    return rows.flatMap(([body]) => JSON.parse(body) as RunEvent[]);
  }

  async latestTicks(): Promise<Map<string, Tick>> {
    await this.beforeRead();
    const rows = await this.db.rows<TickRow>(
      "SELECT t.* FROM ticks t JOIN (SELECT schedule, MAX(tick_at) AS tick_at FROM ticks GROUP BY schedule) latest USING (schedule, tick_at)",
    );
    return new Map(rows.map((row) => [row.schedule, toTick(row)]));
  }

  async instigatorStates(): Promise<Map<string, InstigatorState>> {
    await this.beforeRead();
    return toInstigatorStates(await this.db.rows<InstigatorRow>("SELECT * FROM instigators"));
  }

  async latestSensorTicks(): Promise<Map<string, SensorTick>> {
    await this.beforeRead();
    const rows = await this.db.rows<SensorTickRow>(
      "SELECT t.* FROM sensor_ticks t JOIN (SELECT sensor, MAX(tick_at) AS tick_at FROM sensor_ticks GROUP BY sensor) latest USING (sensor, tick_at)",
    );
    return new Map(rows.map((row) => [row.sensor, toSensorTick(row)]));
  }

  async newestMaterializationId(key: string): Promise<number> {
    await this.beforeRead();
    const [row] = await this.db.rows<{ id: number | null }>(
      "SELECT MAX(id) AS id FROM materializations WHERE key = $1",
      [key],
    );
    return row?.id ?? 0;
  }

  async materializationsAfter(key: string, afterId: number, limit: number): Promise<StoredMaterialization[]> {
    await this.beforeRead();
    const rows = await this.db.rows<MaterializationRow & { id: number }>(
      "SELECT * FROM materializations WHERE key = $1 AND id > $2 ORDER BY id LIMIT $3",
      [key, afterId, limit],
    );
    return rows.map((row) => ({ id: row.id, materialization: toMaterialization(row) }));
  }

  async finishedRunsAfter(after: RunCursor, limit: number): Promise<RunSummary[]> {
    await this.beforeRead();
    const rows = await this.db.rows<RunRow>(
      `SELECT * FROM runs WHERE status IN ('success', 'failed') AND ended_at IS NOT NULL
       AND (ended_at > $1 OR (ended_at = $1 AND id COLLATE "C" > $2)) ORDER BY ended_at, id COLLATE "C" LIMIT $3`,
      [after.endedAt, after.id, limit],
    );
    return rows.map(toRunSummary);
  }

  async latestMaterializationTimes(): Promise<Map<string, number>> {
    await this.beforeRead();
    return new Map(
      await this.db.arrays<[string, number]>(
        `SELECT latest.key, m.timestamp FROM ${LATEST} ORDER BY latest.key COLLATE "C"`,
      ),
    );
  }

  async latestAutomationEvaluations(keys?: Iterable<string>): Promise<Map<string, AutomationRecord[]>> {
    await this.beforeRead();
    const columns = "e.key, e.partition, e.evaluated_at, e.will_run, e.reason, e.run_id";
    const rows = keys
      ? await this.db.arrays<AutomationEvaluationRow>(
          `SELECT ${columns} FROM ${KEYS} JOIN automation_evaluations e ON e.key = asked.key ORDER BY asked.n, e.partition COLLATE "C"`,
          [[...new Set(keys)]],
        )
      : await this.db.arrays<AutomationEvaluationRow>(
          `SELECT ${columns} FROM automation_evaluations e ORDER BY e.key COLLATE "C", e.partition COLLATE "C"`,
        );
    return automationRecordsByKey(rows);
  }

  async automationState(): Promise<AutomationState | undefined> {
    await this.beforeRead();
    const [row] = await this.db.arrays<[string]>("SELECT state FROM automation_state WHERE id = 1");
    return row === undefined ? undefined : parseAutomationState(row[0]);
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
