/** The store per partition: records, failures, committed values, dynamic keys, wipe, garbage and crash recovery. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Materialization, RunEvent } from "assetline/protocol";
import { openStore, openStoreReader } from "../../../sdk/src/store/sqliteStore";
import { finished, materialized, recordRun } from "./storeRuns";

let dir = "";
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const freshDir = () => (dir = mkdtempSync(join(tmpdir(), "assetline-pstore-")));

const record = (
  key: string,
  partition: string | undefined,
  runId: string,
  timestamp: number,
  valueRef?: string,
): Materialization => ({
  key,
  ...(partition !== undefined && { partition }),
  runId,
  timestamp,
  durationMs: 1,
  metadata: { rows: { type: "int", value: timestamp } },
  codeVersion: "c",
  dataVersion: `d${timestamp}`,
  upstreamDataVersions: partition ? { [`up[${partition}]`]: `u${timestamp}` } : {},
  ...(valueRef && { valueRef }),
});
const stepFailed = (runId: string, key: string, partitions: string[] | undefined, timestamp: number): RunEvent => ({
  type: "step_failed",
  runId,
  stepId: key,
  assets: [key],
  ...(partitions && { partitions }),
  error: { message: `boom in ${runId}` },
  timestamp,
});

describe("the store per partition", () => {
  it("keeps each partition's newest record, and the asset's newest of any partition as its latest", () => {
    const storeDir = freshDir();
    recordRun(storeDir, "r1", [
      materialized(record("orders", "2026-03-01", "r1", 1)),
      materialized(record("orders", "2026-03-02", "r1", 2)),
      finished("r1", "success"),
    ]);
    recordRun(storeDir, "r2", [materialized(record("orders", "2026-03-01", "r2", 3)), finished("r2", "success")]);
    const reader = openStoreReader(storeDir);
    expect([...reader.latestPartitionRecords("orders")].sort()).toEqual([
      [
        "2026-03-01",
        {
          runId: "r2",
          timestamp: 3,
          codeVersion: "c",
          dataVersion: "d3",
          upstreamDataVersions: { "up[2026-03-01]": "u3" },
        },
      ],
      [
        "2026-03-02",
        {
          runId: "r1",
          timestamp: 2,
          codeVersion: "c",
          dataVersion: "d2",
          upstreamDataVersions: { "up[2026-03-02]": "u2" },
        },
      ],
    ]);
    expect(reader.latestMaterializations().get("orders")).toMatchObject({ partition: "2026-03-01", runId: "r2" });
    expect(reader.latestPartitionMaterialization("orders", "2026-03-02")).toMatchObject({
      partition: "2026-03-02",
      metadata: { rows: { type: "int", value: 2 } },
    });
    expect(reader.latestPartitionMaterialization("orders", "2026-03-03")).toBeUndefined();
    expect(reader.latestPartitionRecords("never_run").size).toBe(0);
    reader.close();
  });

  it("records a failed range step as a failure of each partition, and forgets cancelled runs' failures", () => {
    const storeDir = freshDir();
    recordRun(storeDir, "r1", [stepFailed("r1", "orders", ["2026-03-01", "2026-03-02"], 5), finished("r1", "failed")]);
    recordRun(storeDir, "r2", [stepFailed("r2", "orders", ["2026-03-02"], 6), finished("r2", "cancelled")]);
    recordRun(storeDir, "r3", [stepFailed("r3", "plain", undefined, 7), finished("r3", "failed")]);
    const reader = openStoreReader(storeDir);
    expect(Object.fromEntries(reader.latestPartitionFailures("orders"))).toEqual({
      "2026-03-01": { runId: "r1", timestamp: 5, error: "boom in r1" },
      "2026-03-02": { runId: "r1", timestamp: 5, error: "boom in r1" },
    });
    // The asset's newest failure, of whichever partition; an unpartitioned failure is no partition's.
    expect(reader.latestFailures().get("orders")?.runId).toBe("r1");
    expect(reader.latestPartitionFailures("plain").size).toBe(0);
    reader.close();
  });

  it("answers a run's input with the partition's committed value, not the asset's newest", () => {
    const storeDir = freshDir();
    recordRun(storeDir, "r1", [
      materialized(record("orders", "2026-03-01", "r1", 1, "table:aaa")),
      materialized(record("orders", "2026-03-02", "r1", 2, "table:bbb")),
      finished("r1", "success"),
    ]);
    const store = openStore(storeDir);
    expect(store.committedValue("orders", "2026-03-01")).toEqual({ dataVersion: "d1", valueRef: "table:aaa" });
    expect(store.committedValue("orders")).toEqual({ dataVersion: "d2", valueRef: "table:bbb" });
    expect(store.committedValue("orders", "2026-03-09")).toBeUndefined();
    store.close();
  });

  it("adds, lists and removes dynamic partitions in the order added; removing keeps materializations", () => {
    const storeDir = freshDir();
    const store = openStore(storeDir);
    expect(store.addDynamicPartitions("customers", ["zoe", "adam", "zoe"])).toEqual(["zoe", "adam"]);
    expect(store.addDynamicPartitions("customers", ["adam", "bea"])).toEqual(["bea"]);
    expect(store.addDynamicPartitions("suppliers", ["acme"])).toEqual(["acme"]);
    store.startRun({ id: "r1", selection: "*", origin: "cli", startedAt: 1 });
    store.record(materialized(record("per_customer", "adam", "r1", 1)));
    store.record(finished("r1", "success"));
    expect(store.removeDynamicPartitions("customers", ["adam", "nobody"])).toEqual(["adam"]);
    store.close();
    const reader = openStoreReader(storeDir);
    expect(reader.dynamicPartitionKeys("customers")).toEqual(["zoe", "bea"]);
    expect(reader.dynamicPartitionKeys("suppliers")).toEqual(["acme"]);
    expect(reader.dynamicPartitionKeys("unknown")).toEqual([]);
    expect([...reader.latestPartitionRecords("per_customer").keys()]).toEqual(["adam"]);
    reader.close();
  });

  it("wipes every partition's records and failures of a key, and leaves dynamic partitions", () => {
    const storeDir = freshDir();
    recordRun(storeDir, "r1", [
      materialized(record("orders", "2026-03-01", "r1", 1)),
      stepFailed("r1", "orders", ["2026-03-02"], 2),
      materialized(record("other", "x", "r1", 3)),
      finished("r1", "failed"),
    ]);
    const store = openStore(storeDir);
    store.addDynamicPartitions("customers", ["zoe"]);
    expect(store.wipe(["orders"])).toBe(1);
    expect(store.latestPartitionRecords("orders").size).toBe(0);
    expect(store.latestPartitionFailures("orders").size).toBe(0);
    expect(store.latestPartitionRecords("other").size).toBe(1);
    expect(store.wipe("all")).toBe(1);
    expect(store.latestPartitionRecords("other").size).toBe(0);
    expect(store.dynamicPartitionKeys("customers")).toEqual(["zoe"]);
    store.close();
  });

  it("keeps every value some partition's latest record points to when collecting garbage", () => {
    const storeDir = freshDir();
    const store = openStore(storeDir);
    store.startRun({ id: "r1", selection: "*", origin: "cli", startedAt: 1 });
    const hash = (letter: string) => letter.repeat(64);
    for (const [letter, partition, timestamp] of [
      ["a", "2026-03-01", 1],
      ["b", "2026-03-02", 2],
      ["c", "2026-03-02", 3],
      ["d", "2026-03-03", 4],
    ] as const) {
      store.putStoredValue(hash(letter), Buffer.from(letter));
      store.record(materialized(record("orders", partition, "r1", timestamp, `table:${hash(letter)}`)));
    }
    store.record(finished("r1", "success"));
    const live: string[] = [];
    expect(store.collectGarbage((values) => live.push(...values.map((v) => v.valueRef!)))).toBe(true);
    // 2026-03-01's value is older than the asset's latest (d), and still that partition's only value.
    expect(live.sort()).toEqual(["a", "c", "d"].map((letter) => `table:${hash(letter)}`));
    expect(["a", "b", "c", "d"].map((letter) => store.getStoredValue(hash(letter))?.toString())).toEqual([
      "a",
      undefined,
      "c",
      "d",
    ]);
    store.close();
  });

  it("fails each partition of a step its crashed run never finished", () => {
    const storeDir = freshDir();
    const crashed = openStore(storeDir);
    crashed.startRun({ id: "r1", selection: "*", origin: "cli", startedAt: 1 });
    crashed.record({
      type: "step_started",
      runId: "r1",
      stepId: "orders[2026-03-01...2026-03-02]",
      assets: ["orders"],
      partitions: ["2026-03-01", "2026-03-02"],
      attempt: 1,
      timestamp: 2,
    });
    // Closed without its run_finished, as a killed process leaves it: its lock is gone.
    crashed.close();
    const reader = openStoreReader(storeDir);
    expect(reader.run("r1")?.status).toBe("failed");
    expect([...reader.latestPartitionFailures("orders").keys()].sort()).toEqual(["2026-03-01", "2026-03-02"]);
    expect(reader.events("r1").find((e) => e.type === "step_failed")).toMatchObject({
      partitions: ["2026-03-01", "2026-03-02"],
    });
    reader.close();
  });
});
