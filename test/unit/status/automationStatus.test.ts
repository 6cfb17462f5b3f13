/**
 * Statuses carry each asset's latest automation evaluation as the daemon recorded it: the condition's label (Dagster's
 * composite or `custom`), the answer and reason, the run it started; a partitioned asset its newest partition's, with
 * how many partitions will run.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { AssetGraph } from "assetline/protocol";
import type { Condition } from "../../../sdk/src/protocol/automation";
import { statusesFromStore } from "../../../sdk/src/status/staleness";
import { openStore } from "../../../sdk/src/store/openStore";
import { node as asset } from "./statusFixtures";

let dir = "";
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const node = (key: string, automationCondition?: Condition) =>
  asset(key, { codeVersion: `v-${key}`, ...(automationCondition && { automationCondition }) });
const graph: AssetGraph = {
  nodes: [
    node("raw"),
    node("clean", { type: "missing", label: "eager" }),
    node("daily", { type: "missing", label: "on_cron" }),
    node("mine", { type: "missing", label: "my rule" }),
    node("never", { type: "missing" }),
  ],
  edges: [{ from: "raw", to: "clean", kind: "data" }],
  jobs: [],
};

describe("automation on statuses", () => {
  it("shows the latest answer with its label, run and partitions that will run", async () => {
    dir = mkdtempSync(join(tmpdir(), "assetline-automation-status-"));
    const store = await openStore(join(dir, ".assetline"));
    const missing = "will run: it is missing";
    await store.recordAutomationEvaluation({
      evaluatedAt: 5_000,
      state: { evaluatedAt: 5_000, assets: {} },
      results: [
        { key: "clean", willRun: true, reason: "will run: upstream raw was updated" },
        { key: "daily", partition: "2026-03-01", willRun: true, reason: missing },
        { key: "daily", partition: "2026-03-02", willRun: true, reason: missing },
        { key: "daily", partition: "2026-03-03", willRun: false, reason: "waits: upstream raw is missing" },
        { key: "mine", willRun: false, reason: "not now: it is not missing" },
      ],
    });
    await store.recordAutomationRun("run-1", 5_000, [{ key: "clean" }]);
    const automation = new Map(
      (await statusesFromStore(graph, store)).map((status) => [status.key, status.automation]),
    );
    expect(Object.fromEntries(automation)).toEqual({
      raw: undefined,
      clean: {
        label: "eager",
        evaluatedAt: 5_000,
        willRun: true,
        reason: "will run: upstream raw was updated",
        runId: "run-1",
      },
      daily: {
        label: "on_cron",
        evaluatedAt: 5_000,
        willRun: false,
        reason: "waits: upstream raw is missing",
        partitionsWillRun: 2,
      },
      mine: { label: "custom", evaluatedAt: 5_000, willRun: false, reason: "not now: it is not missing" },
      never: undefined,
    });
    await store.close();
  });
});
