import { describe, expect, it } from "vitest";
import type { RunEvent } from "assetline/protocol";
import { createProgressPrinter } from "../../../sdk/src/cli/commands/runProgress";

describe("materialize's human output", () => {
  it("counts rows in the summary table under the same metadata names as `status` (dagster/row_count too)", () => {
    let text = "";
    const print = createProgressPrinter((chunk) => (text += chunk));
    const runId = "r1";
    const events: RunEvent[] = [
      {
        type: "run_started",
        runId,
        selection: "*",
        plan: [{ id: "report", assets: ["report"], dependsOn: [] }],
        timestamp: 0,
      },
      { type: "step_started", runId, stepId: "report", assets: ["report"], attempt: 0, timestamp: 1 },
      {
        type: "materialization",
        runId,
        stepId: "report",
        timestamp: 2,
        materialization: {
          key: "report",
          runId,
          timestamp: 2,
          durationMs: 1,
          codeVersion: "c",
          dataVersion: "d",
          upstreamDataVersions: {},
          metadata: { "dagster/row_count": { type: "int", value: 1234 } },
        },
      },
      { type: "step_succeeded", runId, stepId: "report", assets: ["report"], durationMs: 1, timestamp: 3 },
      {
        type: "run_finished",
        runId,
        status: "success",
        durationMs: 3,
        succeeded: 1,
        failed: 0,
        skipped: 0,
        timestamp: 4,
      },
    ];
    for (const event of events) print(event);
    expect(text).toMatch(/^report\s+success\s+1 ms\s+1234$/m);
  });
});
