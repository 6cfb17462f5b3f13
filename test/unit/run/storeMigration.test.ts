/**
 * A store the previous Assetline wrote (schema 4, built with its migrations as released: schema4.sql), opened by this
 * one: everything reads as before, the partition columns are NULL, and every asset's status is what it was. A store
 * written before checks (schema 5) reads as before and takes check evaluations; one written before run config
 * (schema 6) lists its runs without config and records the next run's.
 */
import Database from "better-sqlite3";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { AssetGraph, AssetNode, CheckEvaluation, Materialization, RunEvent } from "assetline/protocol";
import { statusesFromStore } from "../../../sdk/src/status/staleness";
import { SCHEMA_VERSION } from "../../../sdk/src/store/migrations";
import { DATABASE_FILE } from "../../../sdk/src/store/sqliteStore";
import { openStore, openStoreReader } from "../../../sdk/src/store/openStore";
import type { StoreReader } from "../../../sdk/src/store/store";
import { node as assetNode } from "../status/statusFixtures";
import { UNDO_SCHEMA_6, UNDO_SCHEMA_7 } from "./olderStore";
import { evaluated, materialized, recordRun } from "./storeRuns";

let dir = "";
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const HASH = "e".repeat(64);
const materializations: Materialization[] = [
  {
    key: "alpha",
    runId: "r1",
    timestamp: 1_000,
    durationMs: 12.5,
    metadata: { rows: { type: "int", value: 3 } },
    codeVersion: "v-alpha",
    dataVersion: "d-alpha",
    upstreamDataVersions: {},
    valueRef: `table:${HASH}`,
  },
  // Before schema 3: no value_ref, its value read by key from asset_values.
  {
    key: "beta",
    runId: "r1",
    timestamp: 2_000,
    durationMs: 3,
    metadata: {},
    codeVersion: "v-beta",
    dataVersion: "d-beta",
    upstreamDataVersions: { alpha: "d-alpha" },
  },
  {
    key: "gamma",
    runId: "r1",
    timestamp: 3_000,
    durationMs: 3,
    metadata: { note: { type: "text", value: "old" } },
    codeVersion: "v-gamma-old",
    dataVersion: "d-gamma",
    upstreamDataVersions: { beta: "d-beta" },
  },
];
const events: RunEvent[] = materializations.map((m) => ({
  type: "materialization",
  runId: m.runId,
  stepId: m.key,
  materialization: m,
  timestamp: m.timestamp,
}));

/** The rows schema 4's code wrote for two runs: r1 materialized all three, r2 failed beta. */
function previousVersionStore(storeDir: string): void {
  mkdirSync(storeDir, { recursive: true });
  const db = new Database(join(storeDir, DATABASE_FILE));
  db.exec(readFileSync(join(import.meta.dirname, "schema4.sql"), "utf8"));
  const run = db.prepare(
    "INSERT INTO runs (id, selection, status, origin, started_at, ended_at, pid, host, heartbeat_at, heartbeat_ms) VALUES (?, '*', ?, 'cli', ?, ?, 1, 'old-host', 0, 0)",
  );
  run.run("r1", "success", 900, 3_100);
  run.run("r2", "failed", 4_000, 4_100);
  const insert = db.prepare(
    "INSERT INTO materializations (key, run_id, timestamp, duration_ms, metadata, code_version, data_version, upstream, value_ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  for (const m of materializations) {
    const row = insert.run(
      m.key,
      m.runId,
      m.timestamp,
      m.durationMs,
      JSON.stringify(m.metadata),
      m.codeVersion,
      m.dataVersion,
      JSON.stringify(m.upstreamDataVersions),
      m.valueRef ?? null,
    );
    db.prepare("INSERT INTO latest_materializations (key, materialization_id) VALUES (?, ?)").run(
      m.key,
      row.lastInsertRowid,
    );
  }
  db.prepare("INSERT INTO failures (key, run_id, timestamp, error) VALUES ('beta', 'r2', 4050, 'boom')").run();
  db.prepare("INSERT INTO events (run_id, body) VALUES ('r1', ?)").run(JSON.stringify(events));
  db.prepare("INSERT INTO stored_values (hash, body) VALUES (?, ?)").run(HASH, Buffer.from("[1,2,3]"));
  db.prepare("INSERT INTO asset_values (key, body) VALUES ('beta', ?)").run(Buffer.from("6"));
  db.close();
}

const node = (key: string): AssetNode => assetNode(key, { codeVersion: `v-${key}` });
const graph: AssetGraph = {
  nodes: [node("alpha"), node("beta"), node("gamma")],
  edges: [
    { from: "alpha", to: "beta", kind: "data" },
    { from: "beta", to: "gamma", kind: "data" },
  ],
  jobs: [],
};

async function expectAsBefore(store: StoreReader): Promise<void> {
  expect([...(await store.latestMaterializations()).values()]).toEqual(materializations);
  expect((await store.latestMaterializations(["beta"])).get("beta")).toEqual(materializations[1]);
  expect(Object.fromEntries(await store.latestFailures())).toEqual({
    beta: { runId: "r2", timestamp: 4050, error: "boom" },
  });
  expect((await store.runs(5)).map((run) => [run.id, run.status])).toEqual([
    ["r2", "failed"],
    ["r1", "success"],
  ]);
  expect(await store.events("r1")).toEqual(events);
  expect((await statusesFromStore(graph, store)).map((s) => [s.key, s.state, s.reasons])).toEqual([
    ["alpha", "fresh", []],
    ["beta", "failed", ["last run failed: boom"]],
    ["gamma", "stale", ["code changed since last materialization", "upstream beta failed"]],
  ]);
  for (const key of ["alpha", "beta", "gamma"]) {
    expect((await store.latestPartitionRecords(key)).size).toBe(0);
    expect((await store.latestPartitionFailures(key)).size).toBe(0);
  }
}

describe("a store written by the previous Assetline (schema 4)", () => {
  it.each(["a reader (status, the editor)", "a run"])("reads as before when %s opens it first", async (opener) => {
    const storeDir = join((dir = mkdtempSync(join(tmpdir(), "assetline-schema4-"))), "store");
    previousVersionStore(storeDir);
    if (opener === "a run") {
      const store = await openStore(storeDir);
      await expectAsBefore(store);
      expect(await store.committedValue("alpha")).toEqual({ dataVersion: "d-alpha", valueRef: `table:${HASH}` });
      expect(await store.committedValue("beta")).toEqual({ dataVersion: "d-beta" });
      expect((await store.getLegacyValue("beta"))?.toString()).toBe("6");
      await store.close();
    } else {
      const reader = await openStoreReader(storeDir);
      await expectAsBefore(reader);
      await reader.close();
    }

    const db = new Database(join(storeDir, DATABASE_FILE), { readonly: true });
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    expect(count("SELECT MAX(version) AS n FROM schema_version")).toBe(SCHEMA_VERSION);
    expect(count("SELECT COUNT(*) AS n FROM materializations WHERE partition IS NOT NULL")).toBe(0);
    expect(count("SELECT COUNT(*) AS n FROM materializations WHERE partition IS NULL")).toBe(3);
    expect(count("SELECT COUNT(*) AS n FROM failures WHERE partition IS NULL")).toBe(1);
    expect(count("SELECT COUNT(*) AS n FROM latest_partition_materializations")).toBe(0);
    expect(count("SELECT COUNT(*) AS n FROM dynamic_partitions")).toBe(0);
    db.close();

    // The migrated store takes partitioned records beside the old ones.
    const store = await openStore(storeDir);
    await store.startRun({ id: "r3", selection: "alpha", origin: "cli", startedAt: 5_000 });
    const partitioned = { ...materializations[0]!, runId: "r3", partition: "eu" };
    await store.record({
      type: "materialization",
      runId: "r3",
      stepId: "alpha[eu]",
      materialization: partitioned,
      timestamp: 5_000,
    });
    expect([...(await store.latestPartitionRecords("alpha")).keys()]).toEqual(["eu"]);
    expect((await store.latestMaterializations()).get("beta")).toEqual(materializations[1]);
    await store.close();
  });
});

describe("a store written before checks (schema 5)", () => {
  it.each(["a reader (status, the editor)", "a run"])(
    "reads as before when %s opens it first, then keeps evaluations",
    async (opener) => {
      const storeDir = join((dir = mkdtempSync(join(tmpdir(), "assetline-schema5-"))), "store");
      const partitioned = { ...materializations[0]!, runId: "r2", partition: "eu" };
      await recordRun(storeDir, "r1", events);
      await recordRun(storeDir, "r2", [materialized(partitioned)]);
      const db = new Database(join(storeDir, DATABASE_FILE));
      db.exec(UNDO_SCHEMA_6);
      db.close();

      const opened = opener === "a run" ? await openStore(storeDir) : await openStoreReader(storeDir);
      expect((await opened.latestMaterializations()).get("beta")).toEqual(materializations[1]);
      expect(await opened.latestPartitionMaterialization("alpha", "eu")).toEqual(partitioned);
      expect((await opened.latestCheckEvaluations()).size).toBe(0);
      await opened.close();

      const evaluation: CheckEvaluation = {
        checkKey: "alpha:row_count",
        asset: "alpha",
        name: "row_count",
        partition: "eu",
        runId: "r3",
        timestamp: 6_000,
        passed: true,
        severity: "error",
        blocking: false,
        metadata: { row_count: { type: "int", value: 3 } },
        dataVersion: "d-alpha",
        durationMs: 1,
      };
      await recordRun(storeDir, "r3", [evaluated(evaluation)]);
      const reader = await openStoreReader(storeDir);
      expect((await reader.latestPartitionCheckEvaluations("alpha:row_count")).get("eu")).toEqual(evaluation);
      await reader.close();
    },
  );
});

describe("a store written before run config (schema 6)", () => {
  it.each(["a reader (status, the editor)", "a run"])(
    "lists its runs without config when %s opens it first, then records a run's config",
    async (opener) => {
      const storeDir = join((dir = mkdtempSync(join(tmpdir(), "assetline-schema6-"))), "store");
      await recordRun(storeDir, "r1", events);
      const db = new Database(join(storeDir, DATABASE_FILE));
      db.exec(UNDO_SCHEMA_7);
      db.close();

      const opened = opener === "a run" ? await openStore(storeDir) : await openStoreReader(storeDir);
      expect((await opened.runs(5)).map((run) => [run.id, run.selection, run.config])).toEqual([
        ["r1", "*", undefined],
      ]);
      // Then its crash recovery's lines: the run's process closed the store without finishing the run.
      expect((await opened.events("r1")).slice(0, events.length)).toEqual(events);
      await opened.close();

      const store = await openStore(storeDir);
      await store.startRun({
        id: "r2",
        selection: "report",
        origin: "cli",
        startedAt: 2,
        config: { report: { days: 3 } },
      });
      expect((await store.run("r2"))?.config).toEqual({ report: { days: 3 } });
      expect(await store.run("r1")).not.toHaveProperty("config");
      await store.close();
    },
  );
});
