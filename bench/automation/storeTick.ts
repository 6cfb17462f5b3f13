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
import { openStore } from "../../sdk/src/store/openStore";
import { medians, type Timing, timedAsync } from "./timing";

const NOTHING_STARTING = new Map<string, Set<string>>();

function materializationOf(key: string, runId: string, timestamp: number): Materialization {
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

export interface StoreTickTimings {
  /** Median wall and CPU ms of a tick that sees a tenth of the first layer updated, and of a quiet one after it. */
  cascade: Timing;
  quiet: Timing;
  requested: number;
}

export async function storeTickTimings(
  graph: AutomationGraph,
  conditions: Record<string, Condition>,
  start: number,
  runs: number,
): Promise<StoreTickTimings> {
  const dir = mkdtempSync(join(tmpdir(), "assetline-bench-automation-"));
  const store = await openStore(join(dir, ".assetline"));
  try {
    const record = async (runId: string, keys: string[], at: number) => {
      await store.startRun({ id: runId, selection: "*", origin: "cli", startedAt: at });
      for (const key of keys) {
        const materialization = materializationOf(key, runId, at);
        await store.record({ type: "materialization", runId, stepId: key, materialization, timestamp: at });
      }
      const counts = { succeeded: keys.length, failed: 0, skipped: 0 };
      await store.record({ type: "run_finished", runId, status: "success", durationMs: 1, ...counts, timestamp: at });
      await store.flush();
    };
    await record(
      "all",
      graph.nodes.map((node) => node.key),
      start - 3_600_000,
    );
    const tickGraph = {
      ...graph,
      nodes: graph.nodes.map((node) => ({ ...node, codeVersion: "v1", automationCondition: conditions[node.key] })),
    };
    const settled = (await evaluateAndRecord(tickGraph, store, NOTHING_STARTING, undefined, start))!.state;
    const firstLayerTenth = graph.nodes.filter((node, i) => node.key.startsWith("a0_") && i % 10 === 0);
    await record(
      "some",
      firstLayerTenth.map((node) => node.key),
      start + 60_000,
    );
    const cascade: Timing[] = [];
    const quiet: Timing[] = [];
    let requested = 0;
    for (let i = 0; i < runs; i++) {
      let after: AutomationState | undefined;
      cascade.push(
        await timedAsync(async () => {
          const evaluation = (await evaluateAndRecord(tickGraph, store, NOTHING_STARTING, settled, start + 120_000))!;
          requested = evaluation.results.filter((result) => result.willRun).length;
          after = evaluation.state;
        }),
      );
      quiet.push(await timedAsync(() => evaluateAndRecord(tickGraph, store, NOTHING_STARTING, after, start + 180_000)));
    }
    return { cascade: medians(cascade), quiet: medians(quiet), requested };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
