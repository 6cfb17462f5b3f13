/**
 * Schedule ticks in the store: each (schedule, tick time) is recorded once, whoever asks again; the latest tick of each
 * schedule is read back with its run and outcome; a store written before ticks (schema 7) takes them when opened.
 */
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DATABASE_FILE } from "../../../sdk/src/store/sqliteStore";
import { openStore, openStoreReader } from "../../../sdk/src/store/openStore";
import { UNDO_SCHEMA_8 } from "../run/olderStore";
import { freshStores } from "./freshStores";
import { storeKinds } from "./storeKinds";

let dir = "";
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const storeDir = () => {
  dir = mkdtempSync(join(tmpdir(), "assetline-ticks-"));
  return join(dir, ".assetline");
};

describe.each(storeKinds)("schedule ticks ($name)", (kind) => {
  const fresh = freshStores(kind);

  it("records a tick once: a second daemon asking for the same tick is told it is taken", async () => {
    const { store: first, location: folder } = await fresh();
    const second = await openStore(folder);
    expect(await first.recordTick({ schedule: "nightly", tickAt: 6_000, status: "started" })).toBe(true);
    expect(await second.recordTick({ schedule: "nightly", tickAt: 6_000, status: "started" })).toBe(false);
    expect(await second.recordTick({ schedule: "hourly", tickAt: 6_000, status: "started" })).toBe(true);
    await second.close();
  });

  it("reads each schedule's latest tick with its run and outcome", async () => {
    const { store, location: folder } = await fresh();
    await store.recordTick({
      schedule: "nightly",
      tickAt: 1_000,
      status: "skipped",
      reason: "missed while the daemon was down",
    });
    await store.recordTick({ schedule: "nightly", tickAt: 2_000, status: "started" });
    await store.updateTick("nightly", 2_000, { status: "succeeded", runId: "r1" });
    await store.recordTick({ schedule: "hourly", tickAt: 500, status: "started" });
    await store.updateTick("hourly", 500, { status: "failed", runId: "r2" });
    const latest = await store.latestTicks();
    expect(latest.get("nightly")).toMatchObject({ tickAt: 2_000, status: "succeeded", runId: "r1" });
    expect(latest.get("nightly")).not.toHaveProperty("reason");
    expect(latest.get("hourly")).toMatchObject({ tickAt: 500, status: "failed", runId: "r2" });
    await store.flush();
    const reader = await openStoreReader(folder);
    expect(await reader.latestTicks()).toEqual(latest);
    await reader.close();
  });

  it("records the schedule that started a run, and reads runs of older stores without one", async () => {
    const { store, location: folder } = await fresh();
    await store.startRun({ id: "r1", selection: "*", origin: "cli", startedAt: 1 });
    await store.startRun({
      id: "r2",
      selection: "job:nightly",
      origin: "schedule",
      instigator: "nightly",
      startedAt: 2,
    });
    await store.flush();
    const reader = await openStoreReader(folder);
    expect((await reader.runs(5)).map(({ id, origin, instigator }) => ({ id, origin, instigator }))).toEqual([
      { id: "r2", origin: "schedule", instigator: "nightly" },
      { id: "r1", origin: "cli", instigator: undefined },
    ]);
    await reader.close();
  });
});

describe("schedule ticks (SQLite)", () => {
  it("upgrades a store written before ticks (schema 7): its runs stay, it records ticks", async () => {
    const folder = storeDir();
    const store = await openStore(folder);
    await store.startRun({ id: "r1", selection: "*", origin: "cli", startedAt: 1 });
    await store.close();
    const db = new Database(join(folder, DATABASE_FILE));
    db.exec(UNDO_SCHEMA_8);
    db.close();

    const reader = await openStoreReader(folder);
    expect(await reader.latestTicks()).toEqual(new Map());
    expect((await reader.runs(5)).map((run) => run.id)).toEqual(["r1"]);
    await reader.close();
    const upgraded = await openStore(folder);
    expect(await upgraded.recordTick({ schedule: "nightly", tickAt: 1, status: "started" })).toBe(true);
    await upgraded.close();
  });
});
