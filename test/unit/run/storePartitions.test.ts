/** The store per partition: records, failures, committed values, dynamic keys, wipe, garbage and crash recovery. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Materialization, RunEvent } from "assetline/protocol";
import { openStore, openStoreReader } from "../../../sdk/src/store/openStore";
import { freshStores } from "../store/freshStores";
import { storeKinds } from "../store/storeKinds";
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

describe.each(storeKinds)("the $name store per partition", (kind) => {
  const fresh = freshStores(kind);

  it("keeps each partition's newest record, and the asset's newest of any partition as its latest", async () => {
    const { location } = await fresh();
    await recordRun(location, "r1", [
      materialized(record("orders", "2026-03-01", "r1", 1)),
      materialized(record("orders", "2026-03-02", "r1", 2)),
      finished("r1", "success"),
    ]);
    await recordRun(location, "r2", [materialized(record("orders", "2026-03-01", "r2", 3)), finished("r2", "success")]);
    const reader = await openStoreReader(location);
    expect([...(await reader.latestPartitionRecords("orders"))].sort()).toEqual([
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
    expect((await reader.latestMaterializations()).get("orders")).toMatchObject({
      partition: "2026-03-01",
      runId: "r2",
    });
    expect(await reader.latestPartitionMaterialization("orders", "2026-03-02")).toMatchObject({
      partition: "2026-03-02",
      metadata: { rows: { type: "int", value: 2 } },
    });
    expect(await reader.latestPartitionMaterialization("orders", "2026-03-03")).toBeUndefined();
    expect((await reader.latestPartitionRecords("never_run")).size).toBe(0);
    await reader.close();
  });

  it("records a failed range step as a failure of each partition, and forgets cancelled runs' failures", async () => {
    const { location } = await fresh();
    await recordRun(location, "r1", [
      stepFailed("r1", "orders", ["2026-03-01", "2026-03-02"], 5),
      finished("r1", "failed"),
    ]);
    await recordRun(location, "r2", [stepFailed("r2", "orders", ["2026-03-02"], 6), finished("r2", "cancelled")]);
    await recordRun(location, "r3", [stepFailed("r3", "plain", undefined, 7), finished("r3", "failed")]);
    const reader = await openStoreReader(location);
    expect(Object.fromEntries(await reader.latestPartitionFailures("orders"))).toEqual({
      "2026-03-01": { runId: "r1", timestamp: 5, error: "boom in r1" },
      "2026-03-02": { runId: "r1", timestamp: 5, error: "boom in r1" },
    });
    // The asset's newest failure, of whichever partition; an unpartitioned failure is no partition's.
    expect((await reader.latestFailures()).get("orders")?.runId).toBe("r1");
    expect((await reader.latestPartitionFailures("plain")).size).toBe(0);
    await reader.close();
  });

  it("answers a run's input with the partition's committed value, not the asset's newest", async () => {
    const { store, location } = await fresh();
    await recordRun(location, "r1", [
      materialized(record("orders", "2026-03-01", "r1", 1, "table:aaa")),
      materialized(record("orders", "2026-03-02", "r1", 2, "table:bbb")),
      finished("r1", "success"),
    ]);
    expect(await store.committedValue("orders", "2026-03-01")).toEqual({ dataVersion: "d1", valueRef: "table:aaa" });
    expect(await store.committedValue("orders")).toEqual({ dataVersion: "d2", valueRef: "table:bbb" });
    expect(await store.committedValue("orders", "2026-03-09")).toBeUndefined();
  });

  it("adds, lists and removes dynamic partitions in the order added; removing keeps materializations", async () => {
    const { store, location } = await fresh();
    expect(await store.addDynamicPartitions("customers", ["zoe", "adam", "zoe"])).toEqual(["zoe", "adam"]);
    expect(await store.addDynamicPartitions("customers", ["adam", "bea"])).toEqual(["bea"]);
    expect(await store.addDynamicPartitions("suppliers", ["acme"])).toEqual(["acme"]);
    await store.startRun({ id: "r1", selection: "*", origin: "cli", startedAt: 1 });
    await store.record(materialized(record("per_customer", "adam", "r1", 1)));
    await store.record(finished("r1", "success"));
    expect(await store.removeDynamicPartitions("customers", ["adam", "nobody"])).toEqual(["adam"]);
    await store.flush();
    const reader = await openStoreReader(location);
    expect(await reader.dynamicPartitionKeys("customers")).toEqual(["zoe", "bea"]);
    expect(await reader.dynamicPartitionKeys("suppliers")).toEqual(["acme"]);
    expect(await reader.dynamicPartitionKeys("unknown")).toEqual([]);
    expect([...(await reader.latestPartitionRecords("per_customer")).keys()]).toEqual(["adam"]);
    await reader.close();
  });

  it("wipes every partition's records and failures of a key, and leaves dynamic partitions", async () => {
    const { store, location } = await fresh();
    await recordRun(location, "r1", [
      materialized(record("orders", "2026-03-01", "r1", 1)),
      stepFailed("r1", "orders", ["2026-03-02"], 2),
      materialized(record("other", "x", "r1", 3)),
      finished("r1", "failed"),
    ]);
    await store.addDynamicPartitions("customers", ["zoe"]);
    expect(await store.wipe(["orders"])).toBe(1);
    expect((await store.latestPartitionRecords("orders")).size).toBe(0);
    expect((await store.latestPartitionFailures("orders")).size).toBe(0);
    expect((await store.latestPartitionRecords("other")).size).toBe(1);
    expect(await store.wipe("all")).toBe(1);
    expect((await store.latestPartitionRecords("other")).size).toBe(0);
    expect(await store.dynamicPartitionKeys("customers")).toEqual(["zoe"]);
  });

  it("keeps every value some partition's latest record points to when collecting garbage", async () => {
    const { store } = await fresh();
    await store.startRun({ id: "r1", selection: "*", origin: "cli", startedAt: 1 });
    const hash = (letter: string) => letter.repeat(64);
    for (const [letter, partition, timestamp] of [
      ["a", "2026-03-01", 1],
      ["b", "2026-03-02", 2],
      ["c", "2026-03-02", 3],
      ["d", "2026-03-03", 4],
    ] as const) {
      await store.putStoredValue(hash(letter), Buffer.from(letter));
      await store.record(materialized(record("orders", partition, "r1", timestamp, `table:${hash(letter)}`)));
    }
    await store.record(finished("r1", "success"));
    const live: string[] = [];
    expect(await store.collectGarbage((values) => live.push(...values.map((v) => v.valueRef!)))).toBe(true);
    // 2026-03-01's value is older than the asset's latest (d), and still that partition's only value.
    expect(live.sort()).toEqual(["a", "c", "d"].map((letter) => `table:${hash(letter)}`));
    const values = await Promise.all(["a", "b", "c", "d"].map((letter) => store.getStoredValue(hash(letter))));
    expect(values.map((value) => value?.toString())).toEqual(["a", undefined, "c", "d"]);
  });
});

/** Crash recovery by the run's lock: SQLite's (a shared store goes by heartbeats). */
describe("the SQLite store per partition", () => {
  it("fails each partition of a step its crashed run never finished", async () => {
    const storeDir = freshDir();
    const crashed = await openStore(storeDir);
    await crashed.startRun({ id: "r1", selection: "*", origin: "cli", startedAt: 1 });
    await crashed.record({
      type: "step_started",
      runId: "r1",
      stepId: "orders[2026-03-01...2026-03-02]",
      assets: ["orders"],
      partitions: ["2026-03-01", "2026-03-02"],
      attempt: 1,
      timestamp: 2,
    });
    // Closed without its run_finished, as a killed process leaves it: its lock is gone.
    await crashed.close();
    const reader = await openStoreReader(storeDir);
    expect((await reader.run("r1"))?.status).toBe("failed");
    expect([...(await reader.latestPartitionFailures("orders")).keys()].sort()).toEqual(["2026-03-01", "2026-03-02"]);
    expect((await reader.events("r1")).find((e) => e.type === "step_failed")).toMatchObject({
      partitions: ["2026-03-01", "2026-03-02"],
    });
    await reader.close();
  });
});
