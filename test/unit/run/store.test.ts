import Database from "better-sqlite3";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Materialization, QUEUED_RUN_PLAN_VERSION, type QueuedRunPlan, type RunEvent } from "assetline/protocol";
import { SCHEMA_VERSION } from "../../../sdk/src/store/migrations";
import { DATABASE_FILE } from "../../../sdk/src/store/sqliteStore";
import { openStore, openStoreReader, readStore } from "../../../sdk/src/store/openStore";
import { UNDO_SCHEMA_5 } from "./olderStore";
import { freshStores } from "../store/freshStores";
import { storeKinds } from "../store/storeKinds";
import { finished, materialized, recordRun } from "./storeRuns";

let dir = "";
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const freshDir = () => (dir = mkdtempSync(join(tmpdir(), "assetline-store-")));

const materialization = (key: string, runId: string, timestamp: number): Materialization => ({
  key,
  runId,
  timestamp,
  durationMs: 1,
  metadata: { rows: { type: "int", value: timestamp } },
  codeVersion: "c",
  dataVersion: `d${timestamp}`,
  upstreamDataVersions: {},
});

describe.each(storeKinds)("the $name store", (kind) => {
  const fresh = freshStores(kind);

  it("answers with the newest materialization of each key and keeps a run's events in order", async () => {
    const { location } = await fresh();
    await recordRun(location, "r1", [
      materialized(materialization("a", "r1", 1)),
      materialized(materialization("b", "r1", 2)),
      finished("r1", "success"),
    ]);
    await recordRun(location, "r2", [materialized(materialization("a", "r2", 3)), finished("r2", "success")]);
    const reader = await openStoreReader(location);
    const latest = await reader.latestMaterializations();
    expect([...latest.values()].map((m) => [m.key, m.runId, m.metadata.rows])).toEqual([
      ["a", "r2", { type: "int", value: 3 }],
      ["b", "r1", { type: "int", value: 2 }],
    ]);
    expect(
      [...(await reader.latestMaterializations(["b", "never_run"])).values()].map((m) => [m.key, m.runId]),
    ).toEqual([["b", "r1"]]);
    expect((await reader.events("r1")).map((e) => e.type)).toEqual([
      "materialization",
      "materialization",
      "run_finished",
    ]);
    expect((await reader.runs(10)).map((r) => [r.id, r.status, r.materializations])).toEqual([
      ["r2", "success", 1],
      ["r1", "success", 2],
    ]);
    expect((await reader.run("r1"))?.materializations).toBe(2);
    await reader.close();
  });

  it("counts a running run's materializations as they are recorded, which is how a poll sees it progress", async () => {
    const { store, location } = await fresh();
    await store.startRun({ id: "r1", selection: "*", origin: "cli", startedAt: 1 });
    await store.flush();
    const count = () => readStore(location, async (reader) => (await reader.runs(1))[0]?.materializations);
    expect(await count()).toBeUndefined();
    await store.record(materialized(materialization("a", "r1", 1)));
    await store.flush();
    expect(await count()).toBe(1);
  });

  it("forgets failures of cancelled runs, so cancelling never marks an asset failed", async () => {
    const { location } = await fresh();
    const failed = (runId: string): RunEvent => ({
      type: "step_failed",
      runId,
      stepId: "a",
      assets: ["a"],
      error: { message: `failed in ${runId}` },
      timestamp: 5,
    });
    await recordRun(location, "real", [failed("real"), finished("real", "failed")]);
    await recordRun(location, "stopped", [failed("stopped"), finished("stopped", "cancelled")]);
    const reader = await openStoreReader(location);
    expect((await reader.latestFailures()).get("a")).toEqual({ runId: "real", timestamp: 5, error: "failed in real" });
    await reader.close();
  });
});

const plan: QueuedRunPlan = {
  version: QUEUED_RUN_PLAN_VERSION,
  selection: "a+",
  keys: ["a", "b"],
  partitions: { b: ["2026-01-01"] },
  now: 1_800_000_000_000,
  dynamicKeys: {},
  codeVersions: { a: "c1", b: "c2" },
  config: {},
  format: "cjs",
  concurrency: 0,
};

describe.each(storeKinds)("the $name store's queued runs", (kind) => {
  const fresh = freshStores(kind);

  it("keep their bundle and plan, answer what the run itself made, and are left running by crash recovery", async () => {
    const before = process.env.ASSETLINE_HEARTBEAT_MS;
    process.env.ASSETLINE_HEARTBEAT_MS = "20";
    try {
      const { location } = await fresh();
      const launcher = await openStore(location);
      await launcher.startRun({
        id: "q",
        selection: "a+",
        origin: "cli",
        startedAt: 1,
        executor: "queue",
        bundleHash: "h1",
        plan,
      });
      await launcher.startRun({ id: "local", selection: "a", origin: "cli", startedAt: 2 });
      for (const m of [
        materialization("a", "q", 10),
        materialization("a", "other", 11),
        { ...materialization("b", "q", 12), partition: "2026-01-01" },
      ])
        await launcher.record(materialized(m));
      // The launcher leaves without finishing either run, as `materialize --executor queue --detach` does.
      await launcher.close();
      await new Promise((resolve) => setTimeout(resolve, 150));
      const store = await openStore(location);
      await store.recoverCrashedRuns();
      expect((await store.run("local"))?.status).toBe("failed");
      expect(await store.run("q")).toMatchObject({ status: "running", executor: "queue" });
      expect((await store.run("local"))?.executor).toBeUndefined();
      expect(await store.queuedRun("q")).toEqual({ bundleHash: "h1", plan });
      expect(await store.queuedRun("local")).toBeUndefined();
      expect((await store.runValue("q", "a"))?.timestamp).toBe(10);
      expect((await store.runValue("q", "b", "2026-01-01"))?.timestamp).toBe(12);
      expect(await store.runValue("q", "b")).toBeUndefined();
      expect(await store.runValue("local", "a")).toBeUndefined();
      await store.close();
    } finally {
      if (before === undefined) delete process.env.ASSETLINE_HEARTBEAT_MS;
      else process.env.ASSETLINE_HEARTBEAT_MS = before;
    }
  });
});

describe("the SQLite store", () => {
  it("migrates a store written by an older schema and refuses one written by a newer Assetline", async () => {
    const storeDir = freshDir();
    await recordRun(storeDir, "r1", [materialized(materialization("a", "r1", 1)), finished("r1", "success")]);
    const db = new Database(join(storeDir, DATABASE_FILE));
    // Back to schema 1, as the first Assetline wrote it.
    db.exec(UNDO_SCHEMA_5);
    db.exec(`DROP TABLE latest_materializations; DROP TABLE stored_values;
      ALTER TABLE materializations DROP COLUMN value_ref; ALTER TABLE runs DROP COLUMN heartbeat_at;
      ALTER TABLE runs DROP COLUMN heartbeat_ms; DELETE FROM schema_version WHERE version >= 2;`);
    db.close();
    // A reader (status, the editor) may be first to open it.
    const reader = await openStoreReader(storeDir);
    expect((await reader.runs(5)).map((run) => run.status)).toEqual(["success"]);
    await reader.close();
    const reopened = await openStore(storeDir);
    expect((await reopened.latestMaterializations()).get("a")?.runId).toBe("r1");
    await reopened.close();

    const newer = new Database(join(storeDir, DATABASE_FILE));
    newer.prepare("INSERT INTO schema_version (version) VALUES (?)").run(SCHEMA_VERSION + 1);
    newer.close();
    await expect(openStore(storeDir)).rejects.toThrow(
      /^cannot open the Assetline store .*assetline\.db: the store was written by a newer Assetline .*upgrade the assetline package/,
    );
  });

  it("refuses a file that is no store, naming it and the way out, and leaves it as it was", async () => {
    const storeDir = freshDir();
    const file = join(storeDir, DATABASE_FILE);
    writeFileSync(file, "not a database, but somebody's notes");
    const refusal = new RegExp(
      `^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is not a readable Assetline store .*move it aside .*--store or the assetline\\.storeFolder setting`,
    );
    await expect(openStore(storeDir)).rejects.toThrow(refusal);
    await expect(openStoreReader(storeDir)).rejects.toThrow(refusal);
    expect(readFileSync(file, "utf8")).toBe("not a database, but somebody's notes");
    // A store folder that is a file would otherwise read as "nothing recorded yet".
    await expect(openStoreReader(file)).rejects.toThrow(
      /is not a folder: --store and the assetline.storeFolder setting name the folder/,
    );
  });

  it("reads nothing, and creates nothing, where no run was ever recorded", async () => {
    const storeDir = join(freshDir(), "missing");
    const reader = await openStoreReader(storeDir);
    expect(await reader.runs(5)).toEqual([]);
    expect((await reader.latestMaterializations()).size).toBe(0);
    await reader.close();
    expect(existsSync(storeDir)).toBe(false);
  });
});
