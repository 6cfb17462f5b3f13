import { describe, expect, it } from "vitest";
import type { AssetStatus } from "../../../sdk/src/protocol";
import { stateTitle, timeAgo } from "../../../sdk/src/status/describe";

const now = Date.UTC(2026, 10, 25, 12, 0, 0);
const materialization = (metadata: NonNullable<AssetStatus["lastMaterialization"]>["metadata"]) => ({
  key: "orders",
  runId: "r1",
  timestamp: now - 2 * 60_000,
  durationMs: 5,
  metadata,
  codeVersion: "c",
  dataVersion: "d",
  upstreamDataVersions: {},
});

describe("the state lens", () => {
  it("reads like the design: never, fresh with age and rows, stale with its first reason, failed with age", () => {
    expect(stateTitle({ key: "orders", state: "never", reasons: ["never materialized"], lastMaterialization: null }, now)).toBe("○ never materialized");
    expect(stateTitle({ key: "orders", state: "fresh", reasons: [], lastMaterialization: materialization({ row_count: { type: "int", value: 1200 } }) }, now)).toBe(
      "● fresh · 2 min ago · 1,200 rows",
    );
    expect(stateTitle({ key: "orders", state: "fresh", reasons: [], lastMaterialization: materialization({}) }, now)).toBe("● fresh · 2 min ago");
    expect(
      stateTitle({ key: "orders", state: "stale", reasons: ["upstream customers changed", "code changed"], lastMaterialization: materialization({}) }, now),
    ).toBe("◐ stale: upstream customers changed");
    expect(
      stateTitle({ key: "orders", state: "failed", reasons: [], lastMaterialization: null, lastFailure: { runId: "r2", timestamp: now - 3 * 60_000, error: "boom" } }, now),
    ).toBe("✖ failed 3 min ago");
  });

  it("says how long ago in the largest unit that fits", () => {
    expect([10_000, 5 * 60_000, 3 * 3_600_000, 26 * 3_600_000, 72 * 3_600_000].map((ago) => timeAgo(now - ago, now))).toEqual([
      "just now",
      "5 min ago",
      "3 h ago",
      "1 day ago",
      "3 days ago",
    ]);
  });
});
