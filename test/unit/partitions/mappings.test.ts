/**
 * Partition mappings both ways, as Dagster maps them: what a downstream partition reads (the planner, the inputs)
 * and what an upstream partition feeds (staleness), whether that is one value or a map, and the mistakes refused.
 */
import { describe, expect, it } from "vitest";
import {
  AllPartitionMapping,
  DailyPartitionsDefinition,
  DynamicPartitionsDefinition,
  HourlyPartitionsDefinition,
  IdentityPartitionMapping,
  LastPartitionMapping,
  MonthlyPartitionsDefinition,
  MultiPartitionsDefinition,
  MultiToSingleDimensionPartitionMapping,
  SpecificPartitionsPartitionMapping,
  StaticPartitionMapping,
  StaticPartitionsDefinition,
  TimeWindowPartitionMapping,
  WeeklyPartitionsDefinition,
} from "assetline";
import {
  defaultMapping,
  downstreamPartitions,
  mappingCardinality,
  mappingProblem,
  partitionKeys,
  upstreamPartitions,
} from "../../../sdk/src/partitions";
import type { PartitionMappingData, PartitionsDefinitionData } from "../../../sdk/src/protocol/partitions";

type Definition = PartitionsDefinitionData | undefined;

// On 2026-04-02 at noon: days 03-01 … 04-01, months January to March, hours up to 11:00.
const context = {
  now: new Date("2026-04-02T12:00:00Z"),
  dynamicKeys: (name: string) => (name === "customers" ? ["acme", "globex"] : []),
};
const daily = DailyPartitionsDefinition({ startDate: "2026-03-01" });
const laterDaily = DailyPartitionsDefinition({ startDate: "2026-03-10" });
const sixAm = DailyPartitionsDefinition({ startDate: "2026-03-01", hourOffset: 6 });
const hourly = HourlyPartitionsDefinition({ startDate: "2026-03-01-00:00" });
const weekly = WeeklyPartitionsDefinition({ startDate: "2026-03-01" });
const monthly = MonthlyPartitionsDefinition({ startDate: "2026-01-01" });
const parisDaily = DailyPartitionsDefinition({ startDate: "2026-03-01", timezone: "Europe/Paris" });
const parisHourly = HourlyPartitionsDefinition({ startDate: "2026-03-01-00:00", timezone: "Europe/Paris" });
const regions = StaticPartitionsDefinition(["eu", "us", "apac"]);
const countries = StaticPartitionsDefinition(["fr", "de", "us"]);
const customers = DynamicPartitionsDefinition({ name: "customers" });
const byDayAndRegion = MultiPartitionsDefinition({ date: daily, region: regions });

const windowDefault = { type: "time-window", startOffset: 0, endOffset: 0, allowNonexistentUpstreamPartitions: false };
const yesterday = TimeWindowPartitionMapping({ startOffset: -1, endOffset: -1 });
const hours = (day: string, count = 24) =>
  Array.from({ length: count }, (_, hour) => `${day}-${String(hour).padStart(2, "0")}:00`);
const days = (from: number, to: number, month = "03") =>
  Array.from({ length: to - from + 1 }, (_, index) => `2026-${month}-${String(from + index).padStart(2, "0")}`);

describe("defaultMapping (Dagster's inferred mapping)", () => {
  it.each<[string, Definition, Definition, PartitionMappingData]>([
    ["an unpartitioned upstream", undefined, daily, { type: "all" }],
    ["an unpartitioned downstream reads every partition", daily, undefined, { type: "all" }],
    ["time windows of any granularity overlap", daily, monthly, windowDefault as PartitionMappingData],
    ["equal static definitions: identity", regions, regions, { type: "identity" }],
    [
      "multi upstream, single downstream: the shared dimension",
      byDayAndRegion,
      daily,
      { type: "multi-to-single", dimension: "date" },
    ],
    [
      "single upstream, multi downstream: the shared dimension",
      regions,
      byDayAndRegion,
      { type: "multi-to-single", dimension: "region" },
    ],
    ["multi to multi: identity", byDayAndRegion, byDayAndRegion, { type: "identity" }],
    ["static to time window: identity (mappingProblem says why it cannot work)", regions, daily, { type: "identity" }],
  ])("%s", (_name, upstream, downstream, expected) => {
    expect(defaultMapping(upstream, downstream)).toEqual(expected);
  });
});

describe("mappingCardinality (T or ReadonlyMap<string, T>)", () => {
  it.each<[string, PartitionMappingData, Definition, Definition, "one" | "many"]>([
    ["identity", IdentityPartitionMapping(), regions, regions, "one"],
    ["all", AllPartitionMapping(), regions, regions, "many"],
    ["last", LastPartitionMapping(), daily, regions, "one"],
    ["static", StaticPartitionMapping({ eu: "fr" }), regions, countries, "many"],
    ["specific, even of one key", SpecificPartitionsPartitionMapping(["eu"]), regions, daily, "many"],
    ["same days", defaultMapping(daily, laterDaily), daily, laterDaily, "one"],
    ["yesterday", yesterday, daily, daily, "one"],
    ["a three-day window", TimeWindowPartitionMapping({ startOffset: -2 }), daily, daily, "many"],
    ["days into a month", defaultMapping(daily, monthly), daily, monthly, "many"],
    ["a month into its days", defaultMapping(monthly, daily), monthly, daily, "one"],
    ["hours into a day", defaultMapping(hourly, daily), hourly, daily, "many"],
    ["a day into its hours", defaultMapping(daily, hourly), daily, hourly, "one"],
    ["days into a week", defaultMapping(daily, weekly), daily, weekly, "many"],
    ["a week into its days", defaultMapping(weekly, daily), weekly, daily, "one"],
    ["months into a week (a week can straddle two)", defaultMapping(monthly, weekly), monthly, weekly, "many"],
    ["weeks into a month", defaultMapping(weekly, monthly), weekly, monthly, "many"],
    ["a partitioned upstream of an unpartitioned downstream", AllPartitionMapping(), daily, undefined, "many"],
    ["an unpartitioned upstream", AllPartitionMapping(), undefined, daily, "one"],
    ["multi upstream to its date", defaultMapping(byDayAndRegion, daily), byDayAndRegion, daily, "many"],
    ["a date to the multi downstream", defaultMapping(daily, byDayAndRegion), daily, byDayAndRegion, "one"],
  ])("%s", (_name, mapping, upstream, downstream, expected) => {
    expect(mappingCardinality(mapping, upstream, downstream)).toBe(expected);
  });
});

type Case = [
  string,
  PartitionMappingData,
  PartitionsDefinitionData,
  Definition,
  string[] | undefined,
  string[],
  string[],
];

describe("upstreamPartitions (what a downstream partition reads)", () => {
  it.each<Case>([
    [
      "same days",
      defaultMapping(daily, laterDaily),
      daily,
      laterDaily,
      ["2026-03-10", "2026-03-11"],
      ["2026-03-10", "2026-03-11"],
      [],
    ],
    ["yesterday", yesterday, daily, daily, ["2026-03-03", "2026-03-05"], ["2026-03-02", "2026-03-04"], []],
    ["yesterday of the first day does not exist", yesterday, daily, daily, ["2026-03-01"], [], ["2026-02-28"]],
    [
      "…unless allowed",
      TimeWindowPartitionMapping({ startOffset: -1, endOffset: -1, allowNonexistentUpstreamPartitions: true }),
      daily,
      daily,
      ["2026-03-01"],
      [],
      [],
    ],
    [
      "a three-day window",
      TimeWindowPartitionMapping({ startOffset: -2 }),
      daily,
      daily,
      ["2026-03-05"],
      ["2026-03-03", "2026-03-04", "2026-03-05"],
      [],
    ],
    [
      "tomorrow, not there yet",
      TimeWindowPartitionMapping({ startOffset: 1, endOffset: 1 }),
      daily,
      daily,
      ["2026-04-01"],
      [],
      ["2026-04-02"],
    ],
    ["a month reads its days", defaultMapping(daily, monthly), daily, monthly, ["2026-03-01"], days(1, 31), []],
    [
      "February's days are before the first",
      defaultMapping(daily, monthly),
      daily,
      monthly,
      ["2026-02-01"],
      [],
      days(1, 28, "02"),
    ],
    [
      "a day reads its month",
      defaultMapping(monthly, daily),
      monthly,
      daily,
      ["2026-03-15", "2026-03-16"],
      ["2026-03-01"],
      [],
    ],
    ["a day reads its 24 hours", defaultMapping(hourly, daily), hourly, daily, ["2026-03-01"], hours("2026-03-01"), []],
    [
      "an hour reads its day",
      defaultMapping(daily, hourly),
      daily,
      hourly,
      ["2026-03-01-05:00", "2026-03-02-00:00"],
      ["2026-03-01", "2026-03-02"],
      [],
    ],
    [
      "offsets count downstream periods: the previous day's month",
      yesterday,
      monthly,
      daily,
      ["2026-03-01", "2026-03-15"],
      ["2026-02-01", "2026-03-01"],
      [],
    ],
    [
      "a day and the one before read 48 hours",
      TimeWindowPartitionMapping({ startOffset: -1 }),
      hourly,
      daily,
      ["2026-03-02"],
      [...hours("2026-03-01"), ...hours("2026-03-02")],
      [],
    ],
    ["a week reads its seven days", defaultMapping(daily, weekly), daily, weekly, ["2026-03-08"], days(8, 14), []],
    [
      "a Paris day of spring forward reads 23 hours",
      defaultMapping(parisHourly, parisDaily),
      parisHourly,
      parisDaily,
      ["2026-03-29"],
      hours("2026-03-29").filter((key) => !key.endsWith("02:00")),
      [],
    ],
    [
      "a Paris hour after the jump reads its day",
      defaultMapping(parisDaily, parisHourly),
      parisDaily,
      parisHourly,
      ["2026-03-29-03:00"],
      ["2026-03-29"],
      [],
    ],
    ["identity of static keys", IdentityPartitionMapping(), regions, regions, ["us", "eu"], ["eu", "us"], []],
    [
      "identity of dynamic keys, one not added",
      IdentityPartitionMapping(),
      customers,
      customers,
      ["acme", "initech"],
      ["acme"],
      ["initech"],
    ],
    [
      "all, for a partitioned downstream",
      AllPartitionMapping(),
      regions,
      daily,
      ["2026-03-01"],
      ["eu", "us", "apac"],
      [],
    ],
    [
      "all, for an unpartitioned downstream",
      AllPartitionMapping(),
      daily,
      undefined,
      undefined,
      days(1, 31).concat("2026-04-01"),
      [],
    ],
    ["last", LastPartitionMapping(), daily, regions, ["eu"], ["2026-04-01"], []],
    [
      "specific keys, in the upstream's order",
      SpecificPartitionsPartitionMapping(["apac", "eu"]),
      regions,
      daily,
      ["2026-03-02"],
      ["eu", "apac"],
      [],
    ],
    [
      "static: a country reads the regions feeding it",
      StaticPartitionMapping({ eu: ["fr", "de"], us: "us" }),
      regions,
      countries,
      ["fr", "us"],
      ["eu", "us"],
      [],
    ],
    [
      "multi to its date: every region of the day",
      defaultMapping(byDayAndRegion, daily),
      byDayAndRegion,
      daily,
      ["2026-03-02"],
      ["2026-03-02|eu", "2026-03-02|us", "2026-03-02|apac"],
      [],
    ],
    [
      "a day to the multi downstream",
      defaultMapping(daily, byDayAndRegion),
      daily,
      byDayAndRegion,
      ["2026-03-02|us"],
      ["2026-03-02"],
      [],
    ],
    [
      "a region to the multi downstream",
      MultiToSingleDimensionPartitionMapping({ partitionDimensionName: "region" }),
      regions,
      byDayAndRegion,
      ["2026-03-02|us", "2026-03-03|us"],
      ["us"],
      [],
    ],
  ])("%s", (_name, mapping, upstream, downstream, downstreamKeys, keys, missing) => {
    expect(upstreamPartitions(mapping, upstream, downstream, downstreamKeys, context)).toEqual({ keys, missing });
  });

  it("maps 1,096 days by identity in linear time", () => {
    const years = DailyPartitionsDefinition({ startDate: "2023-01-01", endDate: "2026-01-01" });
    const keys = partitionKeys(years, context);
    const started = performance.now();
    const result = upstreamPartitions(defaultMapping(years, years), years, years, keys, context);
    const elapsed = performance.now() - started;
    expect(result).toEqual({ keys, missing: [] });
    // Linear work is a few milliseconds even on a loaded machine; a search per key would be far slower.
    expect(elapsed).toBeLessThan(200);
  });
});

describe("downstreamPartitions (what an upstream partition feeds, for staleness)", () => {
  it.each<[string, PartitionMappingData, PartitionsDefinitionData, Definition, string[], string[]]>([
    ["yesterday feeds tomorrow's", yesterday, daily, daily, ["2026-03-02"], ["2026-03-03"]],
    ["the last day feeds a day not there yet", yesterday, daily, daily, ["2026-04-01"], []],
    [
      "a day feeds three rolling windows",
      TimeWindowPartitionMapping({ startOffset: -2 }),
      daily,
      daily,
      ["2026-03-02"],
      ["2026-03-02", "2026-03-03", "2026-03-04"],
    ],
    [
      "a day feeds its month",
      defaultMapping(daily, monthly),
      daily,
      monthly,
      ["2026-03-15", "2026-03-16"],
      ["2026-03-01"],
    ],
    ["a month feeds its days that exist", defaultMapping(monthly, daily), monthly, daily, ["2026-03-01"], days(1, 31)],
    ["an hour feeds its day", defaultMapping(hourly, daily), hourly, daily, ["2026-03-01-05:00"], ["2026-03-01"]],
    [
      "static: a region feeds its countries, in their order",
      StaticPartitionMapping({ eu: ["de", "fr"], us: "us" }),
      regions,
      countries,
      ["eu"],
      ["fr", "de"],
    ],
    ["identity", IdentityPartitionMapping(), regions, regions, ["apac"], ["apac"]],
    ["all: any change feeds everything", AllPartitionMapping(), regions, countries, ["us"], ["fr", "de", "us"]],
    [
      "last: the last partition feeds everything",
      LastPartitionMapping(),
      daily,
      regions,
      ["2026-04-01"],
      ["eu", "us", "apac"],
    ],
    ["last: an older one feeds nothing", LastPartitionMapping(), daily, regions, ["2026-03-05"], []],
    [
      "specific: a listed key feeds everything",
      SpecificPartitionsPartitionMapping(["eu"]),
      regions,
      countries,
      ["eu"],
      ["fr", "de", "us"],
    ],
    ["specific: another feeds nothing", SpecificPartitionsPartitionMapping(["eu"]), regions, countries, ["us"], []],
    [
      "multi feeds its date",
      defaultMapping(byDayAndRegion, daily),
      byDayAndRegion,
      daily,
      ["2026-03-02|eu"],
      ["2026-03-02"],
    ],
    [
      "a day feeds every region of it",
      defaultMapping(daily, byDayAndRegion),
      daily,
      byDayAndRegion,
      ["2026-03-02"],
      ["2026-03-02|eu", "2026-03-02|us", "2026-03-02|apac"],
    ],
    ["an unpartitioned downstream has no partitions", AllPartitionMapping(), daily, undefined, ["2026-03-02"], []],
  ])("%s", (_name, mapping, upstream, downstream, upstreamKeys, expected) => {
    expect(downstreamPartitions(mapping, upstream, downstream, upstreamKeys, context)).toEqual(expected);
  });

  // The planner and staleness must agree: every upstream partition a downstream partition reads feeds it back.
  it.each<[string, PartitionMappingData, PartitionsDefinitionData, PartitionsDefinitionData]>([
    ["yesterday", yesterday, daily, daily],
    ["a three-day window", TimeWindowPartitionMapping({ startOffset: -2 }), daily, daily],
    ["days to months", defaultMapping(daily, monthly), daily, monthly],
    ["months to days", defaultMapping(monthly, daily), monthly, daily],
    ["weeks to days", defaultMapping(weekly, daily), weekly, daily],
    ["hours to Paris days", TimeWindowPartitionMapping({ startOffset: -1 }), parisHourly, parisDaily],
    ["static", StaticPartitionMapping({ eu: ["fr", "de"], us: "us" }), regions, countries],
    ["multi to single", defaultMapping(byDayAndRegion, daily), byDayAndRegion, daily],
  ])("reads and feeds agree: %s", (_name, mapping, upstream, downstream) => {
    for (const key of partitionKeys(downstream, context)) {
      for (const read of upstreamPartitions(mapping, upstream, downstream, [key], context).keys)
        expect(downstreamPartitions(mapping, upstream, downstream, [read], context)).toContain(key);
    }
  });
});

describe("mappingProblem (the analyzer's diagnostic and the runtime's error)", () => {
  it.each<[string, PartitionMappingData, Definition, Definition, string | undefined]>([
    ["a fitting mapping", yesterday, daily, daily, undefined],
    [
      "a window mapping on static partitions",
      yesterday,
      regions,
      daily,
      "a TimeWindowPartitionMapping needs time-window partitions on both sides, not between static partitions upstream and daily partitions downstream: use another mapping (StaticPartitionMapping, AllPartitionMapping…)",
    ],
    [
      "two time zones",
      defaultMapping(daily, parisDaily),
      daily,
      parisDaily,
      "a TimeWindowPartitionMapping needs one time zone on both sides, but the upstream's is UTC and the downstream's Europe/Paris",
    ],
    [
      "days at 06:00 in months at midnight, where one month is promised",
      defaultMapping(monthly, sixAm),
      monthly,
      sixAm,
      "daily windows at 06:00 do not each lie in one monthly window at 00:00 on day 1, so a partition would read two: give both the same offsets",
    ],
    ["days at 06:00 read as a map by a month: fine", defaultMapping(sixAm, monthly), sixAm, monthly, undefined],
    [
      "identity between days and months",
      IdentityPartitionMapping(),
      daily,
      monthly,
      "an IdentityPartitionMapping maps keys to equal keys, but between daily partitions upstream and monthly partitions downstream write different keys: use TimeWindowPartitionMapping (the default between time windows)",
    ],
    [
      "identity from static to days (the default)",
      defaultMapping(regions, daily),
      regions,
      daily,
      "partition keys do not map key to key between static partitions upstream and daily partitions downstream: choose a partition mapping (TimeWindowPartitionMapping, StaticPartitionMapping, AllPartitionMapping…)",
    ],
    [
      "identity to static keys the upstream lacks",
      IdentityPartitionMapping(),
      regions,
      countries,
      'the downstream\'s partitions "fr", "de" have no upstream partition of the same key: list them upstream too, or map them with a StaticPartitionMapping',
    ],
    ["identity between static and dynamic keys", IdentityPartitionMapping(), regions, customers, undefined],
    [
      "a multi definition with no dimension like the other side",
      defaultMapping(byDayAndRegion, countries),
      byDayAndRegion,
      countries,
      "no dimension of the multi partitions equals the other side's (between multi partitions (date × region) upstream and static partitions downstream): give them a shared definition, or use MultiToSingleDimensionPartitionMapping({ partitionDimensionName })",
    ],
    [
      "a dimension that does not exist",
      MultiToSingleDimensionPartitionMapping({ partitionDimensionName: "day" }),
      byDayAndRegion,
      daily,
      'a MultiToSingleDimensionPartitionMapping names the dimension "day", but the multi partitions have "date", "region"',
    ],
    [
      "a dimension of another kind",
      MultiToSingleDimensionPartitionMapping({ partitionDimensionName: "region" }),
      byDayAndRegion,
      daily,
      'the dimension "region" has static partitions, the other side daily partitions: their keys do not match',
    ],
    [
      "static keys the upstream does not list",
      StaticPartitionMapping({ africa: "fr" }),
      regions,
      countries,
      'a StaticPartitionMapping maps "africa", which the upstream does not list',
    ],
    [
      "static keys the downstream does not list",
      StaticPartitionMapping({ eu: "es" }),
      regions,
      countries,
      'a StaticPartitionMapping maps to "es", which the downstream does not list',
    ],
    [
      "specific keys the upstream does not list",
      SpecificPartitionsPartitionMapping(["eu", "mars"]),
      regions,
      daily,
      'a SpecificPartitionsPartitionMapping names "mars", which the upstream\'s static partitions do not list',
    ],
    [
      "a mapping on an unpartitioned upstream",
      yesterday,
      undefined,
      daily,
      "a TimeWindowPartitionMapping maps partitions, but the upstream is not partitioned: remove the partitionMapping",
    ],
    [
      "identity to an unpartitioned downstream",
      IdentityPartitionMapping(),
      daily,
      undefined,
      "an IdentityPartitionMapping needs a partitioned downstream, but it is not partitioned (it reads every upstream partition by default): remove the partitionMapping, or use AllPartitionMapping, LastPartitionMapping or SpecificPartitionsPartitionMapping",
    ],
    ["last to an unpartitioned downstream", LastPartitionMapping(), daily, undefined, undefined],
  ])("%s", (_name, mapping, upstream, downstream, expected) => {
    expect(mappingProblem(mapping, upstream, downstream)).toBe(expected);
  });

  it("is what upstreamPartitions throws", () => {
    expect(() => upstreamPartitions(yesterday, regions, daily, ["2026-03-01"], context)).toThrow(
      "a TimeWindowPartitionMapping needs time-window partitions on both sides",
    );
  });
});
