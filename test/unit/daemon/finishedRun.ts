/** Writes what a finished run leaves in a store, for the sensor tests that read it back. */
import type { Store } from "../../../sdk/src/store/store";

/** One run of `selection` that materializes `keys` and ends with `status` at `endedAt`. */
export async function recordFinishedRun(
  store: Store,
  id: string,
  selection: string,
  keys: string[],
  status: "success" | "failed",
  endedAt: number,
): Promise<void> {
  await store.startRun({ id, selection, origin: "cli", startedAt: endedAt - 10 });
  for (const key of keys) {
    const materialization = { key, runId: id, timestamp: endedAt - 1, durationMs: 1, metadata: {} };
    await store.record({
      type: "materialization",
      runId: id,
      stepId: key,
      timestamp: endedAt - 1,
      materialization: { ...materialization, codeVersion: "c", dataVersion: id, upstreamDataVersions: {} },
    });
  }
  await store.record({
    type: "run_finished",
    runId: id,
    status,
    durationMs: 10,
    succeeded: keys.length,
    failed: status === "failed" ? 1 : 0,
    skipped: 0,
    timestamp: endedAt,
  });
  await store.flush();
}
