/**
 * A tick of a schedule over a partitioned target runs the partition whose window the tick closes (`partitions:
 * "latest"`); targets it cannot say one partition for run without one.
 */
import { describe, expect, it } from "vitest";
import { DailyPartitionsDefinition, HourlyPartitionsDefinition } from "assetline";
import { latestPartition } from "../../../sdk/src/daemon/tickPartition";
import type { AssetNode } from "../../../sdk/src/protocol/graph";

const daily = DailyPartitionsDefinition({ startDate: "2026-01-01" });
const hourly = HourlyPartitionsDefinition({ startDate: "2026-01-01-00:00" });
const node = (key: string, partitions?: AssetNode["partitions"]) =>
  ({ key, ...(partitions && { partitions }) }) as AssetNode;
const tick = Date.parse("2026-03-02T01:00:00Z");

describe("latestPartition", () => {
  it.each([
    { why: "the day the 01:00 tick closes", nodes: [node("orders", daily), node("report")], partition: "2026-03-01" },
    { why: "no partitioned asset", nodes: [node("report")], partition: undefined },
    { why: "static partitions", nodes: [node("orders", { type: "static", keys: ["a", "b"] })], partition: undefined },
    {
      why: "two definitions",
      nodes: [node("orders", daily), node("hourly", hourly)],
      partition: undefined,
    },
  ])("$why", ({ nodes, partition }) => {
    const keys = new Set(nodes.map((n) => n.key));
    expect(latestPartition({}, { nodes }, keys, tick)).toBe(partition);
  });

  it("leaves a `partitions` function's choice to user code", () => {
    expect(
      latestPartition({ partitions: "function" }, { nodes: [node("orders", daily)] }, new Set(["orders"]), tick),
    ).toBe(undefined);
  });

  it("runs no partition before the first window closes", () => {
    expect(
      latestPartition({}, { nodes: [node("orders", daily)] }, new Set(["orders"]), Date.parse("2026-01-01T12:00:00Z")),
    ).toBe(undefined);
  });
});
