import { describe, expect, it } from "vitest";
import type { AssetStatus, CheckEvaluation, CheckStatus, FreshnessStatus } from "../../../sdk/src/protocol";
import {
  checksSummary,
  checkTitle,
  formatDuration,
  freshnessSummary,
  stateTitle,
  timeAgo,
} from "../../../sdk/src/status/describe";

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

const evaluation = (more: Partial<CheckEvaluation>): CheckEvaluation => ({
  checkKey: "orders:unique_order_id",
  asset: "orders",
  name: "unique_order_id",
  runId: "r1",
  timestamp: now - 2 * 60_000,
  passed: true,
  severity: "error",
  blocking: false,
  metadata: {},
  durationMs: 3,
  ...more,
});
const duplicates = { passed: false, description: "3 duplicate order_id values" };
const checkOf = (state: CheckStatus["state"], more: Partial<CheckStatus> = {}): CheckStatus => ({
  key: "orders:unique_order_id",
  name: "unique_order_id",
  blocking: false,
  last:
    state === "never"
      ? null
      : evaluation(state === "passed" ? {} : { ...duplicates, severity: state === "warning" ? "warn" : "error" }),
  state,
  outdated: false,
  ...more,
});

describe("checks in words", () => {
  // [states of an asset's checks, summary]
  it.each<[CheckStatus["state"][], string | undefined]>([
    [["passed", "passed", "passed"], "✓ 3 checks"],
    [["passed"], "✓ 1 check"],
    [["passed", "failed", "passed"], "✖ 1 of 3 checks failed"],
    [["warning", "failed", "warning"], "✖ 1 of 3 checks failed"],
    [["failed", "failed"], "✖ 2 checks failed"],
    [["passed", "warning", "passed"], "⚠ 1 of 3 checks warned"],
    [["passed", "never", "passed"], "✓ 2 of 3 checks passed"],
    [["never", "never"], "○ 2 checks never run"],
    [[], undefined],
  ])("%j: %s", (states, summary) => {
    expect(checksSummary(states.map((state) => checkOf(state)))).toBe(summary);
  });

  // [case, check, its title]
  it.each<[string, CheckStatus, string]>([
    ["passed", checkOf("passed"), "✓ passed 2 min ago"],
    ["failed", checkOf("failed"), "✖ failed: 3 duplicate order_id values"],
    ["warned", checkOf("warning"), "⚠ warned: 3 duplicate order_id values"],
    ["never run", checkOf("never"), "○ never run"],
    ["failed without a description", checkOf("failed", { last: evaluation({ passed: false }) }), "✖ failed"],
    [
      "threw, without a description",
      checkOf("failed", { last: evaluation({ passed: false, error: { message: "orders is not an array" } }) }),
      "✖ failed: orders is not an array",
    ],
    [
      "partitions failed, though the newest passed",
      checkOf("failed", { last: evaluation({}), failedPartitions: ["eu", "us"] }),
      "✖ failed in 2 partitions",
    ],
    [
      "one partition warned",
      checkOf("warning", { last: evaluation({}), failedPartitions: ["eu"] }),
      "⚠ warned in 1 partition",
    ],
  ])("%s", (_, check, title) => {
    expect(checkTitle(check, now)).toBe(title);
  });
});

describe("freshness in words", () => {
  const policy = { maximumLag: "24h", maximumLagMs: 86_400_000 };
  // [state (none: no policy), overdue by, summary]
  it.each<[FreshnessStatus["state"] | undefined, number | undefined, string | undefined]>([
    ["overdue", 3 * 3_600_000, "⏰ overdue by 3 h"],
    ["overdue", 50 * 60_000, "⏰ overdue by 50 min"],
    ["overdue", 2 * 86_400_000, "⏰ overdue by 2 d"],
    ["fresh", undefined, undefined],
    ["unknown", undefined, undefined],
    [undefined, undefined, undefined],
  ])("%s by %s ms: %s", (state, overdueByMs, summary) => {
    const freshness = state && { policy, state, ...(overdueByMs !== undefined && { overdueByMs }), reason: "" };
    expect(freshnessSummary(freshness)).toBe(summary);
  });
});
