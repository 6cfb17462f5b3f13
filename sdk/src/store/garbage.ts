import type Database from "better-sqlite3";
import type { LiveValue } from "../io/sweepStorage";
import { parseValueRef } from "../io/valueRef";

/**
 * Each key's current values, as its latest records point to them: the key's latest, and each partition's (a value
 * stays live while any partition's latest record points to it, however many newer partitions came since).
 */
function liveValues(db: Database.Database): LiveValue[] {
  const rows = db
    .prepare(
      `SELECT m.key, m.value_ref FROM latest_materializations latest JOIN materializations m ON m.id = latest.materialization_id
       UNION SELECT m.key, m.value_ref FROM latest_partition_materializations latest JOIN materializations m ON m.id = latest.materialization_id`,
    )
    .all() as LiveValueRow[];
  return toLiveValues(rows);
}

export interface LiveValueRow {
  key: string;
  value_ref: string | null;
}

export function toLiveValues(rows: readonly LiveValueRow[]): LiveValue[] {
  return rows.map(({ key, value_ref }) => ({ key, ...(value_ref !== null && { valueRef: value_ref }) }));
}

/** What the live values keep: stored_values rows by hash, and asset_values rows of keys whose record has no ref. */
export function keptRows(live: readonly LiveValue[]): { hashes: Set<string>; legacyKeys: Set<string> } {
  const hashes = new Set(
    live.flatMap(({ valueRef }) => {
      const ref = valueRef === undefined ? undefined : parseValueRef(valueRef);
      return ref?.where === "table" ? [ref.hash] : [];
    }),
  );
  const legacyKeys = new Set(live.filter((value) => value.valueRef === undefined).map((value) => value.key));
  return { hashes, legacyKeys };
}

/**
 * Deletes the stored values no latest record (of a key or of a partition) points to: rows of stored_values, rows of the old per-key asset_values,
 * and (through `sweepFiles`) files. Only when no run is running, since a running run may have stored a value whose
 * record has not committed yet; and under the write lock, so a run starting now waits in startRun, before it can
 * store or read a value. Runs that crashed were marked failed when the store was opened; one that crashed since
 * keeps its values until a later sweep. Returns whether it collected.
 */
export function collectGarbage(db: Database.Database, sweepFiles: (live: LiveValue[]) => void): boolean {
  return db
    .transaction(() => {
      if (db.prepare("SELECT 1 FROM runs WHERE status = 'running' LIMIT 1").get()) return false;
      const live = liveValues(db);
      const { hashes: liveRows, legacyKeys } = keptRows(live);
      const deleteRow = db.prepare("DELETE FROM stored_values WHERE hash = ?");
      for (const { hash } of db.prepare("SELECT hash FROM stored_values").all() as { hash: string }[])
        if (!liveRows.has(hash)) deleteRow.run(hash);
      const deleteLegacy = db.prepare("DELETE FROM asset_values WHERE key = ?");
      for (const { key } of db.prepare("SELECT key FROM asset_values").all() as { key: string }[])
        if (!legacyKeys.has(key)) deleteLegacy.run(key);
      sweepFiles(live);
      return true;
    })
    .immediate();
}
