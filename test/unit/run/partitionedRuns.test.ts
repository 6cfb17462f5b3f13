/**
 * Partitioned runs in process (`materialize()`): the context each partition sees, inputs loaded through each kind of
 * mapping, one record per partition with the consumed `key[partition]` versions, single-run ranges, and a failing
 * partition that skips only what reads it.
 */
import { describe, expect, it } from "vitest";
import {
  AllPartitionMapping,
  AssetIn,
  AssetSpec,
  DailyPartitionsDefinition,
  DynamicPartitionsDefinition,
  MaterializeResult,
  MonthlyPartitionsDefinition,
  StaticPartitionsDefinition,
  TimeWindowPartitionMapping,
  asset,
  createTestContext,
  materialize,
  multiAsset,
  type AssetContext,
  type AssetOptions,
  type InsMap,
} from "assetline";
import type { Materialization, RunEvent } from "assetline/protocol";

const daily = DailyPartitionsDefinition({ startDate: "2026-03-01", endDate: "2026-04-03" });
const monthly = MonthlyPartitionsDefinition({ startDate: "2026-03-01", endDate: "2026-04-01" });

/** `count` daily keys from `first` (UTC), each mapped to `value(key)`. */
function days<T>(first: string, count: number, value: (key: string) => T): Map<string, T> {
  const start = Date.parse(`${first}T00:00:00Z`);
  return new Map(
    Array.from({ length: count }, (_, i) => {
      const key = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
      return [key, value(key)];
    }),
  );
}

function materializations(events: RunEvent[]): Materialization[] {
  return events.flatMap((event) => (event.type === "materialization" ? [event.materialization] : []));
}

function steps(events: RunEvent[], type: RunEvent["type"]): string[] {
  return events.flatMap((event) => (event.type === type && "stepId" in event ? [event.stepId] : []));
}

describe("the context of a partitioned step", () => {
  const seen: Record<string, unknown>[] = [];
  const probe = (ctx: AssetContext) => {
    const read = (name: keyof AssetContext) => {
      try {
        const value = ctx[name];
        return value instanceof Date || typeof value !== "object" ? value : JSON.parse(JSON.stringify(value));
      } catch (error) {
        return `throws: ${(error as Error).message}`;
      }
    };
    seen.push({
      key: ctx.assetKey,
      partitionKey: read("partitionKey"),
      partitionKeys: read("partitionKeys"),
      partitionKeyRange: read("partitionKeyRange"),
      partitionTimeWindow: read("partitionTimeWindow"),
      hasPartitionKey: read("hasPartitionKey"),
    });
    return 1;
  };
  const cases: [string, Record<string, unknown>, object, Record<string, unknown>][] = [
    [
      "a daily partition: its key and its day as a window",
      {
        partitionsDef: DailyPartitionsDefinition({
          startDate: "2026-03-01",
          endDate: "2026-03-10",
          timezone: "Europe/Paris",
        }),
      },
      { partition: "2026-03-02" },
      {
        partitionKey: "2026-03-02",
        partitionKeys: ["2026-03-02"],
        partitionKeyRange: { start: "2026-03-02", end: "2026-03-02" },
        partitionTimeWindow: { start: "2026-03-01T23:00:00.000Z", end: "2026-03-02T23:00:00.000Z" },
        hasPartitionKey: true,
      },
    ],
    [
      "a single-run range: no single key, the range's window",
      { partitionsDef: daily, backfillPolicy: "single-run" },
      { partitions: "2026-03-05...2026-03-07" },
      {
        partitionKey: expect.stringMatching(
          /^throws: asset "probe" materializes partitions 2026-03-05...2026-03-07 in one step .*read ctx.partitionKeys or ctx.partitionKeyRange/,
        ),
        partitionKeys: ["2026-03-05", "2026-03-06", "2026-03-07"],
        partitionKeyRange: { start: "2026-03-05", end: "2026-03-07" },
        partitionTimeWindow: { start: "2026-03-05T00:00:00.000Z", end: "2026-03-08T00:00:00.000Z" },
        hasPartitionKey: false,
      },
    ],
    [
      "a static partition: no time window",
      { partitionsDef: StaticPartitionsDefinition(["eu", "us"]) },
      { partition: "us" },
      {
        partitionKey: "us",
        partitionKeys: ["us"],
        partitionKeyRange: { start: "us", end: "us" },
        partitionTimeWindow: expect.stringMatching(
          /^throws: asset "probe" has static partitions, which have no time window/,
        ),
        hasPartitionKey: true,
      },
    ],
    [
      "an unpartitioned asset: every accessor names the fix",
      {},
      {},
      {
        partitionKey: expect.stringMatching(/^throws: asset "probe" has no partitions.*give it a partitionsDef/),
        partitionKeys: expect.stringMatching(/^throws: asset "probe" has no partitions/),
        partitionKeyRange: expect.stringMatching(/^throws: asset "probe" has no partitions/),
        partitionTimeWindow: expect.stringMatching(/^throws: asset "probe" has no partitions/),
        hasPartitionKey: false,
      },
    ],
  ];
  it.each(cases)("%s", async (_name, options, run, expected) => {
    seen.length = 0;
    const outcome = await materialize({ probe: asset(options, probe) }, run);
    expect(outcome.success, JSON.stringify(outcome.errors)).toBe(true);
    const dates = (value: unknown) => (value instanceof Date ? value.toISOString() : value);
    const [first] = seen;
    const window = first!.partitionTimeWindow as { start: unknown; end: unknown } | string;
    expect({
      ...first,
      partitionTimeWindow: typeof window === "string" ? window : { start: dates(window.start), end: dates(window.end) },
    }).toEqual({ key: "probe", ...expected });
  });

  it("takes partitions in a test context, and says when a time window was not given", () => {
    const ctx = createTestContext({ assetKey: "orders", partitionKey: "2026-03-01" });
    expect([ctx.partitionKey, ctx.hasPartitionKey, ctx.partitionKeyRange]).toEqual([
      "2026-03-01",
      true,
      { start: "2026-03-01", end: "2026-03-01" },
    ]);
    expect(() => ctx.partitionTimeWindow).toThrow(/createTestContext\(\{ partitionKey, partitionTimeWindow/);
    const window = { start: new Date("2026-03-01T00:00:00Z"), end: new Date("2026-03-02T00:00:00Z") };
    expect(createTestContext({ partitionKey: "2026-03-01", partitionTimeWindow: window }).partitionTimeWindow).toEqual(
      window,
    );
  });
});

describe("inputs through partition mappings", () => {
  const orders = asset({ partitionsDef: daily }, (ctx) => `orders of ${ctx.partitionKey}`);
  const cases: [string, AssetOptions & { ins: InsMap }, string, unknown][] = [
    ["identity: the same day's value", { partitionsDef: daily, ins: { orders } }, "2026-03-02", "orders of 2026-03-02"],
    [
      "a one-day offset: yesterday's value",
      {
        partitionsDef: daily,
        ins: {
          orders: AssetIn(orders, { partitionMapping: TimeWindowPartitionMapping({ startOffset: -1, endOffset: -1 }) }),
        },
      },
      "2026-03-02",
      "orders of 2026-03-01",
    ],
    [
      "an offset range: a map of the days it covers",
      {
        partitionsDef: daily,
        ins: {
          orders: AssetIn(orders, { partitionMapping: TimeWindowPartitionMapping({ startOffset: -2, endOffset: 0 }) }),
        },
      },
      "2026-03-03",
      new Map([
        ["2026-03-01", "orders of 2026-03-01"],
        ["2026-03-02", "orders of 2026-03-02"],
        ["2026-03-03", "orders of 2026-03-03"],
      ]),
    ],
    [
      "daily to monthly: a map of the month's days",
      { partitionsDef: monthly, ins: { orders } },
      "2026-03-01",
      days("2026-03-01", 31, (key) => `orders of ${key}`),
    ],
    [
      "every partition (AllPartitionMapping)",
      {
        partitionsDef: StaticPartitionsDefinition(["only"]),
        ins: { orders: AssetIn(orders, { partitionMapping: AllPartitionMapping() }) },
      },
      "only",
      days("2026-03-01", 33, (key) => `orders of ${key}`),
    ],
  ];
  it.each(cases)("%s", async (_name, options, partition, expected) => {
    const received = new Map<string, unknown>();
    const reader = asset(options, (inputs, ctx) => {
      received.set(ctx.partitionKey, inputs.orders);
      return 1;
    });
    // The reader takes the days as written, or (monthly, static) the partitions its mapping connects to them.
    const outcome = await materialize({ orders, reader }, { partitions: "2026-03-01...2026-04-02" });
    expect(outcome.errors[`reader[${partition}]`]).toBeUndefined();
    expect(received.get(partition)).toEqual(expected);
  });

  it("records one materialization per partition with the upstream partitions it read; a day before the first fails alone", async () => {
    const twoDays = asset(
      {
        partitionsDef: daily,
        ins: {
          orders: AssetIn(orders, { partitionMapping: TimeWindowPartitionMapping({ startOffset: -1, endOffset: 0 }) }),
        },
      },
      ({ orders }) => orders.size,
    );
    const outcome = await materialize({ orders, twoDays }, { partitions: "2026-03-01...2026-03-03" });
    const records = materializations(outcome.events).filter((m) => m.key === "twoDays");
    expect(records.map((m) => [m.partition, Object.keys(m.upstreamDataVersions)])).toEqual([
      ["2026-03-02", ["orders[2026-03-01]", "orders[2026-03-02]"]],
      ["2026-03-03", ["orders[2026-03-02]", "orders[2026-03-03]"]],
    ]);
    expect(outcome.values["twoDays[2026-03-03]"]).toBe(2);
    expect(Object.keys(outcome.errors)).toEqual(["twoDays[2026-03-01]"]);
    expect(outcome.errors["twoDays[2026-03-01]"]!.message).toBe(
      'asset "twoDays" (partition 2026-03-01) reads partition 2026-02-28 of "orders", which does not exist: give its TimeWindowPartitionMapping allowNonexistentUpstreamPartitions: true (the input is then undefined), or leave this partition out (--partitions).',
    );
  });

  it("loads an upstream partition given in `inputs` as key[partition], recording its version", async () => {
    const revenue = asset({ partitionsDef: daily, ins: { orders } }, ({ orders }) => `revenue from ${orders}`);
    const outcome = await materialize(
      { orders, revenue },
      { selection: ["revenue"], partition: "2026-03-02", inputs: { "orders[2026-03-02]": "given" } },
    );
    expect(outcome.values).toEqual({ "revenue[2026-03-02]": "revenue from given" });
    expect(Object.keys(materializations(outcome.events)[0]!.upstreamDataVersions)).toEqual(["orders[2026-03-02]"]);
  });

  it("gives undefined for a partition before the first when the mapping allows it", async () => {
    const received: unknown[] = [];
    const yesterday = asset(
      {
        partitionsDef: daily,
        ins: {
          orders: AssetIn(orders, {
            partitionMapping: TimeWindowPartitionMapping({
              startOffset: -1,
              endOffset: -1,
              allowNonexistentUpstreamPartitions: true,
            }),
          }),
        },
      },
      ({ orders }) => (received.push(orders), 0),
    );
    const outcome = await materialize({ orders, yesterday }, { partitions: "2026-03-01...2026-03-02" });
    expect(outcome.success, JSON.stringify(outcome.errors)).toBe(true);
    expect(received).toEqual([undefined, "orders of 2026-03-01"]);
  });
});

describe("single-run backfills", () => {
  const cases: [string, (ctx: AssetContext) => unknown, Record<string, unknown>][] = [
    [
      "a Map keyed by every partition: one value each",
      (ctx) => new Map(ctx.partitionKeys.map((key) => [key, `v${key.slice(-1)}`])),
      { "big[2026-03-05]": "v5", "big[2026-03-06]": "v6", "big[2026-03-07]": "v7" },
    ],
    [
      "a plain object keyed by every partition",
      (ctx) => Object.fromEntries(ctx.partitionKeys.map((key) => [key, key.length])),
      { "big[2026-03-05]": 10, "big[2026-03-06]": 10, "big[2026-03-07]": 10 },
    ],
    [
      "a MaterializeResult yielded per partition",
      function* (ctx) {
        for (const partitionKey of ctx.partitionKeys)
          yield new MaterializeResult({ partitionKey, value: partitionKey.slice(8), metadata: { day: partitionKey } });
      },
      { "big[2026-03-05]": "05", "big[2026-03-06]": "06", "big[2026-03-07]": "07" },
    ],
    [
      "any other value: the same for every partition of the range",
      (ctx) => ({ rows: ctx.partitionKeys.length }),
      { "big[2026-03-05]": { rows: 3 }, "big[2026-03-06]": { rows: 3 }, "big[2026-03-07]": { rows: 3 } },
    ],
  ];
  it.each(cases)("%s", async (_name, fn, values) => {
    const big = asset({ partitionsDef: daily, backfillPolicy: "single-run" }, fn);
    const outcome = await materialize({ big }, { partitions: "2026-03-05...2026-03-07" });
    expect(outcome.success, JSON.stringify(outcome.errors)).toBe(true);
    expect(steps(outcome.events, "step_succeeded")).toEqual(["big[2026-03-05...2026-03-07]"]);
    expect(outcome.values).toEqual(values);
    expect(materializations(outcome.events).map((m) => m.partition)).toEqual([
      "2026-03-05",
      "2026-03-06",
      "2026-03-07",
    ]);
  });

  it("fails the range, naming what is missing, when a Map leaves out a partition", async () => {
    const big = asset(
      { partitionsDef: daily, backfillPolicy: "single-run" },
      (ctx) => new Map([[ctx.partitionKeys[0]!, 1]]),
    );
    const outcome = await materialize({ big }, { partitions: "2026-03-05...2026-03-06" });
    expect(outcome.errors["big[2026-03-05...2026-03-06]"]!.message).toBe(
      "asset big[2026-03-05...2026-03-06] did not produce big[2026-03-06]: return a value for every partition of ctx.partitionKeys (a Map keyed by partition), or one value for all of them.",
    );
  });

  it("gives a single-run step its partitioned inputs as maps, and starts a new range after a gap", async () => {
    const orders = asset({ partitionsDef: daily }, (ctx) => ctx.partitionKey);
    const seen: unknown[] = [];
    const total = asset({ partitionsDef: daily, backfillPolicy: "single-run", ins: { orders } }, ({ orders }) => {
      seen.push(orders);
      return 0;
    });
    const outcome = await materialize({ orders, total }, { partitions: "2026-03-01,2026-03-02,2026-03-04" });
    expect(outcome.success, JSON.stringify(outcome.errors)).toBe(true);
    const totalSteps = steps(outcome.events, "step_succeeded")
      .filter((id) => id.startsWith("total"))
      .sort();
    expect(totalSteps).toEqual(["total[2026-03-01...2026-03-02]", "total[2026-03-04]"]);
    expect(seen).toContainEqual(new Map([["2026-03-04", "2026-03-04"]]));
  });
});

describe("a partitioned multi-asset", () => {
  it("stores each yielded member for the step's partition, or for every partition of a range", async () => {
    const pair = (backfillPolicy: "single-run" | "multi-run") =>
      multiAsset(
        { specs: [AssetSpec("left"), AssetSpec("right")], partitionsDef: daily, backfillPolicy },
        function* (ctx) {
          yield new MaterializeResult({ assetKey: "left", value: ctx.partitionKeys.join("+") });
          for (const partitionKey of ctx.partitionKeys)
            yield new MaterializeResult({ assetKey: "right", partitionKey, value: partitionKey.slice(8) });
        },
      );
    const multi = await materialize({ pair: pair("multi-run") }, { partitions: "2026-03-01...2026-03-02" });
    expect(multi.values).toEqual({
      "left[2026-03-01]": "2026-03-01",
      "right[2026-03-01]": "01",
      "left[2026-03-02]": "2026-03-02",
      "right[2026-03-02]": "02",
    });
    const single = await materialize({ pair: pair("single-run") }, { partitions: "2026-03-01...2026-03-02" });
    expect(steps(single.events, "step_succeeded")).toEqual(["left,right[2026-03-01...2026-03-02]"]);
    expect(single.values).toEqual({
      "left[2026-03-01]": "2026-03-01+2026-03-02",
      "left[2026-03-02]": "2026-03-01+2026-03-02",
      "right[2026-03-01]": "01",
      "right[2026-03-02]": "02",
    });
  });
});

describe("a failing partition", () => {
  it("skips only the downstream partitions that read it; the rest run and are recorded", async () => {
    const orders = asset({ partitionsDef: daily }, (ctx) => {
      if (ctx.partitionKey === "2026-03-02") throw new Error("the source was down");
      return 1;
    });
    const revenue = asset({ partitionsDef: daily, ins: { orders } }, ({ orders }) => orders * 2);
    const march = asset({ partitionsDef: monthly, ins: { revenue } }, ({ revenue }) => revenue.size);
    const outcome = await materialize({ orders, revenue, march }, { partitions: "2026-03-01...2026-03-03" });
    expect(outcome.status).toBe("failed");
    expect(steps(outcome.events, "step_failed")).toEqual(["orders[2026-03-02]"]);
    expect(steps(outcome.events, "step_skipped").sort()).toEqual(["march[2026-03-01]", "revenue[2026-03-02]"]);
    expect(Object.keys(outcome.values).sort()).toEqual([
      "orders[2026-03-01]",
      "orders[2026-03-03]",
      "revenue[2026-03-01]",
      "revenue[2026-03-03]",
    ]);
    const failed = outcome.events.find((event) => event.type === "step_failed");
    expect(failed).toMatchObject({ partitions: ["2026-03-02"], assets: ["orders"] });
    const skipped = outcome.events.find(
      (event) => event.type === "step_skipped" && event.stepId === "revenue[2026-03-02]",
    );
    expect(skipped).toMatchObject({ reason: "upstream orders[2026-03-02] failed", partitions: ["2026-03-02"] });
  });
});

describe("choosing partitions", () => {
  const regions = StaticPartitionsDefinition(["eu", "us"]);
  const orders = asset({ partitionsDef: daily }, (ctx) => ctx.partitionKey);
  const march = asset({ partitionsDef: monthly, ins: { orders } }, ({ orders }) => orders.size);
  const months = asset(
    {
      partitionsDef: MonthlyPartitionsDefinition({ startDate: "2026-03", fmt: "yyyy-MM", endDate: "2026-04" }),
      ins: { orders },
    },
    ({ orders }) => orders.size,
  );
  const byRegion = asset({ partitionsDef: regions }, (ctx) => ctx.partitionKey);
  const customers = DynamicPartitionsDefinition({ name: "customers" });
  const perCustomer = asset({ partitionsDef: customers }, (ctx) => ctx.partitionKey);

  const planned = async (assets: Record<string, unknown>, options: Parameters<typeof materialize>[1]) =>
    steps((await materialize(assets, options)).events, "step_started");

  const cases: [string, Record<string, unknown>, Parameters<typeof materialize>[1], string[]][] = [
    ["one partition", { orders }, { partition: "2026-03-02" }, ["orders[2026-03-02]"]],
    [
      "a list of ranges, in the definition's order",
      { orders },
      { partitions: "2026-03-05,2026-03-01...2026-03-02" },
      ["orders[2026-03-01]", "orders[2026-03-02]", "orders[2026-03-05]"],
    ],
    [
      "a downstream with another definition takes the partitions the named ones feed",
      { orders, march },
      { partitions: "2026-03-30...2026-04-01" },
      ["orders[2026-03-30]", "orders[2026-03-31]", "orders[2026-04-01]", "march[2026-03-01]"],
    ],
    [
      "a key both definitions have runs in each (2026-03-01 is a day and a month)",
      { orders, march },
      { partition: "2026-03-01" },
      ["orders[2026-03-01]", "march[2026-03-01]"],
    ],
    [
      "an upstream with another definition takes the partitions the named ones read",
      { orders, months },
      { partition: "2026-03" },
      [...days("2026-03-01", 31, (key) => `orders[${key}]`).values(), "months[2026-03]"],
    ],
    [
      "dynamic partitions: the keys given",
      { perCustomer },
      { partitions: "acme,globex", dynamicPartitions: { customers: ["acme", "initech", "globex"] } },
      ["perCustomer[acme]", "perCustomer[globex]"],
    ],
  ];
  it.each(cases)("%s", async (_name, assets, options, expected) => {
    expect((await planned(assets, options)).sort()).toEqual([...expected].sort());
  });

  const errors: [string, Record<string, unknown>, Parameters<typeof materialize>[1], string][] = [
    [
      "a key that does not exist: the asset, the key and the range",
      { orders },
      { partition: "2026-02-30" },
      'asset "orders" has no partition "2026-02-30": the partitions run from 2026-03-01 to 2026-04-02 (33).',
    ],
    [
      "a range past the end",
      { orders },
      { partitions: "2026-03-30...2026-04-05" },
      'asset "orders": "2026-04-05" is not a partition: the partitions run from 2026-03-01 to 2026-04-02 (33).',
    ],
    [
      "an asset no mapping reaches",
      { orders, byRegion },
      { partition: "2026-03-01" },
      'asset "byRegion" has no partition "2026-03-01": the partitions are eu, us, and no selected asset\'s partition mapping leads to it: select it apart with its own partitions, or leave it out.',
    ],
    [
      "partitions of unpartitioned assets",
      { report: asset(() => 1) },
      { partition: "2026-03-01" },
      "--partition 2026-03-01 names partitions, but no selected asset is partitioned: leave it out, or select partitioned assets.",
    ],
    [
      "dynamic partitions without keys",
      { perCustomer },
      { partition: "acme" },
      'asset "perCustomer" has no partition "acme": the dynamic partitions "customers" have no keys yet (assetline partitions add customers KEY…).',
    ],
  ];
  it.each(errors)("refuses %s, running nothing", async (_name, assets, options, message) => {
    await expect(materialize(assets, options)).rejects.toThrow(message);
  });
});
