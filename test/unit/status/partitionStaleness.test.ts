/**
 * Staleness per partition, data-driven, over a real SQLite store: each case records materializations and failures,
 * then reads what `status` and `status --partitions` would say.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type {
  AssetEdge,
  AssetGraph,
  AssetNode,
  PartitionMappingData,
  PartitionsDefinitionData,
  RunEvent,
} from "assetline/protocol";
import {
  computePartitionStatuses,
  partitionStatuses,
  statusesFromStore,
  readStatusInput,
} from "../../../sdk/src/status/staleness";
import { openStore, openStoreReader } from "../../../sdk/src/store/openStore";
import type { StoreReader } from "../../../sdk/src/store/store";
import { node as assetNode } from "./statusFixtures";

const daily: PartitionsDefinitionData = {
  type: "time-window",
  granularity: "daily",
  start: "2026-03-01",
  end: "2026-03-06",
  timezone: "UTC",
  fmt: "yyyy-MM-dd",
  minuteOffset: 0,
  hourOffset: 0,
  dayOffset: 0,
  endOffset: 0,
};
const monthly: PartitionsDefinitionData = { ...daily, granularity: "monthly", end: "2026-04-01", dayOffset: 1 };
const regions: PartitionsDefinitionData = { type: "static", keys: ["eu", "us"] };
const dayAndRegion: PartitionsDefinitionData = {
  type: "multi",
  dimensions: [
    { name: "date", definition: daily },
    { name: "region", definition: regions },
  ],
};
const DAYS = ["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"];
const yesterday: PartitionMappingData = {
  type: "time-window",
  startOffset: -1,
  endOffset: -1,
  allowNonexistentUpstreamPartitions: true,
};

const node = (key: string, partitions?: PartitionsDefinitionData): AssetNode =>
  assetNode(key, { codeVersion: `v-${key}`, ...(partitions && { partitions }) });
const edge = (from: string, to: string, mapping?: PartitionMappingData): AssetEdge => ({
  from,
  to,
  kind: "data",
  ...(mapping && { mapping }),
});
/**
 * orders (daily) → revenue (daily, same days) → total (unpartitioned); orders → rolling (daily, reads the day before);
 * orders → month (monthly, reads its days); orders → by_day_region (date × region, reads its date); rates
 * (unpartitioned) → by_region (static eu/us).
 */
const graph: AssetGraph = {
  nodes: [
    node("orders", daily),
    node("revenue", daily),
    node("rolling", daily),
    node("month", monthly),
    node("total"),
    node("rates"),
    node("by_region", regions),
    node("by_day_region", dayAndRegion),
  ],
  edges: [
    edge("orders", "revenue"),
    edge("orders", "rolling", yesterday),
    edge("orders", "month"),
    edge("revenue", "total"),
    edge("rates", "by_region"),
    edge("orders", "by_day_region"),
  ],
  jobs: [],
};

const MINUTE = 60_000;
interface Recorded {
  key: string;
  partition?: string;
  /** Minutes. */
  at: number;
  codeVersion?: string;
  /** Consumed versions, by `key[partition]` (or `key`). */
  consumed?: Record<string, string>;
}
/** Every asset materialized in order, minute by minute: orders' days, then the downstreams' partitions. */
const inOrder = (): Recorded[] => [
  ...DAYS.map((partition, i) => ({ key: "orders", partition, at: 1 + i })),
  ...DAYS.map((partition, i) => ({ key: "revenue", partition, at: 10 + i })),
  ...DAYS.map((partition, i) => ({ key: "rolling", partition, at: 20 + i })),
  { key: "month", partition: "2026-03-01", at: 30 },
  ...DAYS.flatMap((day, i) =>
    ["eu", "us"].map((region, j) => ({ key: "by_day_region", partition: `${day}|${region}`, at: 31 + 2 * i + j })),
  ),
  { key: "total", at: 40 },
  { key: "rates", at: 41 },
  { key: "by_region", partition: "eu", at: 42 },
  { key: "by_region", partition: "us", at: 43 },
];
const version = ({ key, partition, at }: Recorded) => `d-${key}-${partition ?? ""}-${at}`;

let dir = "";
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function storeWith(
  records: Recorded[],
  failures: { key: string; partitions: string[]; at: number }[] = [],
): Promise<StoreReader> {
  dir = mkdtempSync(join(tmpdir(), "assetline-pstale-"));
  const store = await openStore(dir);
  await store.startRun({ id: "r1", selection: "*", origin: "cli", startedAt: 0 });
  for (const r of records) {
    const timestamp = r.at * MINUTE;
    await store.record({
      type: "materialization",
      runId: "r1",
      stepId: r.key,
      timestamp,
      materialization: {
        key: r.key,
        ...(r.partition && { partition: r.partition }),
        runId: "r1",
        timestamp,
        durationMs: 1,
        metadata: {},
        codeVersion: r.codeVersion ?? `v-${r.key}`,
        dataVersion: version(r),
        upstreamDataVersions: r.consumed ?? {},
      },
    });
  }
  for (const f of failures)
    await store.record({
      type: "step_failed",
      runId: "r1",
      stepId: f.key,
      assets: [f.key],
      partitions: f.partitions,
      error: { message: "boom" },
      timestamp: f.at * MINUTE,
    } satisfies RunEvent);
  await store.record({
    type: "run_finished",
    runId: "r1",
    status: "failed",
    durationMs: 1,
    succeeded: 0,
    failed: 0,
    skipped: 0,
    timestamp: 99 * MINUTE,
  });
  await store.close();
  return await openStoreReader(dir);
}

/** Each partition of `key` that is not materialized and current, with its reasons. */
async function unhealthy(store: StoreReader, key: string): Promise<Record<string, [string, ...string[]]>> {
  const partitions = (await partitionStatuses(graph, store, key))!;
  return Object.fromEntries(
    partitions.filter((p) => p.state !== "materialized").map((p) => [p.partition, [p.state, ...p.reasons]]),
  );
}

const rerecord = (records: Recorded[], changes: Recorded[]) => [...records, ...changes];

describe("staleness per partition", () => {
  it.each<{
    name: string;
    records: Recorded[];
    failures?: { key: string; partitions: string[]; at: number }[];
    expected: Record<string, Record<string, [string, ...string[]]>>;
  }>([
    {
      name: "everything materialized in order is current",
      records: inOrder(),
      expected: { orders: {}, revenue: {}, rolling: {}, month: {}, by_region: {}, by_day_region: {} },
    },
    {
      name: "a day re-materialized stales the same day downstream, the next day where a mapping reads the day before, and the month",
      records: rerecord(inOrder(), [{ key: "orders", partition: "2026-03-02", at: 50 }]),
      expected: {
        orders: {},
        revenue: { "2026-03-02": ["stale", "upstream orders partition 2026-03-02 materialized 39 min after this one"] },
        rolling: { "2026-03-03": ["stale", "upstream orders partition 2026-03-02 materialized 28 min after this one"] },
        month: { "2026-03-01": ["stale", "upstream orders partition 2026-03-02 materialized 20 min after this one"] },
        by_day_region: {
          "2026-03-02|eu": ["stale", "upstream orders partition 2026-03-02 materialized 17 min after this one"],
          "2026-03-02|us": ["stale", "upstream orders partition 2026-03-02 materialized 16 min after this one"],
        },
      },
    },
    {
      name: "code changed since a partition was materialized, and what reads it is not current",
      records: rerecord(inOrder(), [{ key: "orders", partition: "2026-03-04", at: 45, codeVersion: "v-old" }]),
      expected: {
        orders: { "2026-03-04": ["stale", "code changed since this partition was materialized"] },
        revenue: {
          "2026-03-04": [
            "stale",
            "upstream orders partition 2026-03-04 is stale",
            "upstream orders partition 2026-03-04 materialized 32 min after this one",
          ],
        },
        rolling: {
          "2026-03-05": [
            "stale",
            "upstream orders partition 2026-03-04 is stale",
            "upstream orders partition 2026-03-04 materialized 21 min after this one",
          ],
        },
      },
    },
    {
      name: "a failed attempt newer than the partition's materialization fails it; an older one does not",
      records: inOrder(),
      failures: [
        { key: "revenue", partitions: ["2026-03-03", "2026-03-04"], at: 60 },
        { key: "revenue", partitions: ["2026-03-01"], at: 5 },
      ],
      expected: {
        revenue: {
          "2026-03-03": ["failed", "last attempt failed: boom"],
          "2026-03-04": ["failed", "last attempt failed: boom"],
        },
      },
    },
    {
      name: "a missing day is missing, and stales what read it; a partition nothing reads yet is not stale",
      records: inOrder().filter((r) => !(r.key === "orders" && r.partition === "2026-03-05")),
      expected: {
        orders: { "2026-03-05": ["missing", "never materialized"] },
        revenue: { "2026-03-05": ["stale", "upstream orders partition 2026-03-05 is missing"] },
        month: { "2026-03-01": ["stale", "upstream orders partition 2026-03-05 is missing"] },
        rolling: {},
      },
    },
    {
      name: "a partition that consumed another version than its upstream partition's latest is stale, even if that one is older",
      records: inOrder().map((r) =>
        r.key === "revenue" && r.partition === "2026-03-01"
          ? { ...r, consumed: { "orders[2026-03-01]": "d-orders-elsewhere" } }
          : r.key === "revenue" && r.partition === "2026-03-02"
            ? { ...r, consumed: { "orders[2026-03-02]": "d-orders-2026-03-02-2" } }
            : r,
      ),
      expected: {
        revenue: { "2026-03-01": ["stale", "upstream orders partition 2026-03-01 changed since this one consumed it"] },
      },
    },
    {
      name: "an unpartitioned upstream materialized after a static partition stales it",
      records: rerecord(inOrder(), [
        { key: "rates", at: 50 },
        { key: "by_region", partition: "us", at: 51 },
      ]),
      expected: { by_region: { eu: ["stale", "upstream rates materialized 8 min after this one"] } },
    },
  ])("$name", async ({ records, failures, expected }) => {
    const store = await storeWith(records, failures);
    for (const [key, partitions] of Object.entries(expected))
      expect([key, await unhealthy(store, key)]).toEqual([key, partitions]);
    await store.close();
  });
});

describe("a partitioned asset's status", () => {
  const statusOf = async (store: StoreReader, key: string) =>
    (await statusesFromStore(graph, store)).find((s) => s.key === key)!;

  it("sums its partitions up: counts, runs of one state, and reasons counted per kind", async () => {
    const store = await storeWith(
      rerecord(
        inOrder().filter((r) => !(r.key === "revenue" && r.partition === "2026-03-05")),
        [{ key: "revenue", partition: "2026-03-01", at: 50, codeVersion: "v-old" }],
      ),
      [{ key: "revenue", partitions: ["2026-03-03"], at: 60 }],
    );
    const revenue = await statusOf(store, "revenue");
    expect(revenue).toMatchObject({
      state: "failed",
      reasons: [
        "1 partition failed (newest: boom)",
        "1 partition missing",
        "1 partition stale: code changed since materialized",
      ],
      lastFailure: { runId: "r1", timestamp: 60 * MINUTE, error: "boom" },
      lastMaterialization: { partition: "2026-03-01", timestamp: 50 * MINUTE },
      partitions: {
        total: 5,
        materialized: 3,
        failed: 1,
        missing: 1,
        stale: 1,
        ranges: [
          { state: "stale", start: "2026-03-01", end: "2026-03-01", count: 1 },
          { state: "materialized", start: "2026-03-02", end: "2026-03-02", count: 1 },
          { state: "failed", start: "2026-03-03", end: "2026-03-03", count: 1 },
          { state: "materialized", start: "2026-03-04", end: "2026-03-04", count: 1 },
          { state: "missing", start: "2026-03-05", end: "2026-03-05", count: 1 },
        ],
      },
    });
    // Downstream of the partitions it reads (all of them): not current, and materialized before one of them.
    expect(await statusOf(store, "total")).toMatchObject({
      state: "stale",
      reasons: [
        "upstream revenue is not current: 1 partition stale, 1 partition failed, 1 partition missing",
        "upstream revenue partition 2026-03-01 materialized 10 min after this one",
      ],
    });
    await store.close();
  });

  it.each<[string, Recorded[], string, string[]]>([
    ["fresh when every partition is current", inOrder(), "fresh", []],
    ["never when none is materialized", [], "never", ["none of its 5 partitions is materialized"]],
    [
      "stale when some are missing",
      inOrder().filter((r) => r.key !== "orders" || r.partition === "2026-03-01"),
      "stale",
      ["4 partitions missing"],
    ],
  ])("is %s", async (_, records, state, reasons) => {
    const store = await storeWith(records);
    expect(await statusOf(store, "orders")).toMatchObject({ state, reasons });
    await store.close();
  });

  it("reads each asset's partitions once when several assets' partitions are asked of one input", async () => {
    const store = await storeWith(inOrder());
    const input = await readStatusInput(graph, store);
    const read: string[] = [];
    const facts = input.partitionFacts!;
    input.partitionFacts = (key) => (read.push(key), facts(key));
    const states = ["revenue", "rolling", "month", "orders"].map((key) =>
      computePartitionStatuses(input, key)!.map((p) => p.state),
    );
    expect(states.map((each) => each.every((state) => state === "materialized"))).toEqual([true, true, true, true]);
    expect(read.sort()).toEqual(["month", "orders", "revenue", "rolling"]);
    await store.close();
  });

  it("has no partitions to list when it is unpartitioned or unknown", async () => {
    const store = await storeWith(inOrder());
    expect(await partitionStatuses(graph, store, "total")).toBeUndefined();
    expect(await partitionStatuses(graph, store, "nope")).toBeUndefined();
    expect((await partitionStatuses(graph, store, "revenue"))![0]).toEqual({
      partition: "2026-03-01",
      state: "materialized",
      reasons: [],
      lastMaterialization: { runId: "r1", timestamp: 10 * MINUTE },
    });
    await store.close();
  });
});

describe("staleness at the benchmark's scale (6 assets × 1,096 daily partitions in a chain)", () => {
  const threeYears: PartitionsDefinitionData = { ...daily, start: "2023-01-01", end: "2026-01-01" };
  const chain = ["c0", "c1", "c2", "c3", "c4", "c5"];
  const chainGraph: AssetGraph = {
    nodes: chain.map((key) => node(key, threeYears)),
    edges: chain.slice(1).map((key, i) => edge(chain[i]!, key)),
    jobs: [],
  };

  it("is fresh after a full backfill, and one re-materialized day stales that day only, all the way down", async () => {
    dir = mkdtempSync(join(tmpdir(), "assetline-pscale-"));
    const store = await openStore(dir);
    await store.startRun({ id: "r1", selection: "*", origin: "cli", startedAt: 0 });
    const days = Array.from({ length: 1096 }, (_, i) => new Date(Date.UTC(2023, 0, 1 + i)).toISOString().slice(0, 10));
    let at = 0;
    const materialize = async (key: string, day: string, consumed: Record<string, string>) => {
      at += 1;
      await store.record({
        type: "materialization",
        runId: "r1",
        stepId: `${key}[${day}]`,
        timestamp: at,
        materialization: {
          key,
          partition: day,
          runId: "r1",
          timestamp: at,
          durationMs: 1,
          metadata: {},
          codeVersion: `v-${key}`,
          dataVersion: `${key}-${day}-${at}`,
          upstreamDataVersions: consumed,
        },
      });
      return `${key}-${day}-${at}`;
    };
    const versions = new Map<string, string>();
    for (const [i, key] of chain.entries())
      for (const day of days) {
        const up = i > 0 ? `${chain[i - 1]}[${day}]` : undefined;
        versions.set(`${key}[${day}]`, await materialize(key, day, up ? { [up]: versions.get(up)! } : {}));
      }
    await store.record({
      type: "run_finished",
      runId: "r1",
      status: "success",
      durationMs: 1,
      succeeded: 1,
      failed: 0,
      skipped: 0,
      timestamp: at,
    });
    await store.close();

    const read = async () => {
      const reader = await openStoreReader(dir);
      const statuses = await statusesFromStore(chainGraph, reader);
      await reader.close();
      return statuses;
    };
    expect((await read()).map((s) => [s.key, s.state, s.partitions?.materialized])).toEqual(
      chain.map((key) => [key, "fresh", 1096]),
    );

    const again = await openStore(dir);
    await again.startRun({ id: "r2", selection: "c2", origin: "cli", startedAt: at });
    at += 1;
    await again.record({
      type: "materialization",
      runId: "r2",
      stepId: "c2[2024-02-29]",
      timestamp: at,
      materialization: {
        key: "c2",
        partition: "2024-02-29",
        runId: "r2",
        timestamp: at,
        durationMs: 1,
        metadata: {},
        codeVersion: "v-c2",
        dataVersion: "c2-new",
        upstreamDataVersions: { "c1[2024-02-29]": versions.get("c1[2024-02-29]")! },
      },
    });
    await again.record({
      type: "run_finished",
      runId: "r2",
      status: "success",
      durationMs: 1,
      succeeded: 1,
      failed: 0,
      skipped: 0,
      timestamp: at,
    });
    await again.close();
    expect((await read()).map((s) => [s.key, s.state, s.partitions?.stale, s.partitions?.ranges.length])).toEqual([
      ["c0", "fresh", 0, 1],
      ["c1", "fresh", 0, 1],
      ["c2", "fresh", 0, 1],
      ["c3", "stale", 1, 3],
      ["c4", "stale", 1, 3],
      ["c5", "stale", 1, 3],
    ]);
    const reader = await openStoreReader(dir);
    expect((await partitionStatuses(chainGraph, reader, "c4"))!.filter((p) => p.state !== "materialized")).toEqual([
      {
        partition: "2024-02-29",
        state: "stale",
        reasons: ["upstream c3 partition 2024-02-29 is stale"],
        lastMaterialization: { runId: "r1", timestamp: expect.any(Number) },
      },
    ]);
    await reader.close();
  });
});
