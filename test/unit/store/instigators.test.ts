/**
 * Instigator state and sensor ticks in the store: a pause and a cursor survive reopening; a run key a sensor claimed is
 * never handed out again (Dagster's idempotence), whoever asks; a store written before them (schema 9) takes them.
 */
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DATABASE_FILE, openStore, openStoreReader } from "../../../sdk/src/store/sqliteStore";
import { UNDO_SCHEMA_10 } from "../run/olderStore";

let dir = "";
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const storeDir = () => {
  dir = mkdtempSync(join(tmpdir(), "assetline-instigators-"));
  return join(dir, ".assetline");
};

describe("instigator state", () => {
  it("keeps a pause and a cursor across reopening, and a resume", () => {
    const folder = storeDir();
    const store = openStore(folder);
    store.setPaused("nightly", "schedule", true);
    store.commitSensorEvaluation({ sensor: "new_files", tickAt: 1_000, cursor: "file-3", requests: [] });
    store.close();
    const reader = openStoreReader(folder);
    expect(reader.instigatorStates().get("nightly")).toMatchObject({ kind: "schedule", paused: true });
    expect(reader.instigatorStates().get("new_files")).toMatchObject({
      kind: "sensor",
      paused: false,
      cursor: "file-3",
    });
    reader.close();
    const again = openStore(folder);
    again.setPaused("new_files", "sensor", true);
    again.setPaused("nightly", "schedule", false);
    // Pausing leaves the cursor as it was.
    expect(again.instigatorStates().get("new_files")).toMatchObject({ paused: true, cursor: "file-3" });
    expect(again.instigatorStates().get("nightly")?.paused).toBe(false);
    again.close();
  });

  it("hands out a run key once: the same key again (or twice in one tick) starts no second run", () => {
    const folder = storeDir();
    const first = openStore(folder);
    const second = openStore(folder);
    const requests = [{ runKey: "a.csv" }, { runKey: "b.csv" }, { runKey: "a.csv" }, {}];
    const fresh = first.commitSensorEvaluation({ sensor: "new_files", tickAt: 1, cursor: "b", requests });
    expect(fresh).toEqual([{ runKey: "a.csv" }, { runKey: "b.csv" }, {}]);
    expect(first.latestSensorTicks().get("new_files")).toMatchObject({ status: "started", cursor: "b" });
    // Another daemon (or a restarted one) asking again for the same keys gets none of them.
    const again = second.commitSensorEvaluation({ sensor: "new_files", tickAt: 2, cursor: "b", requests });
    expect(again).toEqual([{}]);
    expect(
      second.commitSensorEvaluation({
        sensor: "new_files",
        tickAt: 3,
        cursor: undefined,
        requests: [{ runKey: "a.csv" }],
      }),
    ).toEqual([]);
    expect(second.latestSensorTicks().get("new_files")).toMatchObject({
      status: "skipped",
      reason: "every run key was used before",
      cursor: "b",
    });
    // Keys are per sensor.
    expect(second.commitSensorEvaluation({ sensor: "other", tickAt: 3, cursor: undefined, requests })).toHaveLength(3);
    first.close();
    second.close();
  });

  it("records a tick's outcome with its runs, error and cursor, and reads the latest of each sensor", () => {
    const folder = storeDir();
    const store = openStore(folder);
    store.commitSensorEvaluation({ sensor: "s", tickAt: 10, cursor: "c1", requests: [{ runKey: "k" }] });
    store.recordSensorTick({ sensor: "s", tickAt: 10, status: "succeeded", runIds: ["r1"], cursor: "c1" }, [
      { runKey: "k", runId: "r1" },
    ]);
    store.recordSensorTick({ sensor: "t", tickAt: 5, status: "failed", runIds: [], error: "timed out after 60 s" });
    store.commitSensorEvaluation({
      sensor: "u",
      tickAt: 7,
      cursor: undefined,
      requests: [],
      skipReason: "no new files",
    });
    const latest = store.latestSensorTicks();
    expect(latest.get("s")).toMatchObject({ status: "succeeded", runIds: ["r1"], cursor: "c1" });
    expect(latest.get("t")).toMatchObject({ status: "failed", error: "timed out after 60 s", runIds: [] });
    expect(latest.get("u")).toMatchObject({ status: "skipped", reason: "no new files" });
    store.close();
  });

  it("upgrades a store written before instigator state (schema 9): its ticks stay, sensors tick", () => {
    const folder = storeDir();
    const store = openStore(folder);
    store.recordTick({ schedule: "nightly", tickAt: 1, status: "started" });
    store.close();
    const db = new Database(join(folder, DATABASE_FILE));
    db.exec(UNDO_SCHEMA_10);
    db.close();
    const reader = openStoreReader(folder);
    expect(reader.instigatorStates()).toEqual(new Map());
    expect([...reader.latestTicks().keys()]).toEqual(["nightly"]);
    reader.close();
    const upgraded = openStore(folder);
    expect(
      upgraded.commitSensorEvaluation({ sensor: "s", tickAt: 1, cursor: "x", requests: [{ runKey: "k" }] }),
    ).toHaveLength(1);
    upgraded.close();
  });
});
