/**
 * Schedule ticks in the store: each (schedule, tick time) is recorded once, whoever asks again; the latest tick of each
 * schedule is read back with its run and outcome; a store written before ticks (schema 7) takes them when opened.
 */
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DATABASE_FILE, openStore, openStoreReader } from "../../../sdk/src/store/sqliteStore";
import { UNDO_SCHEMA_8 } from "../run/olderStore";

let dir = "";
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const storeDir = () => {
  dir = mkdtempSync(join(tmpdir(), "assetline-ticks-"));
  return join(dir, ".assetline");
};

describe("schedule ticks", () => {
  it("records a tick once: a second daemon asking for the same tick is told it is taken", () => {
    const folder = storeDir();
    const first = openStore(folder);
    const second = openStore(folder);
    expect(first.recordTick({ schedule: "nightly", tickAt: 6_000, status: "started" })).toBe(true);
    expect(second.recordTick({ schedule: "nightly", tickAt: 6_000, status: "started" })).toBe(false);
    expect(second.recordTick({ schedule: "hourly", tickAt: 6_000, status: "started" })).toBe(true);
    first.close();
    second.close();
  });

  it("reads each schedule's latest tick with its run and outcome", () => {
    const folder = storeDir();
    const store = openStore(folder);
    store.recordTick({
      schedule: "nightly",
      tickAt: 1_000,
      status: "skipped",
      reason: "missed while the daemon was down",
    });
    store.recordTick({ schedule: "nightly", tickAt: 2_000, status: "started" });
    store.updateTick("nightly", 2_000, { status: "succeeded", runId: "r1" });
    store.recordTick({ schedule: "hourly", tickAt: 500, status: "started" });
    store.updateTick("hourly", 500, { status: "failed", runId: "r2" });
    const latest = store.latestTicks();
    expect(latest.get("nightly")).toMatchObject({ tickAt: 2_000, status: "succeeded", runId: "r1" });
    expect(latest.get("nightly")).not.toHaveProperty("reason");
    expect(latest.get("hourly")).toMatchObject({ tickAt: 500, status: "failed", runId: "r2" });
    store.close();
    const reader = openStoreReader(folder);
    expect(reader.latestTicks()).toEqual(latest);
    reader.close();
  });

  it("upgrades a store written before ticks (schema 7): its runs stay, it records ticks", () => {
    const folder = storeDir();
    const store = openStore(folder);
    store.startRun({ id: "r1", selection: "*", origin: "cli", startedAt: 1 });
    store.close();
    const db = new Database(join(folder, DATABASE_FILE));
    db.exec(UNDO_SCHEMA_8);
    db.close();

    const reader = openStoreReader(folder);
    expect(reader.latestTicks()).toEqual(new Map());
    expect(reader.runs(5).map((run) => run.id)).toEqual(["r1"]);
    reader.close();
    const upgraded = openStore(folder);
    expect(upgraded.recordTick({ schedule: "nightly", tickAt: 1, status: "started" })).toBe(true);
    upgraded.close();
  });

  it("records the schedule that started a run, and reads runs of older stores without one", () => {
    const folder = storeDir();
    const store = openStore(folder);
    store.startRun({ id: "r1", selection: "*", origin: "cli", startedAt: 1 });
    store.startRun({ id: "r2", selection: "job:nightly", origin: "schedule", instigator: "nightly", startedAt: 2 });
    store.close();
    const reader = openStoreReader(folder);
    expect(reader.runs(5).map(({ id, origin, instigator }) => ({ id, origin, instigator }))).toEqual([
      { id: "r2", origin: "schedule", instigator: "nightly" },
      { id: "r1", origin: "cli", instigator: undefined },
    ]);
    reader.close();
  });
});
