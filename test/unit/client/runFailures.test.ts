import type { CheckEvaluation, RunEvent, SourceLocation } from "assetline/protocol";
import { describe, expect, it } from "vitest";
import { RunFailures } from "../../../client/src/run/runFailures";

const at = (line: number): { location: SourceLocation } => ({
  location: {
    file: "/ws/src/orders.ts",
    range: { start: { line, character: 0 }, end: { line: line + 3, character: 2 } },
  },
});
const assets: Record<string, { location: SourceLocation }> = {
  customers: at(1),
  enriched_orders: at(10),
  revenue_by_segment: at(40),
};
const checks: Record<string, { location: SourceLocation }> = {
  "customers:no_premium": at(20),
  "customers:has_id": at(30),
};
const step = { runId: "r1", timestamp: 0 };

function evaluated(checkKey: string, passed: boolean, blocking = true, stepId = "s-check"): RunEvent {
  const [asset = "", name = ""] = checkKey.split(":");
  const evaluation: CheckEvaluation = {
    checkKey,
    asset,
    name,
    runId: "r1",
    timestamp: 0,
    passed,
    severity: "error",
    blocking,
    metadata: {},
    durationMs: 1,
  };
  return { type: "check_evaluated", runId: "r1", stepId, evaluation, timestamp: 0 };
}
const checkStepFailed: RunEvent = {
  type: "step_failed",
  ...step,
  stepId: "s-check",
  assets: [],
  checks: ["customers:has_id", "customers:no_premium"],
  error: { message: "check no_premium on customers failed" },
};
const blockedSkip = (key: string, reason: string): RunEvent => ({
  type: "step_skipped",
  ...step,
  stepId: `s-${key}`,
  assets: [key],
  reason,
});

/** Each change as `record <kind> <key>: <message>` or `clear <id>`, in the order the run's events made them. */
function changesOf(events: RunEvent[]): string[] {
  const failures = new RunFailures({ asset: (key) => assets[key], check: (key) => checks[key] });
  return events.flatMap((event) => {
    const { record, clear } = failures.changes(event);
    return [
      ...clear.map((id) => `clear ${id}`),
      ...record.map((failure) => `record ${failure.severity} ${failure.key}: ${failure.message}`),
    ];
  });
}

describe("failure diagnostics from a run's events", () => {
  it.each([
    {
      what: "a failing blocking check marks itself with the step's error, not the step's other check that passed",
      events: [evaluated("customers:has_id", true), evaluated("customers:no_premium", false), checkStepFailed],
      expected: [
        "clear customers:has_id",
        "clear customers:no_premium",
        "record error customers:no_premium: in run r1: check no_premium on customers failed",
      ],
    },
    {
      what: "an asset blocked by the check gets a warning with the runner's reason; one skipped further down does not",
      events: [
        blockedSkip("enriched_orders", "blocked by check no_premium on customers"),
        blockedSkip("revenue_by_segment", "upstream enriched_orders was skipped"),
      ],
      expected: [
        "record warning enriched_orders: not materialized in run r1: blocked by check no_premium on customers",
      ],
    },
    {
      what: "a materialization clears its asset's failure",
      events: [
        {
          type: "materialization",
          runId: "r1",
          stepId: "s-customers",
          timestamp: 0,
          materialization: {
            key: "customers",
            runId: "r1",
            timestamp: 0,
            durationMs: 1,
            metadata: {},
            codeVersion: "v1",
            dataVersion: "d1",
            upstreamDataVersions: {},
          },
        } satisfies RunEvent,
      ],
      expected: ["clear customers"],
    },
    {
      what: "a failed non-blocking check fails no step, so it marks nothing",
      events: [evaluated("customers:no_premium", false, false)],
      expected: ["clear customers:no_premium"],
    },
    {
      what: "a blocked asset or a check the graph no longer has marks nothing",
      events: [
        blockedSkip("gone", "blocked by check no_premium on customers"),
        evaluated("customers:renamed", false, true, "s-renamed"),
        { ...checkStepFailed, stepId: "s-renamed" },
      ],
      expected: ["clear customers:renamed"],
    },
  ])("$what", ({ events, expected }) => {
    expect(changesOf(events)).toEqual(expected);
  });

  it("marks a partition's blocking failure on its own, and clears only that partition on its next evaluation", () => {
    const partitioned = (passed: boolean): RunEvent => {
      const event = evaluated("customers:no_premium", passed);
      return event.type === "check_evaluated"
        ? { ...event, evaluation: { ...event.evaluation, partition: "2026-03-01" } }
        : event;
    };
    const failures = new RunFailures({ asset: (key) => assets[key], check: (key) => checks[key] });
    failures.changes(partitioned(false));
    const [recorded] = failures.changes({ ...checkStepFailed, partitions: ["2026-03-01"] }).record;
    expect(recorded?.partition).toBe("2026-03-01");
    expect(failures.changes(partitioned(true)).clear).toEqual(["customers:no_premium[2026-03-01]"]);
  });
});
