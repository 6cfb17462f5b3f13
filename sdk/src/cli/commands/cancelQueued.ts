/**
 * `assetline cancel` of a queued run: `cancelRun` in the shared store's transaction (its NOTIFY reaches every worker
 * running one of its steps once it commits), with the skipped steps' events, and the run's end when no step was
 * running, recorded in that same commit.
 */
import type { PlannedStep, RunEvent } from "../../protocol";
import { cancelRun } from "../../queue/cancelRun";
import { hasQueue } from "../../queue/hasQueue";
import { sharedStore } from "../../store/openStore";

/** Undefined when the run is not a queued one that runs (a local run, or one cancelling or ended already). */
export async function cancelQueuedRun(runId: string): Promise<{ running: boolean } | undefined> {
  const location = sharedStore();
  if (!location) return undefined;
  const { openPostgresStore } = await import("../../store/postgres/pgStore");
  const store = await openPostgresStore(location);
  try {
    const events = await store.events(runId);
    const started = events.find((event) => event.type === "run_started");
    const plan = new Map<string, PlannedStep>(
      started?.type === "run_started" ? started.plan.map((s) => [s.id, s]) : [],
    );
    return await store.transaction(async (tx) => {
      if (!(await hasQueue(tx.client))) return undefined;
      const cancelled = await cancelRun(tx, runId);
      if (!cancelled) return undefined;
      const now = Date.now();
      const ended: RunEvent[] = cancelled.skipped.map(({ stepId, reason }) => ({
        type: "step_skipped",
        runId,
        stepId,
        assets: plan.get(stepId)?.assets ?? [],
        reason,
        timestamp: now,
      }));
      const { finished } = cancelled;
      if (finished)
        ended.push({
          type: "run_finished",
          runId,
          ...finished,
          durationMs: now - (started?.timestamp ?? now),
          timestamp: now,
        });
      await tx.record(ended);
      return { running: !finished };
    });
  } finally {
    await store.close();
  }
}
