/**
 * The PostgreSQL store gives SQLite's answers: every Store method is called on both with the same arguments and their
 * answers compared (times the stores stamp themselves left out), with literal expectations where a shared mistake
 * could hide. Then what only PostgreSQL has: ticks and run keys claimed once by racing stores, crash recovery by
 * heartbeat, batch errors that surface, `transaction`, the reader, BIGINT as numbers and passwords kept out of errors.
 * On this branch SQLite still answers synchronously: `await` passes its values through unchanged.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { ValueTable } from "../../../../sdk/src/io/tieredIOManager";
import type { AutomationState } from "../../../../sdk/src/automation/evaluate/inputs";
import type { CheckEvaluation, Materialization, RunEvent } from "../../../../sdk/src/protocol";
import type { LiveValue } from "../../../../sdk/src/io/sweepStorage";
import { recoverCrashedRuns } from "../../../../sdk/src/store/postgres/pgMaintenance";
import { openPostgresReader, openPostgresStore, type PostgresStore } from "../../../../sdk/src/store/postgres/pgStore";
import { parseStoreLocation } from "../../../../sdk/src/store/postgres/storeUrl";
import type { Store } from "../../../../sdk/src/store/store";
import { type OpenedStore, pgLocation, storeKinds } from "../storeKinds";
import { usePgSchemas } from "./pgSchema";

type AnyStore = Store & ValueTable;

const pg = usePgSchemas();
let opened: OpenedStore[] = [];
let extra: { close(): Promise<void> }[] = [];
afterEach(async () => {
  const [stores, others] = [opened, extra];
  opened = [];
  extra = [];
  for (const store of others) await store.close();
  for (const store of stores) await store.dispose();
});

/** SQLite's store and PostgreSQL's, fresh. */
async function openBoth(): Promise<AnyStore[]> {
  for (const kind of storeKinds) opened.push(await kind.open());
  return opened.map((o) => o.store);
}

async function openPg(): Promise<{ store: PostgresStore; location: string }> {
  const kind = storeKinds.find((k) => k.name === "postgres")!;
  const store = await kind.open();
  opened.push(store);
  return { store: store.store as PostgresStore, location: store.location };
}

/** Another store on the same schema, as a second process (or machine) would open it. */
async function another(location: string): Promise<PostgresStore> {
  const store = await openPostgresStore(pgLocation(location));
  extra.push(store);
  return store;
}

async function onBoth(stores: AnyStore[], write: (store: AnyStore) => Promise<unknown>): Promise<void> {
  for (const store of stores) await write(store);
}

/** What both stores answer, which must be the same; SQLite's answer is returned for literal expectations. */
async function same<T>(stores: AnyStore[], read: (store: AnyStore) => Promise<T>): Promise<T> {
  const [sqlite, postgres] = [await read(stores[0]!), await read(stores[1]!)];
  expect(postgres).toStrictEqual(sqlite);
  return sqlite;
}

/** Without the times a store stamps from its own clock (recordedAt, updatedAt): they differ by a millisecond or two. */
function unclocked<V extends object>(map: Map<string, V>): Map<string, Omit<V, "recordedAt" | "updatedAt">> {
  return new Map(
    [...map].map(([key, value]) => {
      const { recordedAt: _r, updatedAt: _u, ...rest } = value as V & { recordedAt?: number; updatedAt?: number };
      return [key, rest];
    }),
  );
}

/** Epoch milliseconds past 2^31, so a BIGINT read back as a string (or a truncated int) would show. */
const T = 1_765_000_000_000;
const HASH = (c: string) => c.repeat(64);

function materialization(
  key: string,
  runId: string,
  at: number,
  extra: Partial<Materialization> = {},
): Materialization {
  return {
    key,
    runId,
    timestamp: T + at,
    durationMs: 1.5,
    metadata: { rows: { type: "int", value: at }, note: { type: "text", value: `of ${key}` } },
    codeVersion: "c1",
    dataVersion: `d-${key}-${at}`,
    upstreamDataVersions: {},
    ...extra,
  };
}

const materialized = (m: Materialization): RunEvent => ({
  type: "materialization",
  runId: m.runId,
  stepId: m.key,
  materialization: m,
  timestamp: m.timestamp,
});

const finished = (runId: string, status: "success" | "failed" | "cancelled", at: number): RunEvent => ({
  type: "run_finished",
  runId,
  status,
  durationMs: 3,
  succeeded: 1,
  failed: 0,
  skipped: 0,
  timestamp: T + at,
});

const stepFailed = (runId: string, key: string, at: number, partitions?: string[]): RunEvent => ({
  type: "step_failed",
  runId,
  stepId: key,
  assets: [key],
  ...(partitions && { partitions }),
  error: { message: `${key} broke in ${runId}` },
  timestamp: T + at,
});

function evaluation(checkKey: string, runId: string, at: number, partition?: string): CheckEvaluation {
  const [asset, name] = checkKey.split(":") as [string, string];
  return {
    checkKey,
    asset,
    name,
    ...(partition !== undefined && { partition }),
    runId,
    timestamp: T + at,
    passed: at % 2 === 0,
    severity: "error",
    blocking: false,
    metadata: {},
    durationMs: 0.25,
  };
}

const evaluated = (e: CheckEvaluation): RunEvent => ({
  type: "check_evaluated",
  runId: e.runId,
  stepId: `${e.asset}:checks`,
  evaluation: e,
  timestamp: e.timestamp,
});

const startRun = (store: AnyStore, id: string, at: number, extra: object = {}) =>
  store.startRun({ id, selection: "*", origin: "cli", startedAt: T + at, ...extra });

describe("the PostgreSQL store answers as SQLite's", () => {
  it("round-trips runs and their events, and finds runs by prefix and by end", async () => {
    const stores = await openBoth();
    await onBoth(stores, async (store) => {
      await startRun(store, "r1", 0);
      const plan = [{ id: "a", assets: ["a"], dependsOn: [] }];
      await store.record({ type: "run_started", runId: "r1", selection: "*", plan, timestamp: T });
      await store.record({ type: "step_started", runId: "r1", stepId: "a", assets: ["a"], attempt: 1, timestamp: T });
      await store.record(materialized(materialization("a", "r1", 1)));
      await store.record(materialized(materialization("b", "r1", 2, { upstreamDataVersions: { a: "d-a-1" } })));
      await store.record({ type: "log", runId: "r1", stepId: "a", level: "info", message: "hello", timestamp: T + 2 });
      await store.record(finished("r1", "success", 5));
      await startRun(store, "r2", 10, { origin: "schedule", instigator: "daily", config: { a: { limit: 3 } } });
      await store.record(materialized(materialization("a", "r2", 11)));
      await store.record(finished("r2", "failed", 20));
      await startRun(store, "s1", 30);
    });
    const runs = await same(stores, (s) => s.runs(10));
    expect(runs.map((run) => [run.id, run.status, run.startedAt, run.endedAt])).toEqual([
      ["s1", "running", T + 30, null],
      ["r2", "failed", T + 10, T + 20],
      ["r1", "success", T, T + 5],
    ]);
    await same(stores, (s) => s.runs(1));
    expect(await same(stores, (s) => s.run("r2"))).toMatchObject({ instigator: "daily", config: { a: { limit: 3 } } });
    await same(stores, (s) => s.run("missing"));
    expect(await same(stores, (s) => s.runIdsStartingWith("r", 10))).toEqual(["r1", "r2"]);
    await same(stores, (s) => s.runIdsStartingWith("r_", 10));
    expect((await same(stores, (s) => s.events("r1"))).map((e) => e.type)).toEqual([
      "run_started",
      "step_started",
      "materialization",
      "materialization",
      "log",
      "run_finished",
    ]);
    expect((await same(stores, (s) => s.finishedRunsAfter({ endedAt: 0, id: "" }, 10))).map((r) => r.id)).toEqual([
      "r1",
      "r2",
    ]);
    await same(stores, (s) => s.finishedRunsAfter({ endedAt: T + 5, id: "r1" }, 10));
    const latest = await same(stores, (s) => s.latestMaterializations());
    expect(latest.get("a")?.runId).toBe("r2");
    expect([...(await same(stores, (s) => s.latestMaterializations(["b", "a", "zz", "a"]))).keys()]).toEqual([
      "b",
      "a",
    ]);
    await same(stores, (s) => s.latestMaterializationTimes());
    expect(await same(stores, (s) => s.newestMaterializationId("a"))).toBe(3);
    expect(await same(stores, (s) => s.newestMaterializationId("zz"))).toBe(0);
    await same(stores, (s) => s.materializationsAfter("a", 0, 10));
    await same(stores, (s) => s.materializationsAfter("a", 1, 1));
  });

  it("orders runs started in the same millisecond by when they were recorded, newest first", async () => {
    const stores = await openBoth();
    await onBoth(stores, async (store) => {
      for (const id of ["b", "c", "a"]) await startRun(store, id, 0);
    });
    expect((await same(stores, (s) => s.runs(10))).map((run) => run.id)).toEqual(["a", "c", "b"]);
  });

  it("keeps each partition's newest record with its upstream versions, and reads committed values", async () => {
    const stores = await openBoth();
    const ref = `table:${HASH("a")}`;
    await onBoth(stores, async (store) => {
      await startRun(store, "p1", 0);
      const upstream = { "up[2024-01-01]": "v1", "up[2023-12-31]": "v0" };
      await store.record(
        materialized(materialization("daily", "p1", 1, { partition: "2024-01-01", upstreamDataVersions: upstream })),
      );
      await store.record(materialized(materialization("daily", "p1", 2, { partition: "2024-01-02" })));
      await store.record(finished("p1", "success", 3));
      await startRun(store, "p2", 4);
      await store.record(materialized(materialization("daily", "p2", 5, { partition: "2024-01-01", valueRef: ref })));
      await store.record(finished("p2", "success", 6));
    });
    const records = await same(stores, (s) => s.latestPartitionRecords("daily"));
    expect(records.get("2024-01-01")).toEqual({
      runId: "p2",
      timestamp: T + 5,
      codeVersion: "c1",
      dataVersion: "d-daily-5",
      upstreamDataVersions: {},
      valueRef: ref,
    });
    await same(stores, (s) => s.latestPartitionRecords("none"));
    await same(stores, (s) => s.latestPartitionMaterialization("daily", "2024-01-02"));
    await same(stores, (s) => s.latestPartitionMaterialization("daily", "1999-01-01"));
    expect(await same(stores, (s) => s.committedValue("daily", "2024-01-01"))).toEqual({
      dataVersion: "d-daily-5",
      valueRef: ref,
    });
    expect(await same(stores, (s) => s.committedValue("daily"))).toEqual({ dataVersion: "d-daily-5", valueRef: ref });
    await same(stores, (s) => s.committedValue("daily", "2024-01-02"));
    await same(stores, (s) => s.committedValue("none"));
    expect((await same(stores, (s) => s.latestMaterializations(["daily"]))).get("daily")?.partition).toBe("2024-01-01");
  });

  it("keeps each key's and partition's newest failure, ignoring cancelled runs", async () => {
    const stores = await openBoth();
    await onBoth(stores, async (store) => {
      await startRun(store, "f1", 0);
      await store.record(stepFailed("f1", "x", 1, ["p1", "p2"]));
      await store.record(stepFailed("f1", "y", 2));
      await store.record(finished("f1", "failed", 3));
      await startRun(store, "f2", 4);
      await store.record(stepFailed("f2", "x", 5, ["p1"]));
      await store.record(finished("f2", "cancelled", 6));
    });
    const failures = await same(stores, (s) => s.latestFailures());
    expect(failures.get("x")).toEqual({ runId: "f1", timestamp: T + 1, error: "x broke in f1" });
    const byPartition = await same(stores, (s) => s.latestPartitionFailures("x"));
    expect([...byPartition].map(([partition, f]) => [partition, f.runId])).toEqual(
      expect.arrayContaining([
        ["p1", "f1"],
        ["p2", "f1"],
      ]),
    );
    await same(stores, (s) => s.latestPartitionFailures("y"));
  });

  it("keeps each check's and each check partition's newest evaluation", async () => {
    const stores = await openBoth();
    await onBoth(stores, async (store) => {
      await startRun(store, "c1", 0);
      await store.record(evaluated(evaluation("a:positive", "c1", 1)));
      await store.record(evaluated(evaluation("d:fresh", "c1", 2, "p1")));
      await store.record(evaluated(evaluation("d:fresh", "c1", 3, "p2")));
      await store.record(evaluated(evaluation("d:fresh", "c1", 4, "p1")));
      await store.record(finished("c1", "success", 5));
    });
    const latest = await same(stores, (s) => s.latestCheckEvaluations());
    expect(latest.get("d:fresh")?.timestamp).toBe(T + 4);
    const partitions = await same(stores, (s) => s.latestPartitionCheckEvaluations("d:fresh"));
    expect(partitions.get("p1")?.timestamp).toBe(T + 4);
    expect(partitions.get("p2")?.timestamp).toBe(T + 3);
    await same(stores, (s) => s.latestPartitionCheckEvaluations("a:positive"));
  });

  it("adds and removes dynamic partitions, keeping the order they were added in", async () => {
    const stores = await openBoth();
    expect(await same(stores, (s) => s.addDynamicPartitions("regions", ["b", "a", "c"]))).toEqual(["b", "a", "c"]);
    expect(await same(stores, (s) => s.addDynamicPartitions("regions", ["a", "d"]))).toEqual(["d"]);
    expect(await same(stores, (s) => s.dynamicPartitionKeys("regions"))).toEqual(["b", "a", "c", "d"]);
    expect(await same(stores, (s) => s.removeDynamicPartitions("regions", ["a", "zz"]))).toEqual(["a"]);
    expect(await same(stores, (s) => s.addDynamicPartitions("regions", ["a"]))).toEqual(["a"]);
    expect(await same(stores, (s) => s.dynamicPartitionKeys("regions"))).toEqual(["b", "c", "d", "a"]);
    await same(stores, (s) => s.dynamicPartitionKeys("other"));
  });

  it("records a schedule's tick once and its outcome", async () => {
    const stores = await openBoth();
    expect(await same(stores, (s) => s.recordTick({ schedule: "nightly", tickAt: T, status: "started" }))).toBe(true);
    expect(await same(stores, (s) => s.recordTick({ schedule: "nightly", tickAt: T, status: "started" }))).toBe(false);
    await onBoth(stores, async (store) => {
      await store.recordTick({ schedule: "nightly", tickAt: T - 1000, status: "skipped", reason: "late" });
      await store.recordTick({ schedule: "hourly", tickAt: T, status: "started" });
      await store.updateTick("nightly", T, { status: "succeeded", runId: "n1" });
      await store.updateTick("hourly", T, { status: "failed" });
    });
    const ticks = await same(stores, async (s) => unclocked(await s.latestTicks()));
    expect(ticks.get("nightly")).toEqual({ schedule: "nightly", tickAt: T, status: "succeeded", runId: "n1" });
  });

  it("commits a sensor evaluation with its cursor, claiming each run key once", async () => {
    const stores = await openBoth();
    await onBoth(stores, (s) => s.setPaused("watch", "sensor", true));
    await onBoth(stores, (s) => s.setPaused("nightly", "schedule", false));
    const first = await same(stores, (s) =>
      s.commitSensorEvaluation({
        sensor: "watch",
        tickAt: T,
        cursor: "c1",
        requests: [{ runKey: "k1" }, { runKey: "k1" }, { tag: "keyless" }, { runKey: "k2" }],
      }),
    );
    expect(first).toEqual([{ runKey: "k1" }, { tag: "keyless" }, { runKey: "k2" }]);
    expect(
      await same(stores, (s) =>
        s.commitSensorEvaluation({ sensor: "watch", tickAt: T + 1, cursor: undefined, requests: [{ runKey: "k1" }] }),
      ),
    ).toEqual([]);
    const ticks = await same(stores, async (s) => unclocked(await s.latestSensorTicks()));
    expect(ticks.get("watch")).toEqual({
      sensor: "watch",
      tickAt: T + 1,
      status: "skipped",
      runIds: [],
      reason: "every run key was used before",
      cursor: "c1",
    });
    await onBoth(stores, (s) =>
      s.recordSensorTick({ sensor: "watch", tickAt: T, status: "started", runIds: ["r9"], cursor: "c1" }, [
        { runKey: "k1", runId: "r9" },
      ]),
    );
    await onBoth(stores, (s) =>
      s.commitSensorEvaluation({ sensor: "quiet", tickAt: T, cursor: undefined, requests: [], skipReason: "nothing" }),
    );
    await same(stores, async (s) => unclocked(await s.latestSensorTicks()));
    const states = await same(stores, async (s) => unclocked(await s.instigatorStates()));
    expect(states.get("watch")).toEqual({ name: "watch", kind: "sensor", paused: true, cursor: "c1" });
    expect(states.get("nightly")).toEqual({ name: "nightly", kind: "schedule", paused: false });
  });

  it("records automation evaluations, their runs and the evaluator's state", async () => {
    const stores = await openBoth();
    const state = { evaluatedAt: T, assets: {} } as unknown as AutomationState;
    await same(stores, (s) => s.automationState());
    await onBoth(stores, async (store) => {
      await store.recordAutomationEvaluation({
        evaluatedAt: T,
        state,
        results: [
          { key: "p", partition: "2", willRun: true, reason: "will run: missing" },
          { key: "p", partition: "10", willRun: false, reason: "waits: up" },
          { key: "a", willRun: true, reason: "will run: stale" },
        ],
      });
      await store.recordAutomationRun("r1", T, [{ key: "a" }, { key: "p", partition: "2" }]);
      await store.recordAutomationRun("r0", T - 1, [{ key: "p", partition: "10" }]);
    });
    const all = await same(stores, (s) => s.latestAutomationEvaluations());
    expect(all.get("p")?.map((r) => [r.partition, r.runId])).toEqual([
      ["10", undefined],
      ["2", "r1"],
    ]);
    expect([...(await same(stores, (s) => s.latestAutomationEvaluations(["p", "a", "zz"]))).keys()]).toEqual([
      "p",
      "a",
    ]);
    expect(await same(stores, (s) => s.automationState())).toEqual(state);
  });

  it("wipes keys (and everything), keeping dynamic partitions", async () => {
    const stores = await openBoth();
    await onBoth(stores, async (store) => {
      await store.addDynamicPartitions("regions", ["eu"]);
      await startRun(store, "w1", 0);
      await store.record(materialized(materialization("a", "w1", 1)));
      await store.record(materialized(materialization("a", "w1", 2, { partition: "eu" })));
      await store.record(materialized(materialization("b", "w1", 3)));
      await store.record(materialized(materialization("c", "w1", 4)));
      await store.record(stepFailed("w1", "a", 5));
      await store.record(evaluated(evaluation("a:positive", "w1", 6)));
      await store.record(evaluated(evaluation("b:positive", "w1", 7)));
      await store.record(finished("w1", "failed", 8));
    });
    expect(await same(stores, (s) => s.wipe(["a", "zz"]))).toBe(1);
    expect([...(await same(stores, (s) => s.latestMaterializations())).keys()].sort()).toEqual(["b", "c"]);
    await same(stores, (s) => s.latestPartitionRecords("a"));
    await same(stores, (s) => s.latestFailures());
    expect([...(await same(stores, (s) => s.latestCheckEvaluations())).keys()]).toEqual(["b:positive"]);
    expect(await same(stores, (s) => s.wipe("all"))).toBe(2);
    await same(stores, (s) => s.latestMaterializations());
    await same(stores, (s) => s.latestCheckEvaluations());
    expect(await same(stores, (s) => s.dynamicPartitionKeys("regions"))).toEqual(["eu"]);
  });

  it("keeps small values, refuses to collect garbage while a run is running, then keeps only live ones", async () => {
    const stores = await openBoth();
    const live = `table:${HASH("1")}`;
    const sweeps: LiveValue[][] = [];
    await onBoth(stores, async (store) => {
      await startRun(store, "v1", 0);
      await store.putStoredValue(HASH("1"), Buffer.from("live"));
      await store.putStoredValue(HASH("2"), Buffer.from("dead"));
      await store.record(materialized(materialization("a", "v1", 1, { valueRef: live })));
    });
    // Before and after the batch commits.
    expect(await same(stores, (s) => s.getStoredValue(HASH("1")))).toEqual(Buffer.from("live"));
    await onBoth(stores, (s) => s.flush());
    expect(await same(stores, (s) => s.getStoredValue(HASH("2")))).toEqual(Buffer.from("dead"));
    expect(await same(stores, (s) => s.collectGarbage((values) => sweeps.push(values)))).toBe(false);
    await onBoth(stores, (s) => s.record(finished("v1", "success", 2)));
    expect(await same(stores, (s) => s.collectGarbage((values) => sweeps.push(values)))).toBe(true);
    expect(sweeps).toEqual([[{ key: "a", valueRef: live }], [{ key: "a", valueRef: live }]]);
    await same(stores, (s) => s.getStoredValue(HASH("2")));
    expect(await same(stores, (s) => s.getStoredValue(HASH("1")))).toEqual(Buffer.from("live"));
    await same(stores, (s) => s.getLegacyValue("a"));
  });
});

describe("the PostgreSQL store across processes", () => {
  it("claims a tick and a run key once when two stores race for them", async () => {
    const { store, location } = await openPg();
    const rival = await another(location);
    const ticks = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        Promise.all([store, rival].map((s) => s.recordTick({ schedule: "s", tickAt: T + i, status: "started" }))),
      ),
    );
    for (const pair of ticks) expect(pair.filter(Boolean)).toHaveLength(1);
    const claims = await Promise.all(
      [store, rival].map((s, i) =>
        s.commitSensorEvaluation({ sensor: "w", tickAt: T + i, cursor: undefined, requests: [{ runKey: "k" }] }),
      ),
    );
    expect(claims.flat()).toEqual([{ runKey: "k" }]);
  });

  it("marks failed a run whose heartbeat stopped, with its unfinished steps, whatever host ran it", async () => {
    const before = process.env.ASSETLINE_HEARTBEAT_MS;
    process.env.ASSETLINE_HEARTBEAT_MS = "20";
    try {
      const { store, location } = await openPg();
      const crashed = await another(location);
      await startRun(crashed, "gone", 0);
      await crashed.record({
        type: "step_started",
        runId: "gone",
        stepId: "a",
        assets: ["a"],
        partitions: ["p1"],
        attempt: 1,
        timestamp: T,
      });
      await startRun(store, "alive", 1);
      // The run's process stops beating (its store closed without finishing the run, as a killed worker's would).
      await crashed.close();
      await new Promise((resolve) => setTimeout(resolve, 150));
      await store.recoverCrashedRuns();
      expect((await store.run("alive"))?.status).toBe("running");
      expect((await store.run("gone"))?.status).toBe("failed");
      const events = await store.events("gone");
      expect(events.map((e) => e.type)).toEqual(["step_started", "log", "step_failed", "run_finished"]);
      expect(events[1]).toMatchObject({
        message: expect.stringMatching(/sent no heartbeat for \d+ s .*; marked failed$/),
      });
      expect((await store.latestPartitionFailures("a")).get("p1")?.error).toMatch(/^this step never finished: /);
      // A run of the recovering process itself is alive however late its last beat (a step blocked its event loop).
      await store.transaction(async (tx) => {
        await tx.client.query("UPDATE runs SET heartbeat_at = 0 WHERE id = 'alive'");
        await recoverCrashedRuns(tx.client, new Set(["alive"]));
      });
      expect((await store.run("alive"))?.status).toBe("running");
      // Opening the store recovers too, and only once.
      await (await another(location)).recoverCrashedRuns();
      expect(await store.events("gone")).toHaveLength(4);
    } finally {
      if (before === undefined) delete process.env.ASSETLINE_HEARTBEAT_MS;
      else process.env.ASSETLINE_HEARTBEAT_MS = before;
    }
  });

  it("surfaces a batch's error on the next record or flush, once", async () => {
    const { store } = await openPg();
    await startRun(store, "e1", 0);
    // A fractional epoch is no BIGINT: the batch's transaction fails on the server.
    await store.record(materialized({ ...materialization("a", "e1", 1), timestamp: T + 0.5 }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(store.record(finished("e1", "success", 2))).rejects.toThrow(/bigint/);
    await store.record(finished("e1", "success", 2));
    await store.record(materialized({ ...materialization("a", "e1", 3), timestamp: T + 0.5 }));
    await expect(store.flush()).rejects.toThrow(/bigint/);
    await store.flush();
    expect((await store.run("e1"))?.status).toBe("success");
    expect(await store.latestMaterializations()).toEqual(new Map());
  });

  it("writes records and the caller's rows in one transaction", async () => {
    const { store } = await openPg();
    await startRun(store, "t1", 0);
    await store.record({ type: "log", runId: "t1", stepId: "", level: "info", message: "before", timestamp: T });
    await expect(
      store.transaction(async (tx) => {
        await tx.record([materialized(materialization("a", "t1", 1))]);
        await tx.client.query("CREATE TABLE queue_rows (id TEXT)");
        throw new Error("the step was superseded");
      }),
    ).rejects.toThrow("the step was superseded");
    expect(await store.latestMaterializations()).toEqual(new Map());
    const made = await store.transaction(async (tx) => {
      await tx.record([materialized(materialization("a", "t1", 1)), finished("t1", "success", 2)]);
      await tx.client.query("CREATE TABLE queue_rows (id TEXT)");
      return (await tx.client.query("SELECT COUNT(*) AS n FROM materializations")).rows[0].n;
    });
    expect(made).toBe(1);
    expect((await store.run("t1"))?.status).toBe("success");
    expect((await store.events("t1")).map((e) => e.type)).toEqual(["log", "materialization", "run_finished"]);
  });

  it("opens a reader on a schema no store made yet (it migrates) and reads what a store records", async () => {
    const { url, schema } = pg.fresh();
    const location = pgLocation(url);
    const reader = await openPostgresReader(location);
    extra.push(reader);
    expect(await reader.runs(10)).toEqual([]);
    expect(await reader.latestMaterializations()).toEqual(new Map());
    expect(await reader.automationState()).toBeUndefined();
    const tables = await pg.query("SELECT 1 FROM information_schema.tables WHERE table_schema = $1", [schema]);
    expect(tables.length).toBeGreaterThan(0);
    const store = await openPostgresStore(location);
    extra.push(store);
    await startRun(store, "r1", 0);
    await store.record(materialized(materialization("a", "r1", 1)));
    await store.flush();
    const [run] = await reader.runs(10);
    expect(run).toMatchObject({ id: "r1", startedAt: T });
    expect(typeof (await reader.latestMaterializations()).get("a")?.timestamp).toBe("number");
    expect(await reader.newestMaterializationId("a")).toBe(1);
    // The store's parser is its pool's own: other clients in the process still read BIGINT as node-postgres does.
    expect((await pg.query<{ n: unknown }>("SELECT 1::bigint AS n"))[0]?.n).toBe("1");
  });

  it("opens a reader for a user that may only read, leaving crashed runs to the next writer", async () => {
    const before = process.env.ASSETLINE_HEARTBEAT_MS;
    process.env.ASSETLINE_HEARTBEAT_MS = "20";
    const role = `reader_${Date.now().toString(36)}`;
    try {
      const { url, schema } = pg.fresh();
      const crashed = await openPostgresStore(pgLocation(url));
      await startRun(crashed, "gone", 0);
      await crashed.close();
      await new Promise((resolve) => setTimeout(resolve, 150));
      await pg.query(`CREATE ROLE ${role} LOGIN`);
      await pg.query(`GRANT USAGE ON SCHEMA "${schema}" TO ${role}`);
      await pg.query(`GRANT SELECT ON ALL TABLES IN SCHEMA "${schema}" TO ${role}`);
      const asReader = new URL(url);
      asReader.username = role;
      const reader = await openPostgresReader(pgLocation(asReader.toString()));
      extra.push(reader);
      expect((await reader.run("gone"))?.status).toBe("running");
    } finally {
      for (const store of extra.splice(0)) await store.close();
      await pg.query(`DROP OWNED BY ${role}`).catch(() => {});
      await pg.query(`DROP ROLE IF EXISTS ${role}`);
      if (before === undefined) delete process.env.ASSETLINE_HEARTBEAT_MS;
      else process.env.ASSETLINE_HEARTBEAT_MS = before;
    }
  });

  it("names the redacted URL and the fix when the server cannot be reached, never the password", async () => {
    const location = parseStoreLocation("postgres://root:s3cret-pw@127.0.0.1:1/test?schema=nowhere");
    if (location.kind !== "postgres") throw new Error("not a URL");
    const error = await openPostgresStore(location).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toContain("postgres://root:***@127.0.0.1:1/test");
    expect(error?.message).toMatch(/is PostgreSQL running\?/);
    expect(error?.message).not.toContain("s3cret-pw");
  });
});
