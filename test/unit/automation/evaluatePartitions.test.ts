/**
 * Partitioned assets: each partition is decided on its own, its upstreams read through the partition mapping, and
 * eager looks only at the latest time window.
 */
import { describe, expect, it } from "vitest";
import { DailyPartitionsDefinition, StaticPartitionsDefinition } from "assetline";
import type { PartitionsDefinitionData } from "../../../sdk/src/protocol/partitions";
import { eager, expectedAndActual, graphOf, runTicks } from "./evaluateFixtures";

const days = DailyPartitionsDefinition({ startDate: "2026-02-26" }) as PartitionsDefinitionData;
const regions = StaticPartitionsDefinition(["eu", "us"]) as PartitionsDefinitionData;

describe("evaluateAutomation on partitioned assets", () => {
  it("eager on a daily asset runs only the latest window, and waits for that day's upstream", () => {
    const graph = graphOf("raw->daily", { raw: days, daily: days });
    const { expected, actual } = expectedAndActual(graph, { daily: eager() }, [
      {
        at: "2026-03-02T10:00",
        materialize: ["raw@2026-02-26", "raw@2026-02-27", "raw@2026-02-28", "raw@2026-03-01"],
        expect: {
          "daily@2026-03-01": "will run: it is missing",
          "daily@2026-02-28": "not now: partition 2026-02-28 is not in the latest time window",
        },
      },
      {
        at: "2026-03-03T00:30",
        materialize: ["daily@2026-03-01"],
        expect: {
          "daily@2026-03-02": "waits: upstream raw partition 2026-03-02 is missing",
          "daily@2026-03-01": "not now: partition 2026-03-01 is not in the latest time window",
        },
      },
      {
        at: "2026-03-03T01:00",
        materialize: ["raw@2026-03-02"],
        expect: { "daily@2026-03-02": "will run: upstream raw partition 2026-03-02 was updated" },
      },
    ]);
    expect(actual).toEqual(expected);
  });

  it("requests exactly the partitions that will run, one result per partition", () => {
    const graph = graphOf("raw->daily", { raw: days, daily: days });
    const { states, reasons } = runTicks(graph, { daily: eager() }, [{ at: "2026-03-02T10:00", expect: {} }]);
    expect(states[0]!.assets.daily!.requested).toEqual([]);
    expect(Object.keys(reasons[0]!)).toEqual([
      "daily@2026-02-26",
      "daily@2026-02-27",
      "daily@2026-02-28",
      "daily@2026-03-01",
    ]);
    expect(reasons[0]!["daily@2026-03-01"]).toBe("waits: upstream raw partition 2026-03-01 is missing");
  });

  it("static partitions are all in the latest window; an unpartitioned upstream feeds each of them", () => {
    const graph = graphOf("lookup->sales", { sales: regions });
    const { expected, actual } = expectedAndActual(graph, { sales: eager() }, [
      {
        at: "2026-03-02T10:00",
        materialize: ["lookup", "sales@eu"],
        expect: { "sales@us": "will run: it is missing", "sales@eu": "not now: nothing changed yet" },
      },
      {
        at: "2026-03-02T10:05",
        materialize: ["lookup"],
        expect: {
          "sales@us": "not now: nothing changed since the last request",
          "sales@eu": "will run: upstream lookup was updated",
        },
      },
    ]);
    expect(actual).toEqual(expected);
  });
});
