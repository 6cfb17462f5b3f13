/**
 * Instigator state and sensor ticks (store migration 10): whether a schedule or sensor is paused, a sensor's cursor,
 * its ticks, and the run keys it claimed. The SQLite store and reader call these with their database.
 */
import type Database from "better-sqlite3";
import type { Materialization, RunSummary } from "../protocol";
import type { InstigatorKind, SensorTick } from "../protocol/daemonInstigators";
import {
  type InstigatorRow,
  type SensorTickRow,
  sensorTickValues,
  toInstigatorStates,
  toSensorTick,
} from "./storeRows";

export interface InstigatorState {
  name: string;
  kind: InstigatorKind;
  paused: boolean;
  cursor?: string;
  /** Epoch ms of the last change. */
  updatedAt: number;
}

export type NewSensorTick = Omit<SensorTick, "recordedAt">;

/** One tick's outcome before its runs start: what `commitSensorEvaluation` records in one transaction. */
export interface SensorEvaluation<R extends { runKey?: string }> {
  sensor: string;
  tickAt: number;
  /** The sensor's cursor after the tick; undefined keeps the stored one. */
  cursor: string | undefined;
  requests: readonly R[];
  /** The sensor's own reason when it requested nothing. */
  skipReason?: string;
}

/** Why a tick that starts no run skipped: the sensor's reason, else that its run keys were used, else none asked. */
export function skipReasonOf(requests: readonly unknown[], skipReason: string | undefined): string {
  return skipReason ?? (requests.length > 0 ? "every run key was used before" : "no runs requested");
}

/** The tick an evaluation records: `started` when `fresh` requests are left to run, else `skipped` and why. */
export function evaluationTick(
  evaluation: SensorEvaluation<{ runKey?: string }>,
  fresh: number,
  cursor: string | undefined,
): NewSensorTick {
  return {
    sensor: evaluation.sensor,
    tickAt: evaluation.tickAt,
    status: fresh > 0 ? "started" : "skipped",
    runIds: [],
    ...(fresh === 0 && { reason: skipReasonOf(evaluation.requests, evaluation.skipReason) }),
    ...(cursor !== undefined && { cursor }),
  };
}

/** A materialization with its store id: an asset sensor's cursor is the newest id it saw. */
export interface StoredMaterialization {
  id: number;
  materialization: Materialization;
}

/** Where a run-status sensor stopped: the end time and id of the newest finished run it saw. */
export interface RunCursor {
  endedAt: number;
  id: string;
}

export function instigatorStates(db: Database.Database): Map<string, InstigatorState> {
  return toInstigatorStates(db.prepare("SELECT * FROM instigators").all() as InstigatorRow[]);
}

/** Each sensor's latest tick (by tick time). */
export function latestSensorTicks(db: Database.Database): Map<string, SensorTick> {
  const rows = db
    .prepare(
      "SELECT t.* FROM sensor_ticks t JOIN (SELECT sensor, MAX(tick_at) AS tick_at FROM sensor_ticks GROUP BY sensor) latest USING (sensor, tick_at)",
    )
    .all() as SensorTickRow[];
  return new Map(rows.map((row) => [row.sensor, toSensorTick(row)]));
}

export function setPaused(db: Database.Database, name: string, kind: InstigatorKind, paused: boolean): void {
  db.prepare(
    `INSERT INTO instigators (name, kind, paused, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, paused = excluded.paused, updated_at = excluded.updated_at`,
  ).run(name, kind, paused ? 1 : 0, Date.now());
}

/** Records (or replaces) a tick; `claimed` sets the run each claimed run key started. */
export function recordSensorTick(
  db: Database.Database,
  tick: NewSensorTick,
  claimed: readonly { runKey: string; runId: string }[] = [],
): void {
  const setRun = db.prepare("UPDATE run_keys SET run_id = ? WHERE sensor = ? AND run_key = ?");
  db.transaction(() => {
    writeTick(db, tick);
    for (const { runKey, runId } of claimed) setRun.run(runId, tick.sensor, runKey);
  })();
}

function writeTick(db: Database.Database, tick: NewSensorTick): void {
  db.prepare(
    `INSERT OR REPLACE INTO sensor_ticks (sensor, tick_at, status, run_ids, reason, error, cursor, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(...sensorTickValues(tick, Date.now()));
}

/**
 * In one transaction: claims the requests' run keys, stores the new cursor and records the tick (`started` when a
 * request is left to run, else `skipped` with the reason). Returns the requests to run: those without a run key and
 * those whose key this sensor had not claimed yet (a key twice in one tick runs once). IMMEDIATE: two daemons on one
 * store never both claim a key.
 */
export function commitSensorEvaluation<R extends { runKey?: string }>(
  db: Database.Database,
  evaluation: SensorEvaluation<R>,
): R[] {
  const { sensor, requests } = evaluation;
  const claim = db.prepare("INSERT INTO run_keys (sensor, run_key) VALUES (?, ?) ON CONFLICT DO NOTHING");
  return db
    .transaction(() => {
      const fresh = requests.filter(
        (request) => request.runKey === undefined || claim.run(sensor, request.runKey).changes > 0,
      );
      const cursor = evaluation.cursor ?? storedCursor(db, sensor);
      if (evaluation.cursor !== undefined)
        db.prepare(
          `INSERT INTO instigators (name, kind, cursor, updated_at) VALUES (?, 'sensor', ?, ?)
           ON CONFLICT(name) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
        ).run(sensor, evaluation.cursor, Date.now());
      writeTick(db, evaluationTick(evaluation, fresh.length, cursor));
      return fresh;
    })
    .immediate();
}

function storedCursor(db: Database.Database, name: string): string | undefined {
  const row = db.prepare("SELECT cursor FROM instigators WHERE name = ?").get(name) as
    | { cursor: string | null }
    | undefined;
  return row?.cursor ?? undefined;
}

/** The newest materialization id of `key` (0 when it has none): where an asset sensor starts watching. */
export function newestMaterializationId(db: Database.Database, key: string): number {
  const row = db.prepare("SELECT MAX(id) AS id FROM materializations WHERE key = ?").get(key) as { id: number | null };
  return row.id ?? 0;
}

/** `key`'s materializations after store id `afterId`, oldest first, at most `limit`. */
export function materializationsAfter(
  db: Database.Database,
  key: string,
  afterId: number,
  limit: number,
  toMaterialization: (row: never) => Materialization,
): StoredMaterialization[] {
  const rows = db
    .prepare("SELECT * FROM materializations WHERE key = ? AND id > ? ORDER BY id LIMIT ?")
    .all(key, afterId, limit) as ({ id: number } & Record<string, unknown>)[];
  return rows.map((row) => ({ id: row.id, materialization: toMaterialization(row as never) }));
}

/** Runs that ended with success or failure after `after` (by end time, then id), oldest first, at most `limit`. */
export function finishedRunsAfter(
  db: Database.Database,
  after: RunCursor,
  limit: number,
  toRunSummary: (row: never) => RunSummary,
): RunSummary[] {
  const rows = db
    .prepare(
      `SELECT * FROM runs WHERE status IN ('success', 'failed') AND ended_at IS NOT NULL
       AND (ended_at > ? OR (ended_at = ? AND id > ?)) ORDER BY ended_at, id LIMIT ?`,
    )
    .all(after.endedAt, after.endedAt, after.id, limit);
  return rows.map((row) => toRunSummary(row as never));
}
