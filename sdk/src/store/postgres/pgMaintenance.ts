/**
 * Crash recovery, garbage collection and wipe, each in the caller's transaction, as the SQLite store's
 * (crashRecovery.ts, garbage.ts, sqliteStore.ts) with the same events, rows and refusals.
 */
import type { LiveValue } from "../../io/sweepStorage";
import type { RunEvent } from "../../protocol";
import { crashRecord, heartbeatDeath, type RunningRow } from "../crashedRun";
import { keptRows, type LiveValueRow, toLiveValues } from "../garbage";
import { arrays, changed, type Queryable, rows } from "./pgPool";

/**
 * Marks failed the runs whose heartbeat is older than their lease, whatever machine ran them: no pid is trusted across
 * machines. The rows are locked first, so a run that finishes meanwhile is not marked (its update waits, then finds
 * it failed; a run's process that stopped beating for that long has lost its run). `ours` are runs the calling
 * process runs itself: alive, however late their last beat (a step that blocked its event loop). Queued runs are
 * the queue's (its reaper gives a lost worker's steps another attempt).
 */
export async function recoverCrashedRuns(client: Queryable, ours: ReadonlySet<string> = new Set()): Promise<void> {
  const running = await rows<RunningRow>(
    client,
    `SELECT id, pid, host, heartbeat_at, heartbeat_ms FROM runs WHERE status = 'running' AND executor <> 'queue'
     ORDER BY id FOR UPDATE`,
  );
  const now = Date.now();
  for (const run of running) {
    const cause = ours.has(run.id) ? undefined : heartbeatDeath(run, now);
    if (cause === undefined) continue;
    await client.query("UPDATE runs SET status = 'failed', ended_at = $1 WHERE id = $2", [now, run.id]);
    const bodies = await arrays<[string]>(client, "SELECT body FROM events WHERE run_id = $1 ORDER BY id", [run.id]);
    const recorded = bodies.flatMap(([body]) => JSON.parse(body) as RunEvent[]);
    const { events, failures } = crashRecord(run.id, cause, now, recorded);
    for (const failure of failures)
      await client.query(
        "INSERT INTO failures (key, run_id, timestamp, error, partition) VALUES ($1, $2, $3, $4, $5)",
        failure,
      );
    await client.query("INSERT INTO events (run_id, body) VALUES ($1, $2)", [run.id, JSON.stringify(events)]);
  }
}

/**
 * As SQLite's collectGarbage (garbage.ts): nothing while a run is running, since it may have stored a value whose
 * record is not committed yet. The SHARE lock on runs holds off a run starting (or ending) until the sweep commits.
 */
export async function collectGarbage(client: Queryable, sweepFiles: (live: LiveValue[]) => void): Promise<boolean> {
  await client.query("LOCK TABLE runs IN SHARE MODE");
  if ((await changed(client, "SELECT 1 FROM runs WHERE status = 'running' LIMIT 1")) > 0) return false;
  const live = toLiveValues(
    await rows<LiveValueRow>(
      client,
      `SELECT m.key, m.value_ref FROM latest_materializations latest JOIN materializations m ON m.id = latest.materialization_id
       UNION SELECT m.key, m.value_ref FROM latest_partition_materializations latest JOIN materializations m ON m.id = latest.materialization_id`,
    ),
  );
  const { hashes, legacyKeys } = keptRows(live);
  await client.query("DELETE FROM stored_values WHERE NOT (hash = ANY($1::text[]))", [[...hashes]]);
  await client.query("DELETE FROM asset_values WHERE NOT (key = ANY($1::text[]))", [[...legacyKeys]]);
  sweepFiles(live);
  return true;
}

const WIPE_ALL = [
  "materializations",
  "latest_materializations",
  "latest_partition_materializations",
  "failures",
  "check_evaluations",
  "latest_check_evaluations",
  "latest_partition_check_evaluations",
];

/** As SQLite's wipe: how many of the keys had materializations. */
export async function wipe(client: Queryable, keys: string[] | "all"): Promise<number> {
  if (keys === "all") {
    const [row] = await rows<{ n: number }>(client, "SELECT COUNT(DISTINCT key) AS n FROM materializations");
    for (const table of WIPE_ALL) await client.query(`DELETE FROM ${table}`);
    return row?.n ?? 0;
  }
  let count = 0;
  for (const key of keys) {
    count += (await changed(client, "DELETE FROM materializations WHERE key = $1", [key])) > 0 ? 1 : 0;
    await client.query("DELETE FROM latest_materializations WHERE key = $1", [key]);
    await client.query("DELETE FROM latest_partition_materializations WHERE key = $1", [key]);
    await client.query("DELETE FROM failures WHERE key = $1", [key]);
    // The latest rows point into the asset's evaluations: gone before the rows they point to.
    for (const table of ["latest_check_evaluations", "latest_partition_check_evaluations"])
      await client.query(
        `DELETE FROM ${table} WHERE evaluation_id IN (SELECT id FROM check_evaluations WHERE asset = $1)`,
        [key],
      );
    await client.query("DELETE FROM check_evaluations WHERE asset = $1", [key]);
  }
  return count;
}
