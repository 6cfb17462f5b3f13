import type { RunEvent } from "assetline/protocol";
import { describe, expect, it } from "vitest";
import { logLines } from "../../../client/src/run/logLines";
import {
  initialProgress,
  progressMessage,
  progressPercent,
  reduceRunProgress,
} from "../../../client/src/run/runProgress";

const runId = "r1";
const plan = [
  { id: "s1", assets: ["orders_raw"], dependsOn: [] },
  { id: "s2", assets: ["customers"], dependsOn: [] },
  { id: "s3", assets: ["enriched_orders"], dependsOn: ["s1", "s2"] },
  { id: "s4", assets: ["revenue_by_segment"], dependsOn: ["s3"] },
];
const error = { message: "boom", stack: "Error: boom\n    at orders.ts:12:3" };

function fold(events: RunEvent[]) {
  return events.reduce(reduceRunProgress, initialProgress);
}

describe("run progress", () => {
  it("names the step started last and its place in the plan", () => {
    const state = fold([
      { type: "run_started", runId, selection: "+key:revenue_by_segment", plan, timestamp: 0 },
      { type: "step_started", runId, stepId: "s1", assets: ["orders_raw"], attempt: 0, timestamp: 1 },
      { type: "step_started", runId, stepId: "s2", assets: ["customers"], attempt: 0, timestamp: 1 },
      { type: "step_succeeded", runId, stepId: "s1", assets: ["orders_raw"], durationMs: 5, timestamp: 2 },
      { type: "step_succeeded", runId, stepId: "s2", assets: ["customers"], durationMs: 5, timestamp: 2 },
      { type: "step_started", runId, stepId: "s3", assets: ["enriched_orders"], attempt: 0, timestamp: 3 },
    ]);
    expect(progressMessage(state)).toBe("enriched_orders (3/4)");
    expect(progressPercent(state)).toBe(50);
  });

  it("counts a retried step once", () => {
    const state = fold([
      { type: "run_started", runId, selection: "key:orders_raw", plan: plan.slice(0, 1), timestamp: 0 },
      { type: "step_started", runId, stepId: "s1", assets: ["orders_raw"], attempt: 0, timestamp: 1 },
      {
        type: "step_retrying",
        runId,
        stepId: "s1",
        assets: ["orders_raw"],
        attempt: 1,
        delayMs: 10,
        error,
        timestamp: 2,
      },
      { type: "step_started", runId, stepId: "s1", assets: ["orders_raw"], attempt: 1, timestamp: 3 },
    ]);
    expect(progressMessage(state)).toBe("orders_raw (1/1)");
  });

  it("keeps each failure with its assets and error, and ends with the run's status", () => {
    const state = fold([
      { type: "run_started", runId, selection: "*", plan, timestamp: 0 },
      { type: "step_started", runId, stepId: "s1", assets: ["orders_raw"], attempt: 0, timestamp: 1 },
      { type: "step_failed", runId, stepId: "s1", assets: ["orders_raw"], error, timestamp: 2 },
      {
        type: "step_skipped",
        runId,
        stepId: "s3",
        assets: ["enriched_orders"],
        reason: "upstream orders_raw failed",
        timestamp: 2,
      },
      {
        type: "run_finished",
        runId,
        status: "failed",
        durationMs: 9,
        succeeded: 0,
        failed: 1,
        skipped: 1,
        timestamp: 3,
      },
    ]);
    expect(state.failures).toEqual([{ stepId: "s1", assets: ["orders_raw"], error }]);
    expect(state.status).toBe("failed");
    expect(progressMessage(state)).toBe("failed (2/4)");
  });
});

describe("output channel lines", () => {
  it("prefixes a log line with the asset of its step, every line of it", () => {
    const lines = logLines(
      { type: "log", runId, stepId: "s4", level: "info", message: "segments:\n3 rows", timestamp: 0 },
      { s4: ["revenue_by_segment"] },
    );
    expect(lines).toEqual(["[revenue_by_segment] info: segments:", "[revenue_by_segment] 3 rows"]);
  });

  it("shows a failure with its stack under the asset's name", () => {
    const lines = logLines(
      { type: "step_failed", runId, stepId: "s1", assets: ["orders_raw"], error, timestamp: 0 },
      {},
    );
    expect(lines).toEqual(["[orders_raw] failed: Error: boom", "[orders_raw]     at orders.ts:12:3"]);
  });

  it("names a check step by its checks, as it materializes no asset", () => {
    const step = { runId, stepId: "c1", assets: [], checks: ["orders:unique_order_id"], timestamp: 0 };
    expect(logLines({ type: "step_started", ...step, attempt: 0 }, {})).toEqual([
      "[check orders:unique_order_id] started",
    ]);
    expect(logLines({ type: "step_skipped", ...step, reason: "orders has no materialization to check" }, {})).toEqual([
      "[check orders:unique_order_id] skipped: orders has no materialization to check",
    ]);
  });

  it("summarizes the finished run", () => {
    const [line] = logLines(
      {
        type: "run_finished",
        runId,
        status: "success",
        durationMs: 1500,
        succeeded: 4,
        failed: 0,
        skipped: 0,
        timestamp: 0,
      },
      {},
    );
    expect(line).toBe("Run r1 success in 1.5 s: 4 succeeded, 0 failed, 0 skipped");
  });
});
