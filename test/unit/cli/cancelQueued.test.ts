/** `assetline cancel` of a queued run: cancelling, its running step aborted on its worker, the rest skipped. */
import { describe, expect, it } from "vitest";
import type { RunEvent } from "../../../sdk/src/protocol";
import { enqueueRun } from "../../../sdk/src/queue/enqueueRun";
import { startWorker } from "../../../sdk/src/queue/startWorker";
import { openStore } from "../../../sdk/src/store/openStore";
import type { QueueFixture } from "../queue/queueFixture";
import { useSharedStore } from "./sharedStore";

const { queue, cli } = useSharedStore();

/** A queued run of `orders` then `revenue`, recorded as `materialize --executor queue` records it. */
async function queuedRun(fixture: QueueFixture, runId: string): Promise<void> {
  const store = await openStore(fixture.url);
  await store.startRun({ id: runId, selection: "*", origin: "cli", startedAt: Date.now() });
  const plan = [
    { id: "orders", assets: ["orders"], dependsOn: [] },
    { id: "revenue", assets: ["revenue"], dependsOn: ["orders"] },
  ];
  await store.record({ type: "run_started", runId, selection: "*", plan, timestamp: Date.now() } as RunEvent);
  await store.close();
  await fixture.tx((tx) =>
    enqueueRun(tx, {
      runId,
      steps: plan.map((step) => ({ id: step.id, upstream: step.dependsOn, maxAttempts: 1 })),
    }),
  );
}

async function runState(fixture: QueueFixture, runId: string) {
  const { rows } = await fixture.pool.query<{ status: string }>("SELECT status FROM queued_runs WHERE run_id = $1", [
    runId,
  ]);
  const steps = await fixture.pool.query<{ step_id: string; status: string }>(
    "SELECT step_id, status FROM run_steps WHERE run_id = $1 ORDER BY step_id",
    [runId],
  );
  return { run: rows[0]?.status, steps: Object.fromEntries(steps.rows.map((row) => [row.step_id, row.status])) };
}

describe("cancel of a queued run", () => {
  it("sets it cancelling, skips its waiting steps and aborts its running one on its worker", async () => {
    const fixture = await queue();
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    let aborted!: () => void;
    const abort = new Promise<void>((resolve) => (aborted = resolve));
    const worker = await startWorker({
      location: fixture.url,
      log: () => {},
      execute: (_step, signal) =>
        new Promise<void>((_resolve, reject) => {
          signal.addEventListener("abort", () => {
            aborted();
            reject(new Error("aborted"));
          });
          started();
        }),
    });
    try {
      await queuedRun(fixture, "queued-1");
      await running;
      const result = await cli(["cancel", "queued-1", "--store", fixture.url]);
      expect(result.stderr).toBe("");
      expect(result.stdout).toMatch(/^Cancelling queued run queued-1: its workers stop its running steps/);
      expect(await runState(fixture, "queued-1")).toEqual({
        run: "cancelling",
        steps: { orders: "running", revenue: "skipped" },
      });
      // The NOTIFY reaches the worker, which aborts the step.
      await abort;
    } finally {
      await worker.stop();
    }
    expect(await runState(fixture, "queued-1")).toMatchObject({ run: "finished" });
  });

  it("with no step running, ends the run cancelled in the same commit", async () => {
    const fixture = await queue();
    await queuedRun(fixture, "queued-2");
    const result = await cli(["cancel", "queued-2", "--store", fixture.url]);
    expect(result.stdout).toMatch(/^Cancelled queued run queued-2/);
    const store = await openStore(fixture.url);
    try {
      expect((await store.run("queued-2"))?.status).toBe("cancelled");
      const skipped = (await store.events("queued-2")).filter((event) => event.type === "step_skipped");
      expect(skipped.map((event) => [event.stepId, event.assets])).toEqual([
        ["orders", ["orders"]],
        ["revenue", ["revenue"]],
      ]);
    } finally {
      await store.close();
    }
  });

  it("of a local run keeps today's answer", async () => {
    const fixture = await queue();
    const store = await openStore(fixture.url);
    await store.startRun({ id: "local-1", selection: "*", origin: "cli", startedAt: Date.now() });
    await store.close();
    const result = await cli(["cancel", "local-1", "--store", fixture.url]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/was not started by a daemon of this store/);
  });
});
