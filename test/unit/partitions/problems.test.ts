/**
 * definitionProblem: the words the analyzer shows on a partitions definition written as data (it never runs the
 * constructors) and the runtime throws when it loads one; and the window of a multi key's time dimension.
 */
import { describe, expect, it } from "vitest";
import { DailyPartitionsDefinition, MultiPartitionsDefinition, StaticPartitionsDefinition } from "assetline";
import { definitionProblem, partitionTimeWindow } from "../../../sdk/src/partitions";
import type { PartitionsDefinitionData, TimeWindowPartitions } from "../../../sdk/src/protocol/partitions";

const daily: TimeWindowPartitions = DailyPartitionsDefinition({ startDate: "2026-03-01" });
const hourly: TimeWindowPartitions = { ...daily, granularity: "hourly", fmt: "yyyy-MM-dd-HH:mm" };
const regions: PartitionsDefinitionData = { type: "static", keys: ["eu", "us"] };

describe("definitionProblem", () => {
  it.each<[string, PartitionsDefinitionData, string | undefined]>([
    ["a right daily definition", daily, undefined],
    ["an hourly definition starting on a date", hourly, undefined],
    [
      "a month that does not exist",
      { ...daily, start: "2026-13-01" },
      'startDate "2026-13-01" is not a date in the format "yyyy-MM-dd" (like "2026-03-01")',
    ],
    [
      "Feb 29 of a common year",
      { ...daily, start: "2026-02-29" },
      'startDate "2026-02-29" is not a date in the format "yyyy-MM-dd" (like "2026-03-01")',
    ],
    [
      "an end that does not parse",
      { ...daily, end: "soon" },
      'endDate "soon" is not a date in the format "yyyy-MM-dd" (like "2026-03-01")',
    ],
    [
      "an end before the start",
      { ...daily, end: "2026-02-01" },
      'endDate "2026-02-01" is not after startDate "2026-03-01"',
    ],
    [
      "an unknown time zone",
      { ...daily, timezone: "Mars/Olympus" },
      'timezone "Mars/Olympus" is not an IANA time zone: use one like "Europe/Paris" or "UTC"',
    ],
    [
      "a daily format without the day",
      { ...daily, fmt: "yyyy-MM", start: "2026-03" },
      'fmt "yyyy-MM" does not tell daily windows apart ("2026-03" names more than one): include every field down to the day (dd)',
    ],
    [
      "an hourly format without the hour",
      { ...hourly, fmt: "yyyy-MM-dd" },
      'fmt "yyyy-MM-dd" does not tell hourly windows apart ("2026-03-01" names more than one): include every field down to the hour (HH) and minute (mm)',
    ],
    [
      "a format writing commas",
      { ...daily, fmt: "MMM d, yyyy", start: "Mar 1, 2026" },
      'fmt "MMM d, yyyy" writes keys selections cannot name: the key "Mar 1, 2026" contains ",", which partition selections use (a|b joins dimensions, a,b lists, a...b is a range): rename it',
    ],
    ["a repeated static key", { type: "static", keys: ["eu", "eu"] }, 'the key "eu" is listed twice: keep one'],
    [
      "a static key with |",
      { type: "static", keys: ["a|b"] },
      'the key "a|b" contains "|", which partition selections use (a|b joins dimensions, a,b lists, a...b is a range): rename it',
    ],
    [
      "a dynamic name with a slash",
      { type: "dynamic", name: "a/b" },
      '`name` "a/b" is invalid: use letters, digits, "_" and "-" (it names the keys in `assetline partitions add NAME KEY…`)',
    ],
    [
      "a multi definition with one dimension",
      { type: "multi", dimensions: [{ name: "date", definition: daily }] },
      "multi partitions need exactly two dimensions (got 1)",
    ],
    [
      "a multi definition with a bad dimension",
      {
        type: "multi",
        dimensions: [
          { name: "date", definition: { ...daily, start: "x" } },
          { name: "region", definition: regions },
        ],
      },
      'dimension "date": startDate "x" is not a date in the format "yyyy-MM-dd" (like "2026-03-01")',
    ],
  ])("%s", (_name, definition, expected) => {
    expect(definitionProblem(definition)).toBe(expected);
  });
});

describe("partitionTimeWindow", () => {
  const day = DailyPartitionsDefinition({ startDate: "2026-03-01", timezone: "Europe/Paris" });
  const zones = StaticPartitionsDefinition(["eu", "us"]);
  it.each<[string, PartitionsDefinitionData, string, { start: string; end: string } | undefined]>([
    ["a day", day, "2026-03-29", { start: "2026-03-28T23:00:00.000Z", end: "2026-03-29T22:00:00.000Z" }],
    [
      "a multi key's date",
      MultiPartitionsDefinition({ region: zones, date: day }),
      "2026-03-29|us",
      { start: "2026-03-28T23:00:00.000Z", end: "2026-03-29T22:00:00.000Z" },
    ],
    ["a static key has none", zones, "eu", undefined],
  ])("%s", (_name, definition, key, expected) => {
    const window = partitionTimeWindow(definition, key);
    expect(window && { start: window.start.toISOString(), end: window.end.toISOString() }).toEqual(expected);
  });
});
