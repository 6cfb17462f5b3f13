/**
 * Time-window partitions: the exact keys and windows a user sees, against Dagster's rules (first tick at or after
 * the start, last complete window shifted by endOffset, wall-clock days and real-time hours across DST).
 */
import { describe, expect, it } from "vitest";
import {
  DailyPartitionsDefinition,
  HourlyPartitionsDefinition,
  MonthlyPartitionsDefinition,
  TimeWindowPartitionsDefinition,
  WeeklyPartitionsDefinition,
} from "assetline";
import { partitionCount, partitionKeys, timeWindowOf } from "../../../sdk/src/partitions";
import type { TimeWindowPartitions } from "../../../sdk/src/protocol/partitions";

const at = (iso: string) => ({ now: new Date(iso), dynamicKeys: () => [] });
const window = (definition: TimeWindowPartitions, key: string) => {
  const { start, end } = timeWindowOf(definition, key);
  return { start: start.toISOString(), end: end.toISOString(), hours: (end.getTime() - start.getTime()) / 3_600_000 };
};

describe("daily partitions", () => {
  const march = DailyPartitionsDefinition({ startDate: "2026-03-01" });
  it.each([
    [
      "complete days only, before noon of the fifth",
      march,
      "2026-03-05T12:00:00Z",
      ["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04"],
    ],
    ["a day ending exactly now is complete", march, "2026-03-04T00:00:00Z", ["2026-03-01", "2026-03-02", "2026-03-03"]],
    ["nothing before the first day ends", march, "2026-03-01T23:59:59Z", []],
    [
      "endOffset 1 adds the day in progress",
      DailyPartitionsDefinition({ startDate: "2026-03-01", endOffset: 1 }),
      "2026-03-03T12:00:00Z",
      ["2026-03-01", "2026-03-02", "2026-03-03"],
    ],
    [
      "endOffset 2 adds tomorrow too",
      DailyPartitionsDefinition({ startDate: "2026-03-01", endOffset: 2 }),
      "2026-03-02T12:00:00Z",
      ["2026-03-01", "2026-03-02", "2026-03-03"],
    ],
    [
      "endOffset 1 before the start gives the first day",
      DailyPartitionsDefinition({ startDate: "2026-03-01", endOffset: 1 }),
      "2026-02-20T00:00:00Z",
      ["2026-03-01"],
    ],
    [
      "endOffset -1 drops the last complete day",
      DailyPartitionsDefinition({ startDate: "2026-03-01", endOffset: -1 }),
      "2026-03-04T12:00:00Z",
      ["2026-03-01", "2026-03-02"],
    ],
    [
      "endDate is exclusive",
      DailyPartitionsDefinition({ startDate: "2026-03-01", endDate: "2026-03-04" }),
      "2027-01-01T00:00:00Z",
      ["2026-03-01", "2026-03-02", "2026-03-03"],
    ],
    [
      "endOffset never passes endDate",
      DailyPartitionsDefinition({ startDate: "2026-03-01", endDate: "2026-03-03", endOffset: 5 }),
      "2026-03-02T12:00:00Z",
      ["2026-03-01", "2026-03-02"],
    ],
    [
      "a negative endOffset counts back from endDate",
      DailyPartitionsDefinition({ startDate: "2026-03-01", endDate: "2026-03-04", endOffset: -1 }),
      "2027-01-01T00:00:00Z",
      ["2026-03-01", "2026-03-02"],
    ],
    [
      "a leap year has Feb 29",
      DailyPartitionsDefinition({ startDate: "2024-02-27" }),
      "2024-03-02T00:00:00Z",
      ["2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01"],
    ],
    [
      "other years do not",
      DailyPartitionsDefinition({ startDate: "2026-02-27" }),
      "2026-03-02T00:00:00Z",
      ["2026-02-27", "2026-02-28", "2026-03-01"],
    ],
    [
      "a start after the hour offset begins the next day",
      DailyPartitionsDefinition({ startDate: "2026-03-01-08:00", fmt: "yyyy-MM-dd-HH:mm", hourOffset: 6 }),
      "2026-03-04T12:00:00Z",
      ["2026-03-02-06:00", "2026-03-03-06:00"],
    ],
    [
      "a custom fmt writes keys and reads the start",
      DailyPartitionsDefinition({ startDate: "20260301", fmt: "yyyyMMdd" }),
      "2026-03-03T00:00:00Z",
      ["20260301", "20260302"],
    ],
    [
      "a custom fmt accepts an ISO start too",
      DailyPartitionsDefinition({ startDate: "2026-03-01", fmt: "yyyyMMdd" }),
      "2026-03-03T00:00:00Z",
      ["20260301", "20260302"],
    ],
    [
      "Luxon tokens beyond the usual ones",
      DailyPartitionsDefinition({ startDate: "2026-03-01", fmt: "yyyy/MM/dd EEE" }),
      "2026-03-03T00:00:00Z",
      ["2026/03/01 Sun", "2026/03/02 Mon"],
    ],
    [
      "days end at local midnight in the definition's zone",
      DailyPartitionsDefinition({ startDate: "2026-03-01", timezone: "Asia/Tokyo" }),
      "2026-03-02T15:00:00Z",
      ["2026-03-01", "2026-03-02"],
    ],
  ])("%s", (_name, definition, now, expected) => {
    expect(partitionKeys(definition, at(now))).toEqual(expected);
    expect(partitionCount(definition, at(now))).toBe(expected.length);
  });

  it("counts three years of days", () => {
    const years = DailyPartitionsDefinition({ startDate: "2023-01-01", endDate: "2026-01-01" });
    const keys = partitionKeys(years, at("2030-01-01T00:00:00Z"));
    expect(keys).toHaveLength(1096);
    expect([keys[0], keys[424], keys[1095]]).toEqual(["2023-01-01", "2024-02-29", "2025-12-31"]);
  });

  it.each([
    [
      "a UTC day",
      march,
      "2026-03-02",
      { start: "2026-03-02T00:00:00.000Z", end: "2026-03-03T00:00:00.000Z", hours: 24 },
    ],
    [
      "Paris, spring forward: 23 hours",
      DailyPartitionsDefinition({ startDate: "2026-03-01", timezone: "Europe/Paris" }),
      "2026-03-29",
      { start: "2026-03-28T23:00:00.000Z", end: "2026-03-29T22:00:00.000Z", hours: 23 },
    ],
    [
      "Paris, fall back: 25 hours",
      DailyPartitionsDefinition({ startDate: "2026-03-01", timezone: "Europe/Paris" }),
      "2026-10-25",
      { start: "2026-10-24T22:00:00.000Z", end: "2026-10-25T23:00:00.000Z", hours: 25 },
    ],
    [
      "New York, spring forward: 23 hours",
      DailyPartitionsDefinition({ startDate: "2026-03-01", timezone: "America/New_York" }),
      "2026-03-08",
      { start: "2026-03-08T05:00:00.000Z", end: "2026-03-09T04:00:00.000Z", hours: 23 },
    ],
    [
      "New York, fall back: 25 hours",
      DailyPartitionsDefinition({ startDate: "2026-03-01", timezone: "America/New_York" }),
      "2026-11-01",
      { start: "2026-11-01T04:00:00.000Z", end: "2026-11-02T05:00:00.000Z", hours: 25 },
    ],
    [
      "a 02:00 tick on the skipped hour falls at 03:00 (Dagster's schedules)",
      DailyPartitionsDefinition({ startDate: "2026-03-01", timezone: "America/New_York", hourOffset: 2 }),
      "2026-03-07",
      { start: "2026-03-07T07:00:00.000Z", end: "2026-03-08T07:00:00.000Z", hours: 24 },
    ],
    [
      "a 01:30 tick on the repeated hour falls on the second 01:30 (Dagster's schedules)",
      DailyPartitionsDefinition({
        startDate: "2026-03-01",
        timezone: "America/New_York",
        hourOffset: 1,
        minuteOffset: 30,
      }),
      "2026-10-31",
      { start: "2026-10-31T05:30:00.000Z", end: "2026-11-01T06:30:00.000Z", hours: 25 },
    ],
    [
      "a window outside the range still has its dates",
      march,
      "2025-12-31",
      { start: "2025-12-31T00:00:00.000Z", end: "2026-01-01T00:00:00.000Z", hours: 24 },
    ],
  ])("window of %s", (_name, definition, key, expected) => {
    expect(window(definition, key)).toEqual(expected);
  });

  it.each([
    ["a key not in fmt", "2026-3-1"],
    ["a date that does not exist", "2026-02-29"],
    ["a time the format does not write", "2026-03-01-00:00"],
  ])("refuses %s, naming it and the format", (_name, key) => {
    expect(() => timeWindowOf(march, key)).toThrow(
      `"${key}" is not a partition key of these daily partitions: write a window's start in "yyyy-MM-dd", like "2026-03-01".`,
    );
  });
});

describe("hourly partitions", () => {
  it.each([
    [
      "UTC hours",
      HourlyPartitionsDefinition({ startDate: "2026-03-01-00:00" }),
      "2026-03-01T03:10:00Z",
      ["2026-03-01-00:00", "2026-03-01-01:00", "2026-03-01-02:00"],
    ],
    [
      "a date-only start is midnight",
      HourlyPartitionsDefinition({ startDate: "2026-03-01" }),
      "2026-03-01T02:00:00Z",
      ["2026-03-01-00:00", "2026-03-01-01:00"],
    ],
    [
      "minuteOffset shifts every hour",
      HourlyPartitionsDefinition({ startDate: "2026-03-01-00:00", minuteOffset: 30 }),
      "2026-03-01T02:40:00Z",
      ["2026-03-01-00:30", "2026-03-01-01:30"],
    ],
    [
      "New York spring forward skips 02:00",
      HourlyPartitionsDefinition({ startDate: "2026-03-08-00:00", timezone: "America/New_York" }),
      "2026-03-08T09:00:00Z",
      ["2026-03-08-00:00", "2026-03-08-01:00", "2026-03-08-03:00", "2026-03-08-04:00"],
    ],
    [
      "New York fall back repeats 01:00, the second with its offset",
      HourlyPartitionsDefinition({ startDate: "2026-11-01-00:00", timezone: "America/New_York" }),
      "2026-11-01T09:00:00Z",
      ["2026-11-01-00:00", "2026-11-01-01:00", "2026-11-01-01:00-0500", "2026-11-01-02:00", "2026-11-01-03:00"],
    ],
    [
      "Paris spring forward skips 02:00",
      HourlyPartitionsDefinition({ startDate: "2026-03-29-00:00", timezone: "Europe/Paris" }),
      "2026-03-29T03:00:00Z",
      ["2026-03-29-00:00", "2026-03-29-01:00", "2026-03-29-03:00", "2026-03-29-04:00"],
    ],
    [
      "Paris fall back repeats 02:00",
      HourlyPartitionsDefinition({ startDate: "2026-10-25-00:00", timezone: "Europe/Paris" }),
      "2026-10-25T03:00:00Z",
      ["2026-10-25-00:00", "2026-10-25-01:00", "2026-10-25-02:00", "2026-10-25-02:00+0100", "2026-10-25-03:00"],
    ],
    [
      "a format with the offset needs no suffix",
      HourlyPartitionsDefinition({
        startDate: "2026-11-01-01:00-04:00",
        timezone: "America/New_York",
        fmt: "yyyy-MM-dd-HH:mmZZ",
      }),
      "2026-11-01T07:00:00Z",
      ["2026-11-01-01:00-04:00", "2026-11-01-01:00-05:00"],
    ],
  ])("%s", (_name, definition, now, expected) => {
    expect(partitionKeys(definition, at(now))).toEqual(expected);
  });

  it.each([
    ["the first 01:00 of a fall back", "2026-11-01-01:00", "2026-11-01T05:00:00.000Z"],
    ["the second, written with its offset", "2026-11-01-01:00-0500", "2026-11-01T06:00:00.000Z"],
    ["the hour after the skipped one", "2026-03-08-03:00", "2026-03-08T07:00:00.000Z"],
  ])("places %s", (_name, key, start) => {
    const definition = HourlyPartitionsDefinition({ startDate: "2026-03-01-00:00", timezone: "America/New_York" });
    expect(window(definition, key)).toEqual({
      start,
      end: new Date(Date.parse(start) + 3_600_000).toISOString(),
      hours: 1,
    });
  });

  it("has no partition for the skipped hour", () => {
    const definition = HourlyPartitionsDefinition({ startDate: "2026-03-01-00:00", timezone: "America/New_York" });
    expect(() => timeWindowOf(definition, "2026-03-08-02:00")).toThrow(/is not a partition key/);
  });
});

describe("weekly partitions", () => {
  it.each([
    [
      "start on the Sunday at or after startDate (Dagster's example)",
      WeeklyPartitionsDefinition({ startDate: "2022-03-12" }),
      "2022-04-05T00:00:00Z",
      ["2022-03-13", "2022-03-20", "2022-03-27"],
    ],
    [
      "dayOffset 1: Mondays",
      WeeklyPartitionsDefinition({ startDate: "2026-03-01", dayOffset: 1 }),
      "2026-03-17T00:00:00Z",
      ["2026-03-02", "2026-03-09"],
    ],
    [
      "dayOffset 6 at 03:15 (Dagster's example)",
      WeeklyPartitionsDefinition({
        startDate: "2022-03-12",
        dayOffset: 6,
        hourOffset: 3,
        minuteOffset: 15,
        fmt: "yyyy-MM-dd-HH:mm",
      }),
      "2022-03-26T03:15:00Z",
      ["2022-03-12-03:15", "2022-03-19-03:15"],
    ],
    [
      "a start on the weekday itself is the first week",
      WeeklyPartitionsDefinition({ startDate: "2026-03-04", dayOffset: 3 }),
      "2026-03-18T00:00:00Z",
      ["2026-03-04", "2026-03-11"],
    ],
    [
      "across a year end",
      WeeklyPartitionsDefinition({ startDate: "2026-12-20" }),
      "2027-01-10T00:00:00Z",
      ["2026-12-20", "2026-12-27", "2027-01-03"],
    ],
  ])("%s", (_name, definition, now, expected) => {
    expect(partitionKeys(definition, at(now))).toEqual(expected);
  });

  it("a week in Paris spanning the spring forward lasts 167 hours", () => {
    const definition = WeeklyPartitionsDefinition({ startDate: "2026-03-01", timezone: "Europe/Paris" });
    expect(window(definition, "2026-03-22").hours).toBe(168);
    expect(window(definition, "2026-03-29")).toEqual({
      start: "2026-03-28T23:00:00.000Z",
      end: "2026-04-04T22:00:00.000Z",
      hours: 167,
    });
  });

  it("refuses a day that starts no week", () => {
    const definition = WeeklyPartitionsDefinition({ startDate: "2026-03-01" });
    expect(() => timeWindowOf(definition, "2026-03-02")).toThrow(/is not a partition key of these weekly partitions/);
  });
});

describe("monthly partitions", () => {
  it.each([
    [
      "start on the first of the month at or after startDate (Dagster's example)",
      MonthlyPartitionsDefinition({ startDate: "2022-03-12" }),
      "2022-07-01T00:00:00Z",
      ["2022-04-01", "2022-05-01", "2022-06-01"],
    ],
    [
      "dayOffset 5 (Dagster's example)",
      MonthlyPartitionsDefinition({ startDate: "2022-03-12", dayOffset: 5 }),
      "2022-07-05T00:00:00Z",
      ["2022-04-05", "2022-05-05", "2022-06-05"],
    ],
    [
      "dayOffset 28 keeps every month, February too",
      MonthlyPartitionsDefinition({ startDate: "2026-01-01", dayOffset: 28 }),
      "2026-04-28T00:00:00Z",
      ["2026-01-28", "2026-02-28", "2026-03-28"],
    ],
    [
      "across a year end",
      MonthlyPartitionsDefinition({ startDate: "2026-11-01" }),
      "2027-02-01T00:00:00Z",
      ["2026-11-01", "2026-12-01", "2027-01-01"],
    ],
    [
      "a start on the last of January begins in February",
      MonthlyPartitionsDefinition({ startDate: "2026-01-31" }),
      "2026-04-01T00:00:00Z",
      ["2026-02-01", "2026-03-01"],
    ],
  ])("%s", (_name, definition, now, expected) => {
    expect(partitionKeys(definition, at(now))).toEqual(expected);
  });

  it.each([
    [
      "February of a leap year",
      MonthlyPartitionsDefinition({ startDate: "2024-01-01" }),
      "2024-02-01",
      { start: "2024-02-01T00:00:00.000Z", end: "2024-03-01T00:00:00.000Z", hours: 29 * 24 },
    ],
    [
      "February of another year",
      MonthlyPartitionsDefinition({ startDate: "2026-01-01" }),
      "2026-02-01",
      { start: "2026-02-01T00:00:00.000Z", end: "2026-03-01T00:00:00.000Z", hours: 28 * 24 },
    ],
    [
      "a 31-day month",
      MonthlyPartitionsDefinition({ startDate: "2026-01-01" }),
      "2026-01-01",
      { start: "2026-01-01T00:00:00.000Z", end: "2026-02-01T00:00:00.000Z", hours: 31 * 24 },
    ],
    [
      "mid-month windows over the year end",
      MonthlyPartitionsDefinition({ startDate: "2026-01-01", dayOffset: 15 }),
      "2026-12-15",
      { start: "2026-12-15T00:00:00.000Z", end: "2027-01-15T00:00:00.000Z", hours: 31 * 24 },
    ],
    [
      "March in Paris loses the spring-forward hour",
      MonthlyPartitionsDefinition({ startDate: "2026-01-01", timezone: "Europe/Paris" }),
      "2026-03-01",
      { start: "2026-02-28T23:00:00.000Z", end: "2026-03-31T22:00:00.000Z", hours: 31 * 24 - 1 },
    ],
  ])("window of %s", (_name, definition, key, expected) => {
    expect(window(definition, key)).toEqual(expected);
  });
});

describe("TimeWindowPartitionsDefinition", () => {
  it("is the general definition the others fill in", () => {
    expect(
      TimeWindowPartitionsDefinition({ granularity: "daily", start: "2026-03-01", timezone: "Europe/Paris" }),
    ).toEqual(DailyPartitionsDefinition({ startDate: "2026-03-01", timezone: "Europe/Paris" }));
  });
});
