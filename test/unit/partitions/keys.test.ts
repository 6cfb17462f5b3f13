/**
 * Keys of static, dynamic and multi partitions, lookups, ranges and the CLI's selections: what `--partition` and
 * `--partitions` accept and the errors a typo gets.
 */
import { describe, expect, it } from "vitest";
import {
  DailyPartitionsDefinition,
  DynamicPartitionsDefinition,
  MultiPartitionsDefinition,
  StaticPartitionsDefinition,
} from "assetline";
import {
  hasPartitionKey,
  keyRange,
  parsePartitionSelection,
  partitionCount,
  partitionIndex,
  partitionKeys,
} from "../../../sdk/src/partitions";
import type { PartitionsDefinitionData } from "../../../sdk/src/protocol/partitions";

const customersKeys: Record<string, string[]> = { customers: ["acme", "globex", "initech"] };
const context = {
  now: new Date("2026-03-04T12:00:00Z"),
  dynamicKeys: (name: string) => customersKeys[name] ?? [],
};
const daily = DailyPartitionsDefinition({ startDate: "2026-03-01" });
const regions = StaticPartitionsDefinition(["eu", "us", "apac"]);
const customers = DynamicPartitionsDefinition({ name: "customers" });
const unknownDynamic = DynamicPartitionsDefinition({ name: "tenants" });
const byDayAndRegion = MultiPartitionsDefinition({ region: regions, date: daily });

describe("partition keys", () => {
  it.each<[string, PartitionsDefinitionData, string[]]>([
    ["static keys in the order listed", regions, ["eu", "us", "apac"]],
    ["dynamic keys in the order added", customers, ["acme", "globex", "initech"]],
    ["no dynamic keys yet", unknownDynamic, []],
    [
      "multi keys joined with |, dimensions by name (date before region), the first outermost",
      byDayAndRegion,
      [
        "2026-03-01|eu",
        "2026-03-01|us",
        "2026-03-01|apac",
        "2026-03-02|eu",
        "2026-03-02|us",
        "2026-03-02|apac",
        "2026-03-03|eu",
        "2026-03-03|us",
        "2026-03-03|apac",
      ],
    ],
  ])("%s", (_name, definition, expected) => {
    expect(partitionKeys(definition, context)).toEqual(expected);
    expect(partitionCount(definition, context)).toBe(expected.length);
    expected.forEach((key, index) => expect(partitionIndex(definition, key, context)).toBe(index));
  });

  it("counts dynamic partitions as unknown where no store tells their keys (the analyzer)", () => {
    const analyzer = { now: context.now, dynamicKeys: () => undefined };
    expect(partitionCount(customers, analyzer)).toBeUndefined();
    expect(partitionCount(MultiPartitionsDefinition({ date: daily, customer: customers }), analyzer)).toBeUndefined();
    expect(partitionCount(regions, analyzer)).toBe(3);
  });

  it.each<[string, PartitionsDefinitionData, string, boolean]>([
    ["a listed static key", regions, "us", true],
    ["an unlisted static key", regions, "africa", false],
    ["an added dynamic key", customers, "globex", true],
    ["a day in range", daily, "2026-03-03", true],
    ["the day in progress (no endOffset)", daily, "2026-03-04", false],
    ["a day before the start", daily, "2026-02-28", false],
    ["a day in another format", daily, "03/01/2026", false],
    ["a multi key", byDayAndRegion, "2026-03-02|apac", true],
    ["a multi key with its dimensions swapped", byDayAndRegion, "apac|2026-03-02", false],
    ["a multi key missing a dimension", byDayAndRegion, "2026-03-02", false],
  ])("hasPartitionKey: %s", (_name, definition, key, expected) => {
    expect(hasPartitionKey(definition, key, context)).toBe(expected);
  });
});

describe("key ranges", () => {
  it.each<[string, PartitionsDefinitionData, string, string, string[]]>([
    ["days, inclusive", daily, "2026-03-01", "2026-03-03", ["2026-03-01", "2026-03-02", "2026-03-03"]],
    ["one day", daily, "2026-03-02", "2026-03-02", ["2026-03-02"]],
    ["static keys in their listed order", regions, "us", "apac", ["us", "apac"]],
    [
      "multi keys in the definition's order",
      byDayAndRegion,
      "2026-03-01|apac",
      "2026-03-02|us",
      ["2026-03-01|apac", "2026-03-02|eu", "2026-03-02|us"],
    ],
  ])("%s", (_name, definition, from, to, expected) => {
    expect(keyRange(definition, from, to, context)).toEqual(expected);
  });

  it.each<[string, PartitionsDefinitionData, string, string, string]>([
    [
      "a backwards range",
      daily,
      "2026-03-03",
      "2026-03-01",
      'the range 2026-03-03...2026-03-01 is backwards: "2026-03-01" comes before "2026-03-03".',
    ],
    [
      "a day past the last",
      daily,
      "2026-03-01",
      "2026-03-09",
      '"2026-03-09" is not a partition: the partitions are 2026-03-01, 2026-03-02, 2026-03-03.',
    ],
    ["an unknown static key", regions, "eu", "africa", '"africa" is not a partition: the partitions are eu, us, apac.'],
    [
      "a dynamic definition without keys",
      unknownDynamic,
      "a",
      "b",
      '"a" is not a partition: the dynamic partitions "tenants" have no keys yet (assetline partitions add tenants KEY…).',
    ],
  ])("refuses %s, naming the key", (_name, definition, from, to, message) => {
    expect(() => keyRange(definition, from, to, context)).toThrow(message);
  });

  it("describes a long definition by its first and last keys", () => {
    const long = DailyPartitionsDefinition({ startDate: "2025-01-01" });
    expect(() => keyRange(long, "2024-01-01", "2025-01-02", context)).toThrow(
      '"2024-01-01" is not a partition: the partitions run from 2025-01-01 to 2026-03-03 (427).',
    );
  });
});

describe("partition selections (--partition, --partitions)", () => {
  it.each<[string, PartitionsDefinitionData, string, string[]]>([
    ["one key", daily, "2026-03-02", ["2026-03-02"]],
    ["a range", daily, "2026-03-01...2026-03-03", ["2026-03-01", "2026-03-02", "2026-03-03"]],
    ["a list, in the definition's order", regions, "apac,eu", ["eu", "apac"]],
    ["spaces around items", regions, " us , eu ", ["eu", "us"]],
    [
      "ranges and keys together, each key once",
      daily,
      "2026-03-02...2026-03-03,2026-03-01,2026-03-02",
      ["2026-03-01", "2026-03-02", "2026-03-03"],
    ],
    [
      "multi keys (| is part of a key)",
      byDayAndRegion,
      "2026-03-01|eu,2026-03-03|us",
      ["2026-03-01|eu", "2026-03-03|us"],
    ],
  ])("%s", (_name, definition, text, expected) => {
    expect(parsePartitionSelection(definition, text, context)).toEqual(expected);
  });

  it.each<[string, PartitionsDefinitionData, string, string]>([
    ["an empty item", regions, "eu,,us", 'the partition selection "eu,,us" has an empty item'],
    [
      "a range of three",
      daily,
      "2026-03-01...2026-03-02...2026-03-03",
      '"2026-03-01...2026-03-02...2026-03-03" is not a range',
    ],
    ["an unknown key", regions, "eu,mars", '"mars" is not a partition: the partitions are eu, us, apac.'],
  ])("refuses %s", (_name, definition, text, message) => {
    expect(() => parsePartitionSelection(definition, text, context)).toThrow(message);
  });
});
