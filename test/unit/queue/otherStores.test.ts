/**
 * Two stores on one database: Graphile Worker tells every queue of the database about any migration, and stops at a
 * "breaking" one. A worker of one store goes on when another store's queue is created beside it.
 */
import { afterEach, describe, expect, it } from "vitest";
import { enqueueRun } from "../../../sdk/src/queue/enqueueRun";
import { type QueueWorker, startWorker } from "../../../sdk/src/queue/startWorker";
import { useQueue } from "./queueFixture";

const workers: QueueWorker[] = [];
afterEach(async () => {
  for (const worker of workers.splice(0)) await worker.stop();
});

describe("a worker beside another store's queue", () => {
  const fresh = useQueue();

  it("takes work again after the other queue's migrations, and runs the whole run", async () => {
    const ours = await fresh();
    const ran: string[] = [];
    const lines: string[] = [];
    const worker = await startWorker({
      location: ours.location,
      leaseMs: 2_000,
      log: (line) => lines.push(line),
      execute: async (step) => {
        ran.push(step.stepId);
      },
    });
    workers.push(worker);
    await fresh(); // Another store's queue, migrated while our worker listens.
    await ours.tx((tx) =>
      enqueueRun(tx, {
        runId: "r",
        steps: [
          { id: "a", upstream: [], maxAttempts: 1 },
          { id: "b", upstream: ["a"], maxAttempts: 1 },
        ],
      }),
    );
    const deadline = Date.now() + 60_000;
    let status: string | null = null;
    while (status === null && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const { rows } = await ours.pool.query("SELECT finished_status FROM queued_runs WHERE run_id = 'r'");
      status = rows[0].finished_status;
    }
    expect(status).toBe("success");
    expect(ran).toEqual(["a", "b"]);
    expect(lines).toContain(
      "assetline worker: Graphile Worker stopped taking jobs (a migration in this database); starting it again",
    );
    expect(process.exitCode).toBeUndefined();
  });
});
