import { describe, expect, it } from "vitest";
import type { AssetStatus } from "../../../sdk/src/protocol";
import { formatDuration, stateTitle, timeAgo } from "../../../sdk/src/status/describe";

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
    expect(
      stateTitle({ key: "orders", state: "never", reasons: ["never materialized"], lastMaterialization: null }, now),
    ).toBe("○ never materialized");
    expect(
      stateTitle(
        {
          key: "orders",
          state: "fresh",
          reasons: [],
          lastMaterialization: materialization({ row_count: { type: "int", value: 1200 } }),
        },
        now,
      ),
    ).toBe("● fresh · 2 min ago · 1,200 rows");
    expect(
      stateTitle({ key: "orders", state: "fresh", reasons: [], lastMaterialization: materialization({}) }, now),
    ).toBe("● fresh · 2 min ago");
    expect(
      stateTitle(
        {
          key: "orders",
          state: "stale",
          reasons: ["upstream customers changed", "code changed"],
          lastMaterialization: materialization({}),
        },
        now,
      ),
    ).toBe("◐ stale: upstream customers changed");
    expect(
      stateTitle(
        {
          key: "orders",
          state: "failed",
          reasons: [],
          lastMaterialization: null,
          lastFailure: { runId: "r2", timestamp: now - 3 * 60_000, error: "boom" },
        },
        now,
      ),
    ).toBe("✖ failed 3 min ago");
  });

  it("cuts a long stale reason for a lens, which must leave its actions on screen, and says an external is unknown", () => {
    const reason = "upstream warehouse/orders_audit_with_a_long_name materialized 3 min after this one";
    const stale = { key: "orders", state: "stale" as const, reasons: [reason], lastMaterialization: null };
    const short = stateTitle(stale, now, 40);
    expect(short).toBe("◐ stale: upstream warehouse/orders_audit_with_a_…");
    expect(short.length).toBeLessThanOrEqual("◐ stale: ".length + 40);
    expect(stateTitle(stale, now)).toBe(`◐ stale: ${reason}`);
    expect(stateTitle({ key: "warehouse/orders", state: "unknown", reasons: [], lastMaterialization: null }, now)).toBe(
      "◌ external: state unknown",
    );
  });

  it("says how long ago in the largest unit that fits", () => {
    expect(
      [10_000, 5 * 60_000, 3 * 3_600_000, 26 * 3_600_000, 72 * 3_600_000].map((ago) => timeAgo(now - ago, now)),
    ).toEqual(["just now", "5 min ago", "3 h ago", "1 day ago", "3 days ago"]);
  });
});

describe("durations", () => {
  it("read the same in the CLI, the hover, the tooltip and the run picker: precise when short, in units when long", () => {
    expect([0.04, 3.46, 840.4, 4_230, 59_960, 192_000, 7_500_000].map(formatDuration)).toEqual([
      "0 ms",
      "3.5 ms",
      "840 ms",
      "4.2 s",
      "1 min 0 s",
      "3 min 12 s",
      "2 h 5 min",
    ]);
  });

  it("never prints a negative or unknown time as a number", () => {
    expect(formatDuration(-5)).toBe("–");
    expect(formatDuration(Number.NaN)).toBe("–");
  });
});
