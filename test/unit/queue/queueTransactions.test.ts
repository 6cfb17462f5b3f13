/**
 * The queue's transactional API on the real server, without workers: what enqueue, claim, complete, cancel and the
 * reaper write, and what they refuse.
 */
import { describe, expect, it } from "vitest";
import { cancelRun } from "../../../sdk/src/queue/cancelRun";
import { claimStep } from "../../../sdk/src/queue/claimStep";
import { completeStep } from "../../../sdk/src/queue/completeStep";
import { enqueueRun } from "../../../sdk/src/queue/enqueueRun";
import { listWorkers } from "../../../sdk/src/queue/listWorkers";
import { clearPoolLimit, setPoolLimit } from "../../../sdk/src/queue/poolLimits";
import { reapLostWorkers } from "../../../sdk/src/queue/reapLostWorkers";
import { useQueue } from "./queueFixture";

const openQueue = useQueue();

/** a → b → d, a → c → d, and e alone. */
const diamond = (maxAttempts = 1) => ({
  runId: "r1",
  steps: [
    { id: "a", upstream: [], maxAttempts, label: "raw" },
    { id: "b", upstream: ["a"], maxAttempts },
    { id: "c", upstream: ["a"], maxAttempts },
    { id: "d", upstream: ["b", "c"], maxAttempts },
    { id: "e", upstream: [], maxAttempts },
  ],
});

async function addWorker(queue: Awaited<ReturnType<typeof openQueue>>, id: string, leaseMs = 60_000) {
  await queue.pool.query(
    `INSERT INTO workers (id, host, pid, queues, concurrency, started_at, heartbeat_at, lease_ms)
     VALUES ($1, 'here', 1, '["default"]', 1, 0, (extract(epoch from now()) * 1000)::bigint, $2)`,
    [id, leaseMs],
  );
}

/** `work`'s result, or a failure naming what it waited for when it takes more than a few seconds. */
function withinSeconds<T>(work: Promise<T>, seconds = 3): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`still waiting after ${seconds} s: a lock on the run's row?`)), seconds * 1000),
    ),
  ]);
}

describe("the queue's transactions", () => {
  it("queues the steps without upstream, then each step once its upstream steps all succeeded, and finishes the run", async () => {
    const queue = await openQueue();
    expect(await queue.tx((tx) => enqueueRun(tx, diamond()))).toEqual(["a", "e"]);
    expect((await queue.jobs()).map((job) => [job.stepId, job.attempt, job.task])).toEqual([
      ["a", 1, "assetline_step"],
      ["e", 1, "assetline_step"],
    ]);
    const run = async (stepId: string) => {
      const claim = await queue.tx((tx) => claimStep(tx, { runId: "r1", stepId, attempt: 1 }, "w1"));
      expect(claim.claimed).toBe(true);
      return queue.tx((tx) => completeStep(tx, { runId: "r1", stepId, attempt: 1, worker: "w1", status: "succeeded" }));
    };
    expect(await run("a")).toMatchObject({ accepted: true, ready: ["b", "c"] });
    expect(await run("b")).toMatchObject({ accepted: true, ready: [] });
    expect(await run("e")).toMatchObject({ accepted: true, ready: [] });
    expect(await run("c")).toMatchObject({ accepted: true, ready: ["d"] });
    expect(await run("d")).toMatchObject({
      accepted: true,
      finished: { status: "success", succeeded: 5, failed: 0, skipped: 0 },
    });
  });

  it("drops a second job for an attempt already claimed, and refuses a completion not of the current attempt", async () => {
    const queue = await openQueue();
    await queue.tx((tx) => enqueueRun(tx, diamond()));
    await queue.tx((tx) => claimStep(tx, { runId: "r1", stepId: "a", attempt: 1 }, "w1"));
    expect(await queue.tx((tx) => claimStep(tx, { runId: "r1", stepId: "a", attempt: 1 }, "w2"))).toMatchObject({
      claimed: false,
      why: "superseded",
    });
    expect(
      await queue.tx((tx) =>
        completeStep(tx, { runId: "r1", stepId: "a", attempt: 1, worker: "w2", status: "succeeded" }),
      ),
    ).toMatchObject({ accepted: false });
    expect(
      await queue.tx((tx) =>
        completeStep(tx, { runId: "r1", stepId: "a", attempt: 2, worker: "w1", status: "succeeded" }),
      ),
    ).toMatchObject({ accepted: false });
  });

  it("retries a failed step while it has attempts, then fails it and skips what is downstream with the runner's reasons", async () => {
    const queue = await openQueue();
    await queue.tx((tx) => enqueueRun(tx, diamond(2)));
    const fail = async (attempt: number) => {
      await queue.tx((tx) => claimStep(tx, { runId: "r1", stepId: "a", attempt }, "w1"));
      return queue.tx((tx) =>
        completeStep(tx, { runId: "r1", stepId: "a", attempt, worker: "w1", status: "failed", error: "boom" }),
      );
    };
    expect(await fail(1)).toMatchObject({ accepted: true, step: "retrying", retry: { attempt: 2 } });
    expect((await queue.jobs()).filter((job) => job.stepId === "a").at(-1)).toMatchObject({ attempt: 2 });
    expect(await fail(2)).toEqual({
      accepted: true,
      step: "failed",
      ready: [],
      skipped: [
        { stepId: "b", reason: "upstream raw failed" },
        { stepId: "c", reason: "upstream raw failed" },
        { stepId: "d", reason: "upstream b was skipped" },
      ],
    });
    await queue.tx((tx) => claimStep(tx, { runId: "r1", stepId: "e", attempt: 1 }, "w1"));
    expect(
      await queue.tx((tx) =>
        completeStep(tx, { runId: "r1", stepId: "e", attempt: 1, worker: "w1", status: "succeeded" }),
      ),
    ).toMatchObject({ finished: { status: "failed", succeeded: 1, failed: 1, skipped: 3 } });
  });

  it("claims and completes other steps of a run while one of its completions records its events", async () => {
    const queue = await openQueue();
    const roots = ["x", "y", "z"].map((id) => ({ id, upstream: [], maxAttempts: 1 }));
    await queue.tx((tx) =>
      enqueueRun(tx, { runId: "r1", steps: [...roots, { id: "w", upstream: ["x"], maxAttempts: 1 }] }),
    );
    for (const stepId of ["x", "y"]) await queue.tx((tx) => claimStep(tx, { runId: "r1", stepId, attempt: 1 }, "w1"));
    // Before, each claim and completion locked the run's row to its commit: one run advanced one transaction at a time.
    // (Completions of steps with a dependent in common still wait for each other: both count it down.)
    const meanwhile: unknown[] = [];
    const x = await queue.tx((tx) =>
      completeStep(
        tx,
        { runId: "r1", stepId: "x", attempt: 1, worker: "w1", status: "succeeded" },
        {
          step: async () => {
            meanwhile.push(
              await withinSeconds(
                queue.tx((other) => claimStep(other, { runId: "r1", stepId: "z", attempt: 1 }, "w2")),
              ),
            );
            meanwhile.push(
              await withinSeconds(
                queue.tx((other) =>
                  completeStep(other, { runId: "r1", stepId: "y", attempt: 1, worker: "w1", status: "succeeded" }),
                ),
              ),
            );
          },
          runFinished: async () => {},
        },
      ),
    );
    expect(meanwhile).toMatchObject([{ claimed: true }, { accepted: true, ready: [] }]);
    expect(x).toMatchObject({ accepted: true, ready: ["w"] });
    await queue.tx((tx) =>
      completeStep(tx, { runId: "r1", stepId: "z", attempt: 1, worker: "w2", status: "succeeded" }),
    );
    const { rows } = await queue.pool.query("SELECT step_id, status FROM run_steps ORDER BY step_id");
    expect(rows.map((row) => `${row.step_id} ${row.status}`)).toEqual([
      "w queued",
      "x succeeded",
      "y succeeded",
      "z succeeded",
    ]);
  });

  it("finishes a run once when its last two steps complete at once", async () => {
    const queue = await openQueue();
    const steps = ["x", "y"].map((id) => ({ id, upstream: [], maxAttempts: 1 }));
    await queue.tx((tx) => enqueueRun(tx, { runId: "r1", steps }));
    for (const { id } of steps) await queue.tx((tx) => claimStep(tx, { runId: "r1", stepId: id, attempt: 1 }, "w1"));
    const first = await queue.pool.connect();
    try {
      await first.query("BEGIN");
      const x = await completeStep(
        { client: first },
        { runId: "r1", stepId: "x", attempt: 1, worker: "w1", status: "succeeded" },
      );
      let settled = false;
      const y = queue
        .tx((tx) => completeStep(tx, { runId: "r1", stepId: "y", attempt: 1, worker: "w1", status: "succeeded" }))
        .finally(() => {
          settled = true;
        });
      await new Promise((resolve) => setTimeout(resolve, 300));
      // y counts itself on the run's row only once x's count is committed, so it sees it.
      expect(settled).toBe(false);
      await first.query("COMMIT");
      expect(x).not.toHaveProperty("finished");
      expect(await y).toMatchObject({ finished: { status: "success", succeeded: 2, failed: 0, skipped: 0 } });
    } finally {
      first.release();
    }
  });

  it("gives a failed step's next attempt its retry delay, and a lost one's none", async () => {
    const queue = await openQueue();
    const steps = ["a", "b"].map((id) => ({ id, upstream: [], maxAttempts: 2, retryDelayMs: 60_000 }));
    await queue.tx((tx) => enqueueRun(tx, { runId: "r1", steps }));
    for (const { id } of steps) await queue.tx((tx) => claimStep(tx, { runId: "r1", stepId: id, attempt: 1 }, "w1"));
    await queue.tx((tx) =>
      completeStep(tx, { runId: "r1", stepId: "a", attempt: 1, worker: "w1", status: "failed", error: "boom" }),
    );
    await queue.tx((tx) => completeStep(tx, { runId: "r1", stepId: "b", attempt: 1, worker: "w1", status: "lost" }));
    const next = (await queue.jobs()).filter((job) => job.attempt === 2);
    expect(next.map(({ stepId, delayed }) => [stepId, delayed])).toEqual([
      ["a", true],
      ["b", false],
    ]);
  });

  it("reaps a silent worker: its attempt is lost, the step's next attempt queued, and the zombie's completion refused", async () => {
    const queue = await openQueue();
    await addWorker(queue, "zombie", 1_000);
    await addWorker(queue, "alive");
    await queue.tx((tx) => enqueueRun(tx, diamond(2)));
    await queue.tx((tx) => claimStep(tx, { runId: "r1", stepId: "a", attempt: 1 }, "zombie"));
    expect(await queue.tx(reapLostWorkers)).toEqual({ workers: [], attempts: [] });
    expect(
      (await listWorkers(queue.pool)).map((worker) => [worker.id, worker.steps.map((step) => step.stepId)]),
    ).toEqual([
      ["zombie", ["a"]],
      ["alive", []],
    ]);
    await queue.pool.query("UPDATE workers SET heartbeat_at = heartbeat_at - 2000 WHERE id = 'zombie'");
    const reaped = await queue.tx(reapLostWorkers);
    expect(reaped.workers).toEqual(["zombie"]);
    expect(reaped.attempts).toMatchObject([
      { outcome: { stepId: "a", attempt: 1, status: "lost" }, completion: { step: "retrying", retry: { attempt: 2 } } },
    ]);
    expect((await listWorkers(queue.pool)).map((worker) => worker.id)).toEqual(["alive"]);
    // In the same transaction as the zombie's own writes would be: refused, and nothing it wrote stays.
    const zombie = await queue.tx((tx) =>
      completeStep(tx, { runId: "r1", stepId: "a", attempt: 1, worker: "zombie", status: "succeeded" }),
    );
    expect(zombie).toMatchObject({ accepted: false });
    expect(await queue.tx((tx) => claimStep(tx, { runId: "r1", stepId: "a", attempt: 2 }, "alive"))).toMatchObject({
      claimed: true,
      step: { attempt: 2 },
    });
    const outcomes = await queue.pool.query("SELECT attempt, worker_id, outcome FROM step_attempts ORDER BY attempt");
    expect(outcomes.rows).toEqual([
      { attempt: 1, worker_id: "zombie", outcome: "lost" },
      { attempt: 2, worker_id: "alive", outcome: null },
    ]);
  });

  it("holds a step whose pool's slots are taken without a job, and wakes the oldest waiter when a slot frees", async () => {
    const queue = await openQueue();
    await queue.pool.query("INSERT INTO pools (name, slots) VALUES ('warehouse', 1)");
    await queue.tx((tx) =>
      enqueueRun(tx, {
        runId: "r1",
        steps: ["x", "y", "z"].map((id) => ({ id, upstream: [], maxAttempts: 1, pool: "warehouse" })),
      }),
    );
    const claim = (stepId: string) => queue.tx((tx) => claimStep(tx, { runId: "r1", stepId, attempt: 1 }, "w1"));
    const pending = async () => (await queue.jobs()).map((job) => job.stepId);
    // The queue's tests have no Graphile Worker to take jobs: each claim deletes the job it stands for, as a fetch would.
    const take = (stepId: string) =>
      queue.pool.query(`DELETE FROM "${queue.schema}_worker"._private_jobs WHERE payload->>'stepId' = $1`, [stepId]);
    for (const stepId of ["x", "y", "z"]) await take(stepId);
    expect((await claim("x")).claimed).toBe(true);
    expect(await claim("y")).toMatchObject({
      claimed: false,
      why: "no slot",
      message: "pool warehouse runs 1 steps already",
    });
    expect(await claim("z")).toMatchObject({ claimed: false, why: "no slot" });
    // Before, each waiter's job came back every 200–400 ms to ask again: a crowd of them flooded the server.
    expect(await pending()).toEqual([]);
    await queue.tx((tx) =>
      completeStep(tx, { runId: "r1", stepId: "x", attempt: 1, worker: "w1", status: "succeeded" }),
    );
    expect(await pending()).toEqual(["y"]);
    await take("y");
    expect((await claim("y")).claimed).toBe(true);
    await queue.tx((tx) =>
      completeStep(tx, { runId: "r1", stepId: "y", attempt: 1, worker: "w1", status: "failed", error: "boom" }),
    );
    expect(await pending()).toEqual(["z"]);
  });

  it("wakes the waiters a raised pool limit makes room for, and all of a pool whose limit is cleared", async () => {
    const queue = await openQueue();
    await setPoolLimit(queue.pool, "warehouse", 1);
    const steps = ["a", "b", "c", "d"].map((id) => ({ id, upstream: [], maxAttempts: 1, pool: "warehouse" }));
    await queue.tx((tx) => enqueueRun(tx, { runId: "r1", steps }));
    await queue.pool.query(`DELETE FROM "${queue.schema}_worker"._private_jobs`);
    for (const { id } of steps) await queue.tx((tx) => claimStep(tx, { runId: "r1", stepId: id, attempt: 1 }, "w1"));
    const pending = async () => (await queue.jobs()).map((job) => job.stepId);
    expect(await pending()).toEqual([]);
    await setPoolLimit(queue.pool, "warehouse", 2);
    expect(await pending()).toEqual(["b"]);
    await clearPoolLimit(queue.pool, "warehouse");
    expect(await pending()).toEqual(["b", "c", "d"]);
  });

  it("cancels: steps not started are skipped, a claim is refused, and the running step's end finishes the run cancelled", async () => {
    const queue = await openQueue();
    await queue.tx((tx) => enqueueRun(tx, diamond()));
    await queue.tx((tx) => claimStep(tx, { runId: "r1", stepId: "a", attempt: 1 }, "w1"));
    const cancelled = await queue.tx((tx) => cancelRun(tx, "r1"));
    expect(cancelled?.skipped.map((step) => step.stepId).sort()).toEqual(["b", "c", "d", "e"]);
    expect(cancelled?.skipped[0]?.reason).toBe("the run was cancelled before this step started");
    expect(cancelled?.finished).toBeUndefined();
    expect(await queue.tx((tx) => cancelRun(tx, "r1"))).toBeUndefined();
    expect(await queue.tx((tx) => claimStep(tx, { runId: "r1", stepId: "e", attempt: 1 }, "w1"))).toMatchObject({
      claimed: false,
      why: "cancelled",
    });
    expect(
      await queue.tx((tx) =>
        completeStep(tx, { runId: "r1", stepId: "a", attempt: 1, worker: "w1", status: "cancelled" }),
      ),
    ).toMatchObject({ step: "failed", finished: { status: "cancelled", failed: 1, skipped: 4 } });
  });
});
