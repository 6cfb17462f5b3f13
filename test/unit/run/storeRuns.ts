/** Recording runs straight into a store, for the store's own tests. */
import type { CheckEvaluation, Materialization, RunEvent } from "assetline/protocol";
import { openStore } from "../../../sdk/src/store/openStore";

/** The event a step sends for one materialization; a partitioned one's step is `key[partition]`. */
export const materialized = (m: Materialization): RunEvent => ({
  type: "materialization",
  runId: m.runId,
  stepId: m.partition ? `${m.key}[${m.partition}]` : m.key,
  materialization: m,
  timestamp: m.timestamp,
});

/** The event a check step sends for one evaluation (the store keeps the step id only in the event). */
export const evaluated = (evaluation: CheckEvaluation): RunEvent => ({
  type: "check_evaluated",
  runId: evaluation.runId,
  stepId: `check:${evaluation.checkKey}${evaluation.partition ? `[${evaluation.partition}]` : ""}`,
  evaluation,
  timestamp: evaluation.timestamp,
});

/** A run's last event, with no step counts. */
export const finished = (runId: string, status: "success" | "failed" | "cancelled", timestamp = 99): RunEvent => ({
  type: "run_finished",
  runId,
  status,
  durationMs: 1,
  succeeded: 0,
  failed: 0,
  skipped: 0,
  timestamp,
});

/** Opens the store at `location`, starts run `runId`, records its events in order and closes the store. */
export async function recordRun(location: string, runId: string, events: RunEvent[]): Promise<void> {
  const store = await openStore(location);
  await store.startRun({ id: runId, selection: "*", origin: "cli", startedAt: 1 });
  for (const event of events) await store.record(event);
  await store.close();
}
