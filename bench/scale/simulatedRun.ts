/**
 * A simulated large run, in this process: `enqueueRun` of a wide DAG in one transaction, then several clients claiming
 * and completing its steps as workers do (the same two transactions each), with no execution and no Graphile Worker
 * fetch: what the store's side of a step costs when the run is large and many claim at once.
 */
import { claimStep } from "../../sdk/src/queue/claimStep";
import { completeStep } from "../../sdk/src/queue/completeStep";
import { enqueueRun } from "../../sdk/src/queue/enqueueRun";
import { inTransaction } from "../../sdk/src/queue/queuePool";
import type { QueueTx } from "../../sdk/src/queue/queueTx";
import { layeredDag } from "../../test/unit/queue/workerProcesses";
import { withQueueSchema } from "./queueSchema";

export interface SimulatedRun {
  steps: number;
  enqueueMs: number;
  /** Steps claimed and completed, by the number of concurrent clients and whether each commit waited for its WAL flush. */
  completed: { clients: number; synchronousCommit: boolean; steps: number; ms: number }[];
}

const RUN = "simulated";
const WORKER = "bench";

/**
 * Claims and completes `each` steps with each number of clients, then again with `synchronous_commit` off for the
 * transactions (what the commit's flush to disk costs; never a default: a crash of the server could forget a completion).
 */
export function simulateRun(depth: number, width: number, clientCounts: number[], each: number): Promise<SimulatedRun> {
  return withQueueSchema(Math.max(...clientCounts) + 1, async ({ pool }) => {
    const steps = layeredDag(depth, width);
    const at = performance.now();
    const ready = await inTransaction(pool, (tx) => enqueueRun(tx, { runId: RUN, steps }));
    const enqueueMs = performance.now() - at;
    const completed: SimulatedRun["completed"] = [];
    for (const synchronousCommit of [true, false])
      for (const clients of clientCounts) {
        let left = each;
        const transaction = <T>(fn: (tx: QueueTx) => Promise<T>) =>
          inTransaction(pool, async (tx) => {
            if (!synchronousCommit) await tx.client.query("SET LOCAL synchronous_commit = off");
            return fn(tx);
          });
        const client = async () => {
          while (left > 0) {
            const stepId = ready.shift();
            if (stepId === undefined) throw new Error("the simulated run ran out of ready steps: make it wider");
            left--;
            const job = { runId: RUN, stepId, attempt: 1 };
            const claim = await transaction((tx) => claimStep(tx, job, WORKER));
            if (!claim.claimed) throw new Error(`step ${stepId} was not claimed: ${claim.message}`);
            const completion = await transaction((tx) =>
              completeStep(tx, { ...job, worker: WORKER, status: "succeeded" }),
            );
            if (completion.accepted) ready.push(...completion.ready);
          }
        };
        const started = performance.now();
        await Promise.all(Array.from({ length: clients }, client));
        completed.push({ clients, synchronousCommit, steps: each, ms: performance.now() - started });
      }
    return { steps: steps.length, enqueueMs, completed };
  });
}
