/** `assetline runs` and `logs` on a shared store: the worker (host:pid) of each step attempt, and the retried steps. */
import { hostname } from "node:os";
import { describe, expect, it } from "vitest";
import { RunEventSchema, RunsOutputSchema } from "../../../sdk/src/protocol";
import { enqueueRun } from "../../../sdk/src/queue/enqueueRun";
import { startWorker } from "../../../sdk/src/queue/startWorker";
import { openStore } from "../../../sdk/src/store/openStore";
import { machineOutput } from "../run/workspace";
import type { QueueFixture } from "../queue/queueFixture";
import { useSharedStore } from "./sharedStore";

const { queue, cli } = useSharedStore();

const RUN = "run-attempts-1";
const step = { runId: RUN, stepId: "orders", assets: ["orders"] };

/** A run whose one step fails its first attempt on a worker of this process and succeeds its second. */
async function retriedRun(url: string, tx: QueueFixture["tx"]): Promise<void> {
  const store = await openStore(url);
  await store.startRun({ id: RUN, selection: "orders", origin: "cli", startedAt: Date.now() });
  let secondDone!: () => void;
  const second = new Promise<void>((resolve) => (secondDone = resolve));
  const worker = await startWorker({
    location: url,
    log: () => {},
    execute: async (claimed) => {
      await store.record({ type: "step_started", ...step, attempt: claimed.attempt - 1, timestamp: Date.now() });
      if (claimed.attempt === 1) throw new Error("first attempt fails");
      secondDone();
    },
  });
  await tx((t) => enqueueRun(t, { runId: RUN, steps: [{ id: "orders", upstream: [], maxAttempts: 2 }] }));
  await second;
  // Stopping drains: the second attempt's completion has committed when it returns.
  await worker.stop();
  await store.record({
    type: "run_finished",
    runId: RUN,
    status: "success",
    durationMs: 5,
    succeeded: 1,
    failed: 0,
    skipped: 0,
    timestamp: Date.now(),
  });
  await store.close();
}

describe("runs and logs of a queued run", () => {
  it("name the worker of each attempt and the steps retried", async () => {
    const { url, tx } = await queue();
    await retriedRun(url, tx);
    const worker = `${hostname()}:${process.pid}`;

    const runs = machineOutput(RunsOutputSchema, (await cli(["runs", "--json", "--store", url])).stdout);
    expect(runs.runs).toMatchObject([{ id: RUN, workers: [worker], retriedSteps: ["orders"] }]);
    const table = await cli(["runs", "--store", url]);
    expect(table.stdout).toMatch(/workers/);
    expect(table.stdout).toContain(`${worker} (retried: orders)`);

    const json = await cli(["logs", RUN, "--json", "--store", url]);
    const started = json.stdout
      .trim()
      .split("\n")
      .map((line) => machineOutput(RunEventSchema, line))
      .filter((event) => event.type === "step_started");
    expect(started.map((event) => [event.attempt, event.worker])).toEqual([
      [0, worker],
      [1, worker],
    ]);
    const text = await cli(["logs", RUN, "--store", url]);
    expect(text.stdout).toContain(`orders: started on ${worker}`);
    expect(text.stdout).toContain(`orders: started (attempt 2) on ${worker}`);
  });

  it("leave a local run's output as it was", async () => {
    const { url } = await queue();
    const store = await openStore(url);
    await store.startRun({ id: "local-1", selection: "orders", origin: "cli", startedAt: Date.now() });
    await store.close();
    const runs = machineOutput(RunsOutputSchema, (await cli(["runs", "--json", "--store", url])).stdout);
    expect(runs.runs[0]).not.toHaveProperty("workers");
  });
});
