/**
 * Check evaluations in the store: each recorded as the run sent it, the newest of each check (of whichever partition)
 * and of each (check, partition) read back, forgotten with their asset by wipe.
 */
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { CheckEvaluation } from "assetline/protocol";
import { DATABASE_FILE } from "../../../sdk/src/store/sqliteStore";
import { openStore, readStore } from "../../../sdk/src/store/openStore";
import { freshStores } from "../store/freshStores";
import { storeKinds } from "../store/storeKinds";
import { evaluation as checkEvaluation } from "../status/statusFixtures";
import { evaluated, recordRun } from "./storeRuns";

let dir = "";
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const freshDir = () => (dir = mkdtempSync(join(tmpdir(), "assetline-checks-")));

const evaluation = (
  asset: string,
  name: string,
  runId: string,
  timestamp: number,
  more: Partial<CheckEvaluation> = {},
): CheckEvaluation => checkEvaluation(asset, name, { runId, timestamp, ...more });

/** Check key → [run, partition] of each newest evaluation, for tables that read at a glance. */
const newest = (evaluations: Map<string, CheckEvaluation>) =>
  Object.fromEntries([...evaluations].map(([by, e]) => [by, [e.runId, e.partition ?? "-"]]));

const failedUnique = evaluation("orders", "unique_order_id", "r2", 20, {
  passed: false,
  description: "3 duplicate order_id values",
  metadata: { duplicate_count: { type: "int", value: 3 }, duplicates: { type: "json", value: [7, 9, 11] } },
  dataVersion: "d2",
  blocking: true,
});
const thrown = evaluation("customers", "row_count", "r2", 21, {
  passed: false,
  description: "customers is not an array",
  error: { message: "customers is not an array", stack: "Error: customers is not an array\n    at check" },
});

describe.each(storeKinds)("check evaluations in the $name store", (kind) => {
  const fresh = freshStores(kind);

  it("keeps the newest evaluation of each check, as the run sent it", async () => {
    const { location: storeDir } = await fresh();
    await recordRun(storeDir, "r1", [
      evaluated(evaluation("orders", "unique_order_id", "r1", 10)),
      evaluated(evaluation("orders", "row_count", "r1", 11)),
    ]);
    await recordRun(storeDir, "r2", [evaluated(failedUnique), evaluated(thrown)]);
    const latest = await readStore(storeDir, (store) => store.latestCheckEvaluations());
    expect(newest(latest)).toEqual({
      "orders:unique_order_id": ["r2", "-"],
      "orders:row_count": ["r1", "-"],
      "customers:row_count": ["r2", "-"],
    });
    // Every field comes back as written: metadata, the data version read, a thrown error with its stack.
    expect(latest.get("orders:unique_order_id")).toEqual(failedUnique);
    expect(latest.get("customers:row_count")).toEqual(thrown);
    // An unpartitioned check has no partitions to list.
    expect(
      (await readStore(storeDir, (store) => store.latestPartitionCheckEvaluations("orders:unique_order_id"))).size,
    ).toBe(0);
  });

  it("keeps each partition's newest evaluation, and the newest of any partition as the check's", async () => {
    const { location: storeDir } = await fresh();
    const daily = (runId: string, timestamp: number, partition: string, passed = true) =>
      evaluated(evaluation("events", "not_null_id", runId, timestamp, { partition, passed }));
    await recordRun(storeDir, "r1", [daily("r1", 1, "2026-03-01"), daily("r1", 2, "2026-03-02")]);
    await recordRun(storeDir, "r2", [daily("r2", 3, "2026-03-01", false)]);
    await readStore(storeDir, async (store) => {
      expect(newest(await store.latestPartitionCheckEvaluations("events:not_null_id"))).toEqual({
        "2026-03-01": ["r2", "2026-03-01"],
        "2026-03-02": ["r1", "2026-03-02"],
      });
      expect((await store.latestPartitionCheckEvaluations("events:not_null_id")).get("2026-03-01")?.passed).toBe(false);
      expect(newest(await store.latestCheckEvaluations())).toEqual({ "events:not_null_id": ["r2", "2026-03-01"] });
    });
  });

  it("answers a run with what it recorded before the batch is written", async () => {
    const { store } = await fresh();
    await store.startRun({ id: "r1", selection: "*", origin: "cli", startedAt: 1 });
    await store.record(evaluated(failedUnique));
    expect((await store.latestCheckEvaluations()).get("orders:unique_order_id")).toEqual(failedUnique);
  });

  it.each<[string[] | "all", string[]]>([
    [["orders"], ["customers:row_count", "events:x"]],
    [["customers", "events"], ["orders:unique_order_id"]],
    ["all", []],
  ])("wipe %j forgets those assets' evaluations and keeps the others'", async (wiped, left) => {
    const { store, location } = await fresh();
    await recordRun(location, "r2", [evaluated(failedUnique), evaluated(thrown)]);
    await recordRun(location, "r3", [evaluated(evaluation("events", "x", "r3", 30, { partition: "p" }))]);
    await store.wipe(wiped);
    expect([...(await store.latestCheckEvaluations()).keys()].sort()).toEqual(left);
    expect((await store.latestPartitionCheckEvaluations("events:x")).size).toBe(left.includes("events:x") ? 1 : 0);
  });
});

describe("check evaluations in the SQLite store", () => {
  it("wipes the rows too, not only the pointers to the newest", async () => {
    const storeDir = freshDir();
    await recordRun(storeDir, "r2", [evaluated(failedUnique), evaluated(thrown)]);
    const store = await openStore(storeDir);
    await store.wipe(["orders"]);
    await store.close();
    const db = new Database(join(storeDir, DATABASE_FILE), { readonly: true });
    const rows = db.prepare("SELECT DISTINCT check_key FROM check_evaluations ORDER BY check_key").all();
    expect(rows.map((row) => (row as { check_key: string }).check_key)).toEqual(["customers:row_count"]);
    db.close();
  });

  it("reads a row that does not fit the protocol as no evaluation, and the others as they are", async () => {
    const storeDir = freshDir();
    await recordRun(storeDir, "r2", [evaluated(failedUnique), evaluated(thrown)]);
    const db = new Database(join(storeDir, DATABASE_FILE));
    db.prepare("UPDATE check_evaluations SET body = ? WHERE check_key = 'customers:row_count'").run(
      JSON.stringify({ ...thrown, severity: "fatal" }),
    );
    db.close();
    expect(newest(await readStore(storeDir, (store) => store.latestCheckEvaluations()))).toEqual({
      "orders:unique_order_id": ["r2", "-"],
    });
  });
});
