/**
 * The evaluator's facts read from a real store: latest materialization per asset and partition, code versions from the
 * graph, what running runs (and runs still starting) plan, whether the latest attempt failed, dynamic partitions.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Materialization, RunEvent } from "assetline/protocol";
import { readAutomationFacts } from "../../../sdk/src/automation/facts";
import { openStore } from "../../../sdk/src/store/openStore";
import { finished, materialized } from "../run/storeRuns";

let dir = "";
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const materialization = (key: string, runId: string, timestamp: number, partition?: string): Materialization => ({
  key,
  ...(partition !== undefined && { partition }),
  runId,
  timestamp,
  durationMs: 1,
  metadata: {},
  codeVersion: "v1",
  dataVersion: `d${timestamp}`,
  upstreamDataVersions: {},
});
const failed = (runId: string, key: string, timestamp: number, partitions?: string[]): RunEvent => ({
  type: "step_failed",
  runId,
  stepId: key,
  assets: [key],
  ...(partitions && { partitions }),
  error: { message: "boom" },
  timestamp,
});

/** Every asset has a condition, so every partitioned one is in sight; daily's keys are the store's dynamic ones. */
const graph = {
  nodes: ["raw", "clean", "daily", "big", "report"].map((key) => ({
    key,
    codeVersion: `${key}-v1`,
    automationCondition: { type: "eager" },
    ...(key === "daily" && { partitions: { type: "dynamic" as const, name: "files" } }),
  })),
  edges: [],
};

describe("automation facts from the store", () => {
  it("answers what the evaluator asks, from runs finished, failed, running and starting", async () => {
    dir = mkdtempSync(join(tmpdir(), "assetline-facts-"));
    const store = await openStore(join(dir, ".assetline"));
    const run = async (id: string, events: RunEvent[]) => {
      await store.startRun({ id, selection: "*", origin: "cli", startedAt: 1 });
      for (const event of events) await store.record(event);
    };
    await run("r1", [
      materialized(materialization("raw", "r1", 100)),
      materialized(materialization("clean", "r1", 150)),
      materialized(materialization("daily", "r1", 110, "2026-03-01")),
      finished("r1", "success"),
    ]);
    await run("r2", [failed("r2", "clean", 200), failed("r2", "daily", 210, ["2026-03-02"]), finished("r2", "failed")]);
    await run("r3", [
      failed("r3", "raw", 50),
      materialized(materialization("raw", "r3", 300)),
      finished("r3", "success"),
    ]);
    // Still running: what it plans is in progress.
    await run("r4", [
      {
        type: "run_started",
        runId: "r4",
        selection: "*",
        plan: [
          { id: "big", assets: ["big"], dependsOn: [] },
          { id: "daily[2026-03-03]", assets: ["daily"], dependsOn: [], partitions: ["2026-03-03"] },
        ],
        timestamp: 400,
      },
    ]);
    await store.flush();
    await store.addDynamicPartitions("files", ["b.csv", "a.csv"]);
    const facts = await readAutomationFacts(graph, store, { starting: new Map([["report", new Set([""])]]) });

    const table: [string, unknown, unknown][] = [
      ["latestMaterialization raw", facts.latestMaterialization("raw", undefined), 300],
      ["latestMaterialization report (never)", facts.latestMaterialization("report", undefined), undefined],
      ["latestMaterialization daily 03-01", facts.latestMaterialization("daily", "2026-03-01"), 110],
      ["latestMaterialization daily 03-02", facts.latestMaterialization("daily", "2026-03-02"), undefined],
      ["codeVersion clean", facts.codeVersion("clean"), "clean-v1"],
      ["codeVersion gone", facts.codeVersion("gone"), undefined],
      ["inProgress big (running run)", facts.inProgress("big", undefined), true],
      ["inProgress daily 03-03 (running run)", facts.inProgress("daily", "2026-03-03"), true],
      ["inProgress daily 03-01", facts.inProgress("daily", "2026-03-01"), false],
      ["inProgress report (starting)", facts.inProgress("report", undefined), true],
      ["inProgress raw (finished)", facts.inProgress("raw", undefined), false],
      ["latestAttemptFailed clean (failed after)", facts.latestAttemptFailed("clean", undefined), true],
      ["latestAttemptFailed raw (succeeded after)", facts.latestAttemptFailed("raw", undefined), false],
      ["latestAttemptFailed daily 03-02", facts.latestAttemptFailed("daily", "2026-03-02"), true],
      ["latestAttemptFailed daily 03-01", facts.latestAttemptFailed("daily", "2026-03-01"), false],
      ["dynamicKeys files", facts.dynamicKeys("files"), ["b.csv", "a.csv"]],
      ["dynamicKeys none", facts.dynamicKeys("none"), []],
    ];
    expect(table.map(([what, actual]) => [what, actual])).toEqual(table.map(([what, , expected]) => [what, expected]));
    await store.close();
  });
});
