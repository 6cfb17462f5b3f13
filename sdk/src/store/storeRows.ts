/**
 * Rows to objects, shared by the SQLite and the PostgreSQL store: both hold the same columns (JSON as TEXT, epoch
 * milliseconds as numbers once read), so one mapping gives both the same answers.
 */
import * as v from "valibot";
import {
  type CheckEvaluation,
  CheckEvaluationSchema,
  type Materialization,
  type RunOrigin,
  type RunStatus,
  type RunSummary,
} from "../protocol";
import type { AutomationState } from "../automation/evaluate/inputs";
import type { AutomationRecord } from "../protocol/automation";
import type { Tick, TickStatus } from "../protocol/daemon";
import type { InstigatorKind, SensorTick } from "../protocol/daemonInstigators";
import type { InstigatorState } from "./instigatorTables";
import { parseQueuedRunPlan } from "../protocol/queuedRun";
import type { NewRun, PartitionRecord, StoredFailure } from "./store";

export interface MaterializationRow {
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
export type PartitionRecordRow = [string, string, number, string, string, string, string | null];

export interface FailureRow {
  run_id: string;
  timestamp: number;
  error: string;
}

export interface RunRow {
  id: string;
  selection: string;
  status: RunStatus;
  origin: RunOrigin;
  instigator: string | null;
  started_at: number;
  ended_at: number | null;
  config: string | null;
  executor: "local" | "queue";
  bundle_hash: string | null;
  plan: string | null;
  /** Counted by the listings (`RUN_SUMMARY_COLUMNS`), not stored. */
  materializations?: number;
}

/** The columns of a run's summary: the row and the number of its materializations (indexed by run). */
export const RUN_SUMMARY_COLUMNS =
  "runs.*, (SELECT count(*) FROM materializations m WHERE m.run_id = runs.id) AS materializations";

export interface TickRow {
  schedule: string;
  tick_at: number;
  status: TickStatus;
  run_id: string | null;
  reason: string | null;
  recorded_at: number;
}

export interface InstigatorRow {
  name: string;
  kind: InstigatorKind;
  paused: number;
  cursor: string | null;
  updated_at: number;
}

export interface SensorTickRow {
  sensor: string;
  tick_at: number;
  status: SensorTick["status"];
  run_ids: string;
  reason: string | null;
  error: string | null;
  cursor: string | null;
  recorded_at: number;
}

/** key, partition, evaluated_at, will_run, reason, run_id */
export type AutomationEvaluationRow = [string, string, number, number, string, string | null];

export function toMaterialization(row: MaterializationRow): Materialization {
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

/** Partition → record. Rows as arrays, and no object spread: status reads 1,096 of these per asset. */
export function toPartitionRecords(rows: readonly PartitionRecordRow[]): Map<string, PartitionRecord> {
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

export function toFailure(row: FailureRow): StoredFailure {
  return { runId: row.run_id, timestamp: row.timestamp, error: row.error };
}

/**
 * Evaluations are stored as their JSON and read back through the protocol's schema, as the editor reads `status
 * --json`: a row that does not fit (a damaged store) reads as no evaluation rather than as a wrong one.
 */
export function evaluationsBy(rows: readonly [by: string, body: string][]): Map<string, CheckEvaluation> {
  const evaluations = new Map<string, CheckEvaluation>();
  for (const [by, body] of rows) {
    const parsed = v.safeParse(CheckEvaluationSchema, JSON.parse(body));
    if (parsed.success) evaluations.set(by, parsed.output);
  }
  return evaluations;
}

export function toTick(row: TickRow): Tick {
  return {
    schedule: row.schedule,
    tickAt: row.tick_at,
    status: row.status,
    ...(row.run_id !== null && { runId: row.run_id }),
    ...(row.reason !== null && { reason: row.reason }),
    recordedAt: row.recorded_at,
  };
}

export function toRunSummary(row: RunRow): RunSummary {
  return {
    id: row.id,
    status: row.status,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    selection: row.selection,
    origin: row.origin,
    ...(row.instigator !== null && { instigator: row.instigator }),
    ...(typeof row.config === "string" && { config: JSON.parse(row.config) as Record<string, unknown> }),
    ...(row.executor === "queue" && { executor: "queue" as const }),
    ...(Number(row.materializations) > 0 && { materializations: Number(row.materializations) }),
  };
}

/** A queued run's bundle and plan; undefined for a local run (or one recorded before queued runs). */
export function toQueuedRun(row: Pick<RunRow, "executor" | "bundle_hash" | "plan"> | undefined) {
  if (row?.executor !== "queue" || row.bundle_hash === null || row.plan === null) return undefined;
  return { bundleHash: row.bundle_hash, plan: parseQueuedRunPlan(row.plan) };
}

/** The run columns `startRun` writes beyond the common ones, in this order. */
export function queuedRunColumns(run: NewRun): [executor: string, bundleHash: string | null, plan: string | null] {
  return [run.executor ?? "local", run.bundleHash ?? null, run.plan === undefined ? null : JSON.stringify(run.plan)];
}

export function toInstigatorStates(rows: readonly InstigatorRow[]): Map<string, InstigatorState> {
  return new Map(
    rows.map((row) => [
      row.name,
      {
        name: row.name,
        kind: row.kind,
        paused: row.paused !== 0,
        ...(row.cursor !== null && { cursor: row.cursor }),
        updatedAt: row.updated_at,
      },
    ]),
  );
}

export function toSensorTick(row: SensorTickRow): SensorTick {
  return {
    sensor: row.sensor,
    tickAt: row.tick_at,
    status: row.status,
    runIds: JSON.parse(row.run_ids) as string[],
    ...(row.reason !== null && { reason: row.reason }),
    ...(row.error !== null && { error: row.error }),
    ...(row.cursor !== null && { cursor: row.cursor }),
    recordedAt: row.recorded_at,
  };
}

/** A sensor_ticks row's values in column order (sensor, tick_at, status, run_ids, reason, error, cursor, recorded_at). */
export function sensorTickValues(tick: Omit<SensorTick, "recordedAt">, recordedAt: number) {
  return [
    tick.sensor,
    tick.tickAt,
    tick.status,
    JSON.stringify(tick.runIds),
    tick.reason ?? null,
    tick.error ?? null,
    tick.cursor ?? null,
    recordedAt,
  ] as const;
}

/** Key → its partitions' latest evaluations, in the rows' order ('' is an unpartitioned asset's partition). */
export function automationRecordsByKey(rows: readonly AutomationEvaluationRow[]): Map<string, AutomationRecord[]> {
  const byKey = new Map<string, AutomationRecord[]>();
  for (const [key, partition, evaluatedAt, willRun, reason, runId] of rows) {
    const record: AutomationRecord = { key, evaluatedAt, willRun: willRun === 1, reason };
    if (partition !== "") record.partition = partition;
    if (runId !== null) record.runId = runId;
    const records = byKey.get(key);
    if (records) records.push(record);
    else byKey.set(key, [record]);
  }
  return byKey;
}

/** The evaluator's stored state; undefined when its JSON is damaged. */
export function parseAutomationState(text: string): AutomationState | undefined {
  try {
    return JSON.parse(text) as AutomationState;
  } catch {
    // Starting afresh is what a first evaluation does: nothing is lost but the `since` memories.
    return undefined;
  }
}
