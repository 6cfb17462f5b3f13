/** `assetline workers` on a shared store: a live worker with its running step, then stopped; a SQLite store refused. */
import { describe, expect, it } from "vitest";
import { WorkersOutputSchema } from "../../../sdk/src/protocol";
import { enqueueRun } from "../../../sdk/src/queue/enqueueRun";
import { startWorker } from "../../../sdk/src/queue/startWorker";
import { machineOutput } from "../run/workspace";
import { useSharedStore } from "./sharedStore";

const { queue, cli } = useSharedStore();

describe("assetline workers", () => {
  it("lists a live worker with the step it runs, then the same worker stopped", async () => {
    const { url, tx } = await queue();
    let release!: () => void;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const worker = await startWorker({
      location: url,
      concurrency: 2,
      execute: () => {
        started();
        return new Promise<void>((resolve) => (release = resolve));
      },
      log: () => {},
    });
    try {
      await tx((t) =>
        enqueueRun(t, {
          runId: "run-workers-1",
          concurrency: 4,
          steps: [{ id: "orders", upstream: [], maxAttempts: 1 }],
        }),
      );
      await running;
      const live = await cli(["workers", "--json", "--store", url]);
      expect(live.stderr).toBe("");
      const [listed] = machineOutput(WorkersOutputSchema, live.stdout).workers;
      expect(listed).toMatchObject({
        id: worker.id,
        pid: process.pid,
        queues: ["default"],
        concurrency: 2,
        state: "live",
        steps: [{ runId: "run-workers-1", stepId: "orders", attempt: 1 }],
      });
      const text = await cli(["workers", "--store", url]);
      expect(text.stdout).toMatch(new RegExp(`:${process.pid} +beat .* ago +default +1/2 +run-work.* orders`));
    } finally {
      release?.();
      await worker.stop();
    }
    const after = machineOutput(WorkersOutputSchema, (await cli(["workers", "--json", "--store", url])).stdout);
    expect(after.workers.map((w) => [w.id, w.state, w.steps.length])).toEqual([[worker.id, "stopped", 0]]);
  });

  it("on a SQLite store is one line naming --store, exit 2", async () => {
    const result = await cli(["workers"]);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/^assetline workers: .*SQLite store: pass --store postgres:\/\//);
  });
});
