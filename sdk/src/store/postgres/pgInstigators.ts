/**
 * The daemon's writes (instigatorTables.ts and automationRecords.ts for SQLite), each in the caller's transaction.
 * Where SQLite takes its write lock (IMMEDIATE), a primary key decides here: a run key or a tick inserted with
 * ON CONFLICT DO NOTHING is claimed by the one transaction whose insert counts a row; the other waits for it, then
 * finds it.
 */
import type { AutomationEvaluationRecord, AutomationTarget } from "../automationRecords";
import type { InstigatorKind } from "../../protocol/daemonInstigators";
import { evaluationTick, type NewSensorTick, type SensorEvaluation } from "../instigatorTables";
import { sensorTickValues } from "../storeRows";
import { changed, type Queryable, rows } from "./pgPool";

export async function setPaused(db: Queryable, name: string, kind: InstigatorKind, paused: boolean): Promise<void> {
  await db.query(
    `INSERT INTO instigators (name, kind, paused, updated_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, paused = excluded.paused, updated_at = excluded.updated_at`,
    [name, kind, paused ? 1 : 0, Date.now()],
  );
}

/** INSERT OR REPLACE: a tick recorded again replaces the first. */
async function writeTick(client: Queryable, tick: NewSensorTick): Promise<void> {
  await client.query(
    `INSERT INTO sensor_ticks (sensor, tick_at, status, run_ids, reason, error, cursor, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (sensor, tick_at) DO UPDATE SET status = excluded.status, run_ids = excluded.run_ids,
       reason = excluded.reason, error = excluded.error, cursor = excluded.cursor, recorded_at = excluded.recorded_at`,
    [...sensorTickValues(tick, Date.now())],
  );
}

export async function recordSensorTick(
  client: Queryable,
  tick: NewSensorTick,
  claimed: readonly { runKey: string; runId: string }[] = [],
): Promise<void> {
  await writeTick(client, tick);
  for (const { runKey, runId } of claimed)
    await client.query("UPDATE run_keys SET run_id = $1 WHERE sensor = $2 AND run_key = $3", [
      runId,
      tick.sensor,
      runKey,
    ]);
}

/** As SQLite's commitSensorEvaluation (instigatorTables.ts), in the caller's transaction. */
export async function commitSensorEvaluation<R extends { runKey?: string }>(
  client: Queryable,
  evaluation: SensorEvaluation<R>,
): Promise<R[]> {
  const { sensor, requests } = evaluation;
  const fresh: R[] = [];
  for (const request of requests) {
    if (
      request.runKey === undefined ||
      (await changed(client, "INSERT INTO run_keys (sensor, run_key) VALUES ($1, $2) ON CONFLICT DO NOTHING", [
        sensor,
        request.runKey,
      ])) > 0
    )
      fresh.push(request);
  }
  let cursor = evaluation.cursor;
  if (cursor === undefined) {
    const [row] = await rows<{ cursor: string | null }>(client, "SELECT cursor FROM instigators WHERE name = $1", [
      sensor,
    ]);
    cursor = row?.cursor ?? undefined;
  } else {
    await client.query(
      `INSERT INTO instigators (name, kind, cursor, updated_at) VALUES ($1, 'sensor', $2, $3)
       ON CONFLICT (name) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
      [sensor, cursor, Date.now()],
    );
  }
  await writeTick(client, evaluationTick(evaluation, fresh.length, cursor));
  return fresh;
}

/** As SQLite's (automationRecords.ts): the results replace their asset's (partition's) latest, the state the last. */
export async function recordAutomationEvaluation(
  client: Queryable,
  evaluation: AutomationEvaluationRecord,
): Promise<void> {
  for (const result of evaluation.results)
    await client.query(
      `INSERT INTO automation_evaluations (key, partition, evaluated_at, will_run, reason, run_id)
       VALUES ($1, $2, $3, $4, $5, NULL)
       ON CONFLICT (key, partition) DO UPDATE SET
         evaluated_at = excluded.evaluated_at, will_run = excluded.will_run, reason = excluded.reason, run_id = NULL`,
      [result.key, result.partition ?? "", evaluation.evaluatedAt, result.willRun ? 1 : 0, result.reason],
    );
  await client.query(
    `INSERT INTO automation_state (id, state, evaluated_at) VALUES (1, $1, $2)
     ON CONFLICT (id) DO UPDATE SET state = excluded.state, evaluated_at = excluded.evaluated_at`,
    [JSON.stringify(evaluation.state), evaluation.evaluatedAt],
  );
}

export async function recordAutomationRun(
  client: Queryable,
  runId: string,
  evaluatedAt: number,
  targets: readonly AutomationTarget[],
): Promise<void> {
  for (const target of targets)
    await client.query(
      "UPDATE automation_evaluations SET run_id = $1 WHERE key = $2 AND partition = $3 AND evaluated_at = $4",
      [runId, target.key, target.partition ?? "", evaluatedAt],
    );
}
