/**
 * Instigator state and sensor ticks in the store: a pause and a cursor survive reopening; a run key a sensor claimed is
 * never handed out again (Dagster's idempotence), whoever asks; a store written before them (schema 9) takes them.
 */
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DATABASE_FILE } from "../../../sdk/src/store/sqliteStore";
import { openStore, openStoreReader } from "../../../sdk/src/store/openStore";
import { UNDO_SCHEMA_10 } from "../run/olderStore";
import { freshStores } from "./freshStores";
import { storeKinds } from "./storeKinds";

let dir = "";
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const storeDir = () => {
  dir = mkdtempSync(join(tmpdir(), "assetline-instigators-"));
  return join(dir, ".assetline");
};

describe.each(storeKinds)("instigator state ($name)", (kind) => {
  const fresh = freshStores(kind);

  it("keeps a pause and a cursor across reopening, and a resume", async () => {
    const { store, location: folder } = await fresh();
    await store.setPaused("nightly", "schedule", true);
    await store.commitSensorEvaluation({ sensor: "new_files", tickAt: 1_000, cursor: "file-3", requests: [] });
    await store.flush();
    const reader = await openStoreReader(folder);
    expect((await reader.instigatorStates()).get("nightly")).toMatchObject({ kind: "schedule", paused: true });
    expect((await reader.instigatorStates()).get("new_files")).toMatchObject({
      kind: "sensor",
      paused: false,
      cursor: "file-3",
    });
    await reader.close();
    const again = await openStore(folder);
    await again.setPaused("new_files", "sensor", true);
    await again.setPaused("nightly", "schedule", false);
    // Pausing leaves the cursor as it was.
    expect((await again.instigatorStates()).get("new_files")).toMatchObject({ paused: true, cursor: "file-3" });
    expect((await again.instigatorStates()).get("nightly")?.paused).toBe(false);
    await again.close();
  });

  it("hands out a run key once: the same key again (or twice in one tick) starts no second run", async () => {
    const { store: first, location: folder } = await fresh();
    const second = await openStore(folder);
    const requests = [{ runKey: "a.csv" }, { runKey: "b.csv" }, { runKey: "a.csv" }, {}];
    const started = await first.commitSensorEvaluation({ sensor: "new_files", tickAt: 1, cursor: "b", requests });
    expect(started).toEqual([{ runKey: "a.csv" }, { runKey: "b.csv" }, {}]);
    expect((await first.latestSensorTicks()).get("new_files")).toMatchObject({ status: "started", cursor: "b" });
    // Another daemon (or a restarted one) asking again for the same keys gets none of them.
    const again = await second.commitSensorEvaluation({ sensor: "new_files", tickAt: 2, cursor: "b", requests });
    expect(again).toEqual([{}]);
    expect(
      await second.commitSensorEvaluation({
        sensor: "new_files",
        tickAt: 3,
        cursor: undefined,
        requests: [{ runKey: "a.csv" }],
      }),
    ).toEqual([]);
    expect((await second.latestSensorTicks()).get("new_files")).toMatchObject({
      status: "skipped",
      reason: "every run key was used before",
      cursor: "b",
    });
    // Keys are per sensor.
    expect(
      await second.commitSensorEvaluation({ sensor: "other", tickAt: 3, cursor: undefined, requests }),
    ).toHaveLength(3);
    await second.close();
  });

  it("records a tick's outcome with its runs, error and cursor, and reads the latest of each sensor", async () => {
    const { store } = await fresh();
    await store.commitSensorEvaluation({ sensor: "s", tickAt: 10, cursor: "c1", requests: [{ runKey: "k" }] });
    await store.recordSensorTick({ sensor: "s", tickAt: 10, status: "succeeded", runIds: ["r1"], cursor: "c1" }, [
      { runKey: "k", runId: "r1" },
    ]);
    await store.recordSensorTick({
      sensor: "t",
      tickAt: 5,
      status: "failed",
      runIds: [],
      error: "timed out after 60 s",
    });
    await store.commitSensorEvaluation({
      sensor: "u",
      tickAt: 7,
      cursor: undefined,
      requests: [],
      skipReason: "no new files",
    });
    const latest = await store.latestSensorTicks();
    expect(latest.get("s")).toMatchObject({ status: "succeeded", runIds: ["r1"], cursor: "c1" });
    expect(latest.get("t")).toMatchObject({ status: "failed", error: "timed out after 60 s", runIds: [] });
    expect(latest.get("u")).toMatchObject({ status: "skipped", reason: "no new files" });
  });
});

describe("instigator state (SQLite)", () => {
  it("upgrades a store written before instigator state (schema 9): its ticks stay, sensors tick", async () => {
    const folder = storeDir();
    const store = await openStore(folder);
    await store.recordTick({ schedule: "nightly", tickAt: 1, status: "started" });
    await store.close();
    const db = new Database(join(folder, DATABASE_FILE));
    db.exec(UNDO_SCHEMA_10);
    db.close();
    const reader = await openStoreReader(folder);
    expect(await reader.instigatorStates()).toEqual(new Map());
    expect([...(await reader.latestTicks()).keys()]).toEqual(["nightly"]);
    await reader.close();
    const upgraded = await openStore(folder);
    expect(
      await upgraded.commitSensorEvaluation({ sensor: "s", tickAt: 1, cursor: "x", requests: [{ runKey: "k" }] }),
    ).toHaveLength(1);
    await upgraded.close();
  });
});
