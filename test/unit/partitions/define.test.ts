/**
 * The define API for partitions: constructors return the protocol's data with Dagster's defaults, refuse mistakes
 * naming the option, and the runtime graph carries partitions on nodes and mappings on edges.
 */
import { describe, expect, it } from "vitest";
import {
  AllPartitionMapping,
  AssetDep,
  AssetIn,
  AssetSpec,
  DailyPartitionsDefinition,
  DynamicPartitionsDefinition,
  HourlyPartitionsDefinition,
  LastPartitionMapping,
  MonthlyPartitionsDefinition,
  MultiPartitionsDefinition,
  MultiToSingleDimensionPartitionMapping,
  SpecificPartitionsPartitionMapping,
  StaticPartitionMapping,
  StaticPartitionsDefinition,
  TimeWindowPartitionMapping,
  TimeWindowPartitionsDefinition,
  WeeklyPartitionsDefinition,
  asset,
  graphAsset,
  multiAsset,
} from "assetline";
import { infoOf } from "../../../sdk/src/define/definition";
import { isPartitionMapping } from "../../../sdk/src/define/mappings";
import { isPartitionsDefinition } from "../../../sdk/src/define/partitions";
import { buildRepository } from "../../../sdk/src/define/repository";
import { PartitionMappingSchema, PartitionsDefinitionSchema } from "../../../sdk/src/protocol/partitions";
import * as v from "valibot";

const daily = DailyPartitionsDefinition({ startDate: "2026-03-01" });

describe("partitions definitions are the protocol's data with Dagster's defaults", () => {
  it.each([
    [
      "daily",
      daily,
      {
        type: "time-window",
        granularity: "daily",
        start: "2026-03-01",
        timezone: "UTC",
        fmt: "yyyy-MM-dd",
        minuteOffset: 0,
        hourOffset: 0,
        dayOffset: 0,
        endOffset: 0,
      },
    ],
    [
      "hourly, with its own format",
      HourlyPartitionsDefinition({ startDate: "2026-03-01-00:00", timezone: "Europe/Paris", minuteOffset: 15 }),
      {
        type: "time-window",
        granularity: "hourly",
        start: "2026-03-01-00:00",
        timezone: "Europe/Paris",
        fmt: "yyyy-MM-dd-HH:mm",
        minuteOffset: 15,
        hourOffset: 0,
        dayOffset: 0,
        endOffset: 0,
      },
    ],
    [
      "weekly, from Sunday",
      WeeklyPartitionsDefinition({ startDate: "2026-03-01", endDate: "2026-06-01" }),
      {
        type: "time-window",
        granularity: "weekly",
        start: "2026-03-01",
        end: "2026-06-01",
        timezone: "UTC",
        fmt: "yyyy-MM-dd",
        minuteOffset: 0,
        hourOffset: 0,
        dayOffset: 0,
        endOffset: 0,
      },
    ],
    [
      "monthly, from the first",
      MonthlyPartitionsDefinition({ startDate: "2026-03-01", endOffset: 1 }),
      {
        type: "time-window",
        granularity: "monthly",
        start: "2026-03-01",
        timezone: "UTC",
        fmt: "yyyy-MM-dd",
        minuteOffset: 0,
        hourOffset: 0,
        dayOffset: 1,
        endOffset: 1,
      },
    ],
    ["static", StaticPartitionsDefinition(["eu", "us"]), { type: "static", keys: ["eu", "us"] }],
    ["dynamic", DynamicPartitionsDefinition({ name: "customers" }), { type: "dynamic", name: "customers" }],
    [
      "multi, dimensions sorted by name",
      MultiPartitionsDefinition({ region: StaticPartitionsDefinition(["eu"]), date: daily }),
      {
        type: "multi",
        dimensions: [
          { name: "date", definition: daily },
          { name: "region", definition: { type: "static", keys: ["eu"] } },
        ],
      },
    ],
  ])("%s", (_name, definition, expected) => {
    expect(definition).toEqual(expected);
    expect(v.parse(PartitionsDefinitionSchema, definition)).toEqual(expected);
    expect(JSON.parse(JSON.stringify(definition))).toEqual(expected);
    expect(Object.isFrozen(definition)).toBe(true);
    expect(isPartitionsDefinition(definition)).toBe(true);
  });

  it("recognises a definition made by another copy of the SDK (the brand is Symbol.for)", () => {
    const copy = Object.defineProperty({ ...daily }, Symbol.for("assetline.partitionsDefinition"), { value: true });
    expect(isPartitionsDefinition(copy)).toBe(true);
    expect(isPartitionsDefinition({ ...daily })).toBe(false);
  });

  it.each<[string, () => unknown, string]>([
    [
      "a missing startDate",
      () => DailyPartitionsDefinition({} as never),
      'DailyPartitionsDefinition: `startDate` is required: the first partition\'s start, like "2026-03-01".',
    ],
    [
      "a strftime format",
      () => DailyPartitionsDefinition({ startDate: "2026-03-01", fmt: "%Y-%m-%d" }),
      'DailyPartitionsDefinition: `fmt` "%Y-%m-%d" uses strftime directives: write Luxon tokens instead ("yyyy-MM-dd" for "%Y-%m-%d", "HH:mm" for "%H:%M").',
    ],
    [
      "an unknown time zone",
      () => DailyPartitionsDefinition({ startDate: "2026-03-01", timezone: "Europe/Parsi" }),
      'DailyPartitionsDefinition: `timezone` "Europe/Parsi" is not an IANA time zone: use one like "Europe/Paris" or "UTC".',
    ],
    [
      "an hour offset of 24",
      () => DailyPartitionsDefinition({ startDate: "2026-03-01", hourOffset: 24 }),
      "DailyPartitionsDefinition: `hourOffset` must be an integer from 0 to 23 (got 24).",
    ],
    [
      "a fractional endOffset",
      () => DailyPartitionsDefinition({ startDate: "2026-03-01", endOffset: 0.5 }),
      "DailyPartitionsDefinition: `endOffset` must be an integer (got 0.5).",
    ],
    [
      "a weekday of 7",
      () => WeeklyPartitionsDefinition({ startDate: "2026-03-01", dayOffset: 7 }),
      "WeeklyPartitionsDefinition: `dayOffset` must be an integer from 0 to 6 (got 7).",
    ],
    [
      "a month day of 31",
      () => MonthlyPartitionsDefinition({ startDate: "2026-03-01", dayOffset: 31 }),
      "MonthlyPartitionsDefinition: `dayOffset` must be an integer from 1 to 28 (got 31).",
    ],
    [
      "a day offset on daily partitions",
      () => DailyPartitionsDefinition({ startDate: "2026-03-01", dayOffset: 2 } as never),
      "DailyPartitionsDefinition: `dayOffset` applies to weekly and monthly partitions only.",
    ],
    [
      "an hour offset on hourly partitions",
      () => HourlyPartitionsDefinition({ startDate: "2026-03-01", hourOffset: 2 } as never),
      "HourlyPartitionsDefinition: `hourOffset`: hourly partitions start every hour; only `minuteOffset` shifts them.",
    ],
    [
      "an unknown granularity",
      () => TimeWindowPartitionsDefinition({ granularity: "yearly" as never, start: "2026-01-01" }),
      'TimeWindowPartitionsDefinition: `granularity` must be "hourly", "daily", "weekly" or "monthly".',
    ],
    [
      "a repeated static key",
      () => StaticPartitionsDefinition(["eu", "us", "eu"]),
      'StaticPartitionsDefinition: the key "eu" is listed twice: keep one.',
    ],
    [
      "a static key with |",
      () => StaticPartitionsDefinition(["eu|west"]),
      'StaticPartitionsDefinition: the key "eu|west" contains "|", which partition selections use (a|b joins dimensions, a,b lists, a...b is a range): rename it.',
    ],
    [
      "a static key with a comma",
      () => StaticPartitionsDefinition(["a,b"]),
      'StaticPartitionsDefinition: the key "a,b" contains ","',
    ],
    [
      "a static key with ...",
      () => StaticPartitionsDefinition(["a...b"]),
      'StaticPartitionsDefinition: the key "a...b" contains "..."',
    ],
    [
      "an empty static key",
      () => StaticPartitionsDefinition([""]),
      "StaticPartitionsDefinition: a key cannot be empty.",
    ],
    [
      "keys not in an array",
      () => StaticPartitionsDefinition("eu" as never),
      'StaticPartitionsDefinition(keys): pass an array of partition keys, like ["eu", "us"].',
    ],
    [
      "a dynamic definition without a name",
      () => DynamicPartitionsDefinition({ name: "" }),
      "DynamicPartitionsDefinition: `name` is required",
    ],
    [
      "a dynamic name with spaces",
      () => DynamicPartitionsDefinition({ name: "my customers" }),
      'DynamicPartitionsDefinition: `name` "my customers" is invalid',
    ],
    [
      "one dimension",
      () => MultiPartitionsDefinition({ date: daily }),
      "MultiPartitionsDefinition: give exactly two dimensions by name, like { date: daily, region: regions } (got 1).",
    ],
    [
      "a nested multi",
      () => MultiPartitionsDefinition({ a: daily, b: MultiPartitionsDefinition({ c: daily, d: daily }) as never }),
      'MultiPartitionsDefinition: the dimension "b" must be a time-window, static or dynamic partitions definition.',
    ],
  ])("refuses %s, naming the option", (_name, make, message) => {
    expect(make).toThrow(message);
  });
});

describe("partition mappings are the protocol's data", () => {
  it.each([
    [
      "a time window, offsets 0 by default",
      TimeWindowPartitionMapping(),
      { type: "time-window", startOffset: 0, endOffset: 0, allowNonexistentUpstreamPartitions: false },
    ],
    [
      "yesterday",
      TimeWindowPartitionMapping({ startOffset: -1, endOffset: -1, allowNonexistentUpstreamPartitions: true }),
      { type: "time-window", startOffset: -1, endOffset: -1, allowNonexistentUpstreamPartitions: true },
    ],
    ["all", AllPartitionMapping(), { type: "all" }],
    ["last", LastPartitionMapping(), { type: "last" }],
    [
      "static, one key or several",
      StaticPartitionMapping({ eu: ["fr", "de"], us: "us" }),
      { type: "static", map: { eu: ["fr", "de"], us: ["us"] } },
    ],
    ["specific", SpecificPartitionsPartitionMapping(["eu"]), { type: "specific", keys: ["eu"] }],
    [
      "multi to single",
      MultiToSingleDimensionPartitionMapping({ partitionDimensionName: "date" }),
      { type: "multi-to-single", dimension: "date" },
    ],
  ])("%s", (_name, mapping, expected) => {
    expect(mapping).toEqual(expected);
    expect(v.parse(PartitionMappingSchema, mapping)).toEqual(expected);
    expect(isPartitionMapping(mapping)).toBe(true);
    expect(Object.isFrozen(mapping)).toBe(true);
  });

  it.each<[string, () => unknown, string]>([
    [
      "a start after the end",
      () => TimeWindowPartitionMapping({ startOffset: 0, endOffset: -1 }),
      "TimeWindowPartitionMapping: `startOffset` (0) is after `endOffset` (-1): the window would be empty.",
    ],
    [
      "a fractional offset",
      () => TimeWindowPartitionMapping({ startOffset: -0.5 }),
      "TimeWindowPartitionMapping: `startOffset` must be an integer (got -0.5).",
    ],
    [
      "no specific keys",
      () => SpecificPartitionsPartitionMapping([]),
      'SpecificPartitionsPartitionMapping(keys): pass a non-empty list of upstream keys, like ["eu"].',
    ],
    [
      "no dimension name",
      () => MultiToSingleDimensionPartitionMapping({} as never),
      "MultiToSingleDimensionPartitionMapping: `partitionDimensionName` is required",
    ],
    [
      "a definition given as a mapping",
      () => AssetIn("orders", { partitionMapping: daily as never }),
      "AssetIn: `partitionMapping` must come from a mapping constructor such as TimeWindowPartitionMapping({ startOffset: -1, endOffset: -1 }) (this is a partitions definition).",
    ],
  ])("refuses %s", (_name, make, message) => {
    expect(make).toThrow(message);
  });
});

describe("partitions on assets and on the run-time graph", () => {
  it("keeps ins and deps as references and their mappings beside them", () => {
    const yesterday = TimeWindowPartitionMapping({ startOffset: -1, endOffset: -1 });
    const orders = asset({ partitionsDef: daily }, () => 1);
    const rolling = asset(
      {
        partitionsDef: daily,
        backfillPolicy: "single-run",
        ins: {
          orders,
          previous: AssetIn(orders, { partitionMapping: yesterday }),
          literal: { asset: "raw", partitionMapping: AllPartitionMapping() },
        },
        deps: ["other", AssetDep(orders, { partitionMapping: LastPartitionMapping() })],
      },
      () => 0,
    );
    const info = infoOf(rolling);
    expect(info.ins).toEqual({ orders, previous: orders, literal: "raw" });
    expect(info.deps).toEqual(["other", orders]);
    expect(info.mappings).toEqual({
      ins: { previous: yesterday, literal: { type: "all" } },
      deps: { 1: { type: "last" } },
    });
    expect(info.partitionsDef).toBe(daily);
    expect(info.backfillPolicy).toBe("single-run");
  });

  it("puts partitions (with their count now) on nodes and written mappings on edges", () => {
    const regions = StaticPartitionsDefinition(["eu", "us"]);
    const orders = asset({ partitionsDef: daily }, () => 1);
    const sales = asset({ partitionsDef: regions }, () => 1);
    const previous = asset(
      {
        partitionsDef: daily,
        backfillPolicy: "single-run",
        ins: {
          orders: AssetIn(orders, { partitionMapping: TimeWindowPartitionMapping({ startOffset: -1, endOffset: -1 }) }),
        },
      },
      () => 0,
    );
    const summary = asset(
      { ins: { orders }, deps: [AssetDep(sales, { partitionMapping: LastPartitionMapping() })] },
      () => 0,
    );
    const feed = AssetSpec("feed", { partitionsDef: DynamicPartitionsDefinition({ name: "files" }) });
    const { graph } = buildRepository([{ orders, sales, previous, summary, feed }]);
    const node = (key: string) => graph.nodes.find((each) => each.key === key)!;
    expect(node("sales").partitions).toEqual({ type: "static", keys: ["eu", "us"], count: 2 });
    expect(node("orders").partitions).toMatchObject({ type: "time-window", granularity: "daily", start: "2026-03-01" });
    expect(node("orders").partitions?.count).toBeGreaterThan(270);
    expect(node("feed").partitions).toEqual({ type: "dynamic", name: "files" });
    expect(node("previous").backfillPolicy).toBe("single-run");
    expect(node("summary")).not.toHaveProperty("partitions");
    expect(graph.edges).toEqual([
      {
        from: "orders",
        to: "previous",
        kind: "data",
        mapping: { type: "time-window", startOffset: -1, endOffset: -1, allowNonexistentUpstreamPartitions: false },
      },
      { from: "orders", to: "summary", kind: "data" },
      { from: "sales", to: "summary", kind: "order", mapping: { type: "last" } },
    ]);
  });

  it("partitions every member of a multi-asset and of a graph asset", () => {
    const left = AssetSpec("left");
    const right = AssetSpec("right", { partitionsDef: daily });
    const both = multiAsset({ specs: [left, right] }, function* () {});
    const composed = graphAsset({ partitionsDef: daily, backfillPolicy: "multi-run" }, async () => 1);
    const { graph } = buildRepository([{ both, composed }]);
    for (const key of ["left", "right", "composed"])
      expect(graph.nodes.find((node) => node.key === key)?.partitions?.type).toBe("time-window");
    expect(graph.nodes.find((node) => node.key === "composed")?.backfillPolicy).toBe("multi-run");
  });

  it.each<[string, () => unknown, string]>([
    [
      "a partitionsDef that is not a definition",
      () => asset({ key: "x", partitionsDef: { type: "static", keys: [] } as never }, () => 0),
      'asset("x"): `partitionsDef` must come from a partitions constructor such as DailyPartitionsDefinition({ startDate: "2026-03-01" }).',
    ],
    [
      "a backfill policy without partitions",
      () => asset({ backfillPolicy: "single-run" }, () => 0),
      "asset(…): `backfillPolicy` applies to partitioned assets only: add a `partitionsDef` or remove it.",
    ],
    [
      "an unknown backfill policy",
      () => asset({ partitionsDef: daily, backfillPolicy: "parallel" as never }, () => 0),
      'asset(…): `backfillPolicy` must be "single-run" or "multi-run" (got "parallel").',
    ],
    [
      "an ins value that is no asset",
      () => asset({ key: "x", ins: { bad: 42 as never } }, () => 0),
      'asset("x"): `ins.bad` must be an asset, an asset key string, or AssetIn(asset, { partitionMapping }) (got 42).',
    ],
    [
      "a literal with a definition as its mapping",
      () => asset({ ins: { bad: { asset: "raw", partitionMapping: daily as never } } }, () => 0),
      "An upstream `{ asset, partitionMapping }`: `partitionMapping` must come from a mapping constructor",
    ],
    [
      "members of one multi-asset with two definitions",
      () =>
        multiAsset(
          {
            specs: [AssetSpec("a", { partitionsDef: daily })],
            partitionsDef: MonthlyPartitionsDefinition({ startDate: "2026-01-01" }),
          },
          function* () {},
        ),
      'multiAsset("a"): the spec "a" has another `partitionsDef` than the multi-asset\'s: one function materializes every member, so they share one definition.',
    ],
  ])("refuses %s", (_name, make, message) => {
    expect(make).toThrow(message);
  });

  it.each<[string, () => unknown, string]>([
    [
      "a start date only Luxon reads, that does not parse",
      () =>
        buildRepository([
          {
            orders: asset(
              { partitionsDef: DailyPartitionsDefinition({ startDate: "Sun 2026/13/01", fmt: "EEE yyyy/MM/dd" }) },
              () => 0,
            ),
          },
        ]),
      'asset "orders": partitionsDef: startDate "Sun 2026/13/01" is not a date in the format "EEE yyyy/MM/dd" (like "Sun 2026/03/01").',
    ],
    [
      "a mapping that does not fit its definitions",
      () => {
        const sales = asset({ partitionsDef: StaticPartitionsDefinition(["eu"]) }, () => 0);
        const daily2 = asset(
          { partitionsDef: daily, ins: { sales: AssetIn(sales, { partitionMapping: TimeWindowPartitionMapping() }) } },
          () => 0,
        );
        return buildRepository([{ sales, daily2 }]);
      },
      'asset "daily2" reads "sales": a TimeWindowPartitionMapping needs time-window partitions on both sides, not between static partitions upstream and daily partitions downstream: use another mapping (StaticPartitionMapping, AllPartitionMapping…).',
    ],
  ])("the runtime refuses %s when it loads the definitions, naming the asset", (_name, load, message) => {
    expect(load).toThrow(message);
  });
});
