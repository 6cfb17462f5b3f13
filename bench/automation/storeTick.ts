/**
 * The daemon's tick on the benchmark's graph: facts read from a real SQLite store (every asset materialized, a tenth
 * of the first layer again since), evaluated with the previous state read from the store, the evaluation recorded.
 * `daemon/automationTicks.ts`'s `evaluateAndRecord`, the whole of a tick but starting the runs.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AutomationGraph, AutomationState, Condition } from "../../sdk/src/automation/evaluate";
import { evaluateAndRecord } from "../../sdk/src/daemon/automationTicks";
import type { Materialization } from "../../sdk/src/protocol";
import { openStore } from "../../sdk/src/store/sqliteStore";

const NOTHING_STARTING = new Map<string, Set<string>>();

function materialization(key: string, runId: string, timestamp: number): Materialization {
  return {
    key,
    runId,
    timestamp,
    durationMs: 1,
    metadata: { rows: { type: "int", value: 3 } },
    codeVersion: "v1",
    dataVersion: `${key}@${timestamp}`,
    upstreamDataVersions: {},
  };
}

/** Median wall ms of `runs` ticks that each see a tenth of the first layer updated, and of quiet ticks after them. */
export function storeTickTimings(
  graph: AutomationGraph,
  conditions: Record<string, Condition>,
  start: number,
  runs: number,
): { cascade: number; quiet: number; requested: number } {
  const dir = mkdtempSync(join(tmpdir(), "assetline-bench-automation-"));
  const store = openStore(join(dir, ".assetline"));
  try {
    const record = (runId: string, keys: string[], at: number) => {
      store.startRun({ id: runId, selection: "*", origin: "cli", startedAt: at });
      for (const key of keys)
        store.record({
          type: "materialization",
          runId,
          stepId: key,
          materialization: materialization(key, runId, at),
          timestamp: at,
        });
      store.record({
        type: "run_finished",
        runId,
        status: "success",
        durationMs: 1,
        succeeded: keys.length,
        failed: 0,
        skipped: 0,
        timestamp: at,
      });
      store.flush();
    };
    record(
      "all",
      graph.nodes.map((node) => node.key),
      start - 3_600_000,
    );
    const tickGraph = {
      ...graph,
      nodes: graph.nodes.map((node) => ({ ...node, codeVersion: "v1", automationCondition: conditions[node.key] })),
    };
    evaluateAndRecord(tickGraph, store, NOTHING_STARTING, start);
    const settled = store.automationState() as AutomationState;
    record(
      "some",
      graph.nodes.filter((node, i) => node.key.startsWith("a0_") && i % 10 === 0).map((node) => node.key),
      start + 60_000,
    );
    const cascade: number[] = [];
    const quiet: number[] = [];
    let requested = 0;
    for (let i = 0; i < runs; i++) {
      store.recordAutomationEvaluation({ evaluatedAt: settled.evaluatedAt, state: settled, results: [] });
      let began = performance.now();
      requested = evaluateAndRecord(tickGraph, store, NOTHING_STARTING, start + 120_000).filter(
        (r) => r.willRun,
      ).length;
      cascade.push(performance.now() - began);
      began = performance.now();
      evaluateAndRecord(tickGraph, store, NOTHING_STARTING, start + 180_000);
      quiet.push(performance.now() - began);
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    return { cascade: median(cascade), quiet: median(quiet), requested };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
