/**
 * `materialize --executor queue` with the built CLI on the machine's PostgreSQL (a schema per test): what the launch
 * records and queues, its refusals, and a run followed to its end while the test plays the worker with the queue's API.
 */
import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { createProgressPrinter } from "../../../sdk/src/cli/commands/runProgress";
import type { RunEvent } from "../../../sdk/src/protocol";
import { parseQueuedRunPlan } from "../../../sdk/src/protocol";
import { claimStep, completeStep, type StepJob } from "../../../sdk/src/queue";
import { openPostgresStore, type PostgresStore } from "../../../sdk/src/store/postgres/pgStore";
import { type QueueFixture, useQueue } from "../queue/queueFixture";
import { usePgSchemas } from "../store/postgres/pgSchema";
import { cli, fixtureWorkspaces, parseEvents, startCli, waitForOutput } from "../run/workspace";
import { ORDERS_FILES } from "./harness";

const workspace = fixtureWorkspaces();
const queue = useQueue();
const pg = usePgSchemas();
const stores: PostgresStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

async function storeOf(fixture: QueueFixture): Promise<PostgresStore> {
  const store = await openPostgresStore(fixture.location);
  stores.push(store);
  return store;
}

const RUN_ID = /Run ([0-9a-f-]{36})/;

function runIdIn(stdout: string): string {
  const match = RUN_ID.exec(stdout);
  if (!match) throw new Error(`no run id in: ${stdout}`);
  return match[1]!;
}

/** What a local run prints for these events: the follower must print exactly this. */
function printed(events: readonly RunEvent[]): string {
  let text = "";
  const print = createProgressPrinter((line) => {
    text += line;
  });
  for (const event of events) print(event);
  return text;
}

/**
 * Plays a worker for one queued job: claims its attempt and records `step_started`, then completes it with `status`
 * and records the step's end (and the run's, when it was the last), each in one store transaction.
 */
async function work(store: PostgresStore, job: StepJob, status: "succeeded" | "failed"): Promise<void> {
  const plan = (await store.events(job.runId)).find((event) => event.type === "run_started")!.plan;
  const step = plan.find((planned) => planned.id === job.stepId)!;
  const fields = { runId: job.runId, stepId: step.id, assets: step.assets };
  await store.transaction(async (tx) => {
    const claim = await claimStep(tx, job, "test-worker");
    expect(claim.claimed).toBe(true);
    await tx.record([{ type: "step_started", ...fields, attempt: 0, timestamp: Date.now() }]);
  });
  await store.transaction(async (tx) => {
    const completion = await completeStep(tx, { ...job, worker: "test-worker", status });
    if (!completion.accepted) throw new Error(completion.message);
    const ended: RunEvent =
      status === "succeeded"
        ? { type: "step_succeeded", ...fields, durationMs: 5, timestamp: Date.now() }
        : { type: "step_failed", ...fields, error: { message: "boom" }, timestamp: Date.now() };
    const skipped = completion.skipped.map(
      ({ stepId, reason }): RunEvent => ({
        type: "step_skipped",
        runId: job.runId,
        stepId,
        assets: plan.find((planned) => planned.id === stepId)!.assets,
        reason,
        timestamp: Date.now(),
      }),
    );
    const finished: RunEvent[] = completion.finished
      ? [{ type: "run_finished", runId: job.runId, ...completion.finished, durationMs: 10, timestamp: Date.now() }]
      : [];
    await tx.record([ended, ...skipped, ...finished]);
  });
}

/** The queued jobs of steps not yet worked on, waiting until there is one. */
async function nextJobs(fixture: QueueFixture, done: Set<string>): Promise<StepJob[]> {
  for (;;) {
    const jobs = (await fixture.jobs()).filter((job) => !done.has(`${job.stepId}#${job.attempt}`));
    if (jobs.length > 0) return jobs;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `materialize --executor queue` of the orders workspace, once it has printed its run's start. */
async function launchFollowed(env: Record<string, string> = {}) {
  const fixture = await queue();
  const child = startCli(["materialize", "--executor", "queue", "--store", fixture.url], workspace(ORDERS_FILES), env);
  await waitForOutput(child, /Run [0-9a-f-]{36}: 2 steps/);
  return { fixture, child };
}

describe("materialize --executor queue", () => {
  it("records the run with its bundle and plan, queues the steps without upstream, stores one bundle for the same code", async () => {
    const fixture = await queue();
    const root = workspace(ORDERS_FILES);
    const first = await cli(["materialize", "--executor", "queue", "--detach", "--store", fixture.url], root);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/queued: 2 steps; follow it with `assetline logs [0-9a-f-]{36}`/);
    const runId = runIdIn(first.stdout);

    const store = await storeOf(fixture);
    expect((await store.run(runId))?.executor).toBe("queue");
    const queued = await store.queuedRun(runId);
    expect(queued).toBeDefined();
    const plan = parseQueuedRunPlan(JSON.stringify(queued!.plan));
    expect(plan.keys.sort()).toEqual(["orders", "revenue_by_segment"]);
    expect(plan.format).toBe("cjs");
    const bundles = (await fixture.pool.query<{ hash: string; body: Buffer }>("SELECT hash, body FROM bundles")).rows;
    expect(bundles).toHaveLength(1);
    expect(bundles[0]!.hash).toBe(queued!.bundleHash);
    expect(createHash("sha256").update(bundles[0]!.body).digest("hex")).toBe(queued!.bundleHash);
    expect((await fixture.jobs()).map((job) => [job.runId, job.stepId, job.attempt])).toEqual([[runId, "orders", 1]]);
    const events = await store.events(runId);
    expect(events.map((event) => event.type)).toEqual(["run_started"]);

    const second = await cli(["materialize", "--executor", "queue", "--detach", "--store", fixture.url], root);
    expect(second.code).toBe(0);
    expect(runIdIn(second.stdout)).not.toBe(runId);
    expect((await fixture.pool.query("SELECT hash FROM bundles")).rows).toHaveLength(1);
    expect((await store.queuedRun(runIdIn(second.stdout)))?.bundleHash).toBe(queued!.bundleHash);
  });

  it("makes the queue's tables on a store no worker has opened yet", async () => {
    const { schema, url } = pg.fresh();
    const result = await cli(
      ["materialize", "--executor", "queue", "--detach", "--store", url],
      workspace(ORDERS_FILES),
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const steps = await pg.query(`SELECT step_id, status FROM "${schema}".run_steps ORDER BY step_id`);
    expect(steps).toEqual([
      { step_id: "orders", status: "queued" },
      { step_id: "revenue_by_segment", status: "waiting" },
    ]);
  });

  it("gives the queue each step's pool, attempts and retry delay from its definition, and the runner's skip label", async () => {
    const fixture = await queue();
    const root = workspace({
      "src/assets.ts": `import { asset } from "assetline";
export const orders = asset({ pool: "warehouse", retryPolicy: { maxRetries: 2, delayMs: 100 } }, () => [1, 2, 3]);
export const revenue = asset({ ins: { orders } }, ({ orders }) => orders.length);
`,
    });
    const result = await cli(["materialize", "--executor", "queue", "--detach", "--store", fixture.url], root);
    expect(result.code).toBe(0);
    const steps = await fixture.pool.query(
      "SELECT step_id, label, pool, status, max_attempts, retry_delay_ms FROM run_steps ORDER BY step_id",
    );
    expect(steps.rows).toEqual([
      { step_id: "orders", label: "orders", pool: "warehouse", status: "queued", max_attempts: 3, retry_delay_ms: 100 },
      { step_id: "revenue", label: "revenue", pool: null, status: "waiting", max_attempts: 1, retry_delay_ms: 0 },
    ]);
  });

  it("--detach --json prints the run's first events as materialize --json does", async () => {
    const fixture = await queue();
    const root = workspace(ORDERS_FILES);
    const result = await cli(
      ["materialize", "orders", "--executor", "queue", "--detach", "--json", "--store", fixture.url],
      root,
    );
    expect(result.code).toBe(0);
    const events = parseEvents(result.stdout);
    expect(events.map((event) => event.type)).toEqual(["run_started"]);
    expect(events[0]!.type === "run_started" && events[0]!.plan.map((step) => step.id)).toEqual(["orders"]);
  });

  it("on a folder store is one line naming --store, from the flag and from ASSETLINE_EXECUTOR alike", async () => {
    const root = workspace(ORDERS_FILES);
    for (const result of [
      await cli(["materialize", "--executor", "queue"], root),
      await cli(["materialize"], root, { ASSETLINE_EXECUTOR: "queue" }),
    ]) {
      expect(result.code).toBe(2);
      expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(result.stderr).toMatch(
        /^assetline materialize: --executor queue needs a shared PostgreSQL store.*--store postgres:\/\//,
      );
    }
    const bad = await cli(["materialize", "--executor", "cloud"], root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('assetline materialize: --executor must be local or queue, not "cloud".\n');
    const help = await cli(["materialize", "--help"], root);
    expect(help.stdout).toMatch(/--executor <local\|queue>/);
    expect(help.stdout).toMatch(/--detach/);
  });

  it("refuses a duckdb asset before anything is recorded, saying to use parquet", async () => {
    const fixture = await queue();
    const root = workspace({
      "src/assets.ts": `import { asset } from "assetline";
export const orders = asset({ io: "duckdb" }, () => [{ id: 1 }]);
`,
    });
    const result = await cli(["materialize", "--executor", "queue", "--store", fixture.url], root);
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/asset "orders" \(src\/assets\.ts:2\) is stored with io: "duckdb".*io: "parquet"/);
    expect((await fixture.pool.query("SELECT id FROM runs")).rows).toEqual([]);
    expect((await fixture.pool.query("SELECT hash FROM bundles")).rows).toEqual([]);
    expect(await fixture.jobs()).toEqual([]);
  });

  it("validates the run config as a local run does, before anything is recorded", async () => {
    const fixture = await queue();
    const result = await cli(
      ["materialize", "--executor", "queue", "--config-json", '{"orders":{}}', "--store", fixture.url],
      workspace(ORDERS_FILES),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^assetline materialize: config for orders: asset orders declares no config; .*\n$/);
    expect((await fixture.pool.query("SELECT id FROM runs")).rows).toEqual([]);
    expect(await fixture.jobs()).toEqual([]);
  });

  it("follows the run as workers record it, printing and exiting as a local run", async () => {
    const { fixture, child } = await launchFollowed();
    const store = await storeOf(fixture);
    const done = new Set<string>();
    for (let worked = 0; worked < 2; worked++) {
      const [job] = await nextJobs(fixture, done);
      done.add(`${job!.stepId}#${job!.attempt}`);
      await work(store, job!, "succeeded");
    }
    const result = await child.done;
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const runId = runIdIn(result.stdout);
    expect(result.stdout).toBe(printed(await store.events(runId)));
    expect(result.stdout).toMatch(
      /✔ orders[\s\S]*✔ revenue_by_segment[\s\S]*success: 2 succeeded, 0 failed, 0 skipped/,
    );
  });

  it("exits 1 when a step fails, its downstream skipped with the local runner's reason", async () => {
    const { fixture, child } = await launchFollowed();
    const store = await storeOf(fixture);
    const [job] = await nextJobs(fixture, new Set());
    await work(store, job!, "failed");
    const result = await child.done;
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(printed(await store.events(runIdIn(result.stdout))));
    expect(result.stdout).toMatch(/○ revenue_by_segment skipped: upstream orders failed/);
    expect(result.stdout).toMatch(/failed: 0 succeeded, 1 failed, 1 skipped/);
  });

  it("Ctrl-C cancels the run: a running step's run is cancelling until it ends, then the CLI exits as cancelled", async () => {
    const { fixture, child } = await launchFollowed();
    const store = await storeOf(fixture);
    const [job] = await nextJobs(fixture, new Set());
    await store.transaction(async (tx) => {
      expect((await claimStep(tx, job!, "test-worker")).claimed).toBe(true);
    });
    child.kill("SIGINT");
    const status = async () =>
      (await fixture.pool.query<{ status: string }>("SELECT status FROM queued_runs WHERE run_id = $1", [job!.runId]))
        .rows[0]?.status;
    while ((await status()) !== "cancelling") await new Promise((resolve) => setTimeout(resolve, 50));
    // The worker's step ends cancelled: the run ends with it.
    await store.transaction(async (tx) => {
      const completion = await completeStep(tx, { ...job!, worker: "test-worker", status: "cancelled" });
      if (!completion.accepted || !completion.finished) throw new Error("the cancelled step did not end the run");
      await tx.record([
        {
          type: "step_failed",
          runId: job!.runId,
          stepId: "orders",
          assets: ["orders"],
          error: { message: "cancelled" },
          timestamp: Date.now(),
        },
        { type: "run_finished", runId: job!.runId, ...completion.finished, durationMs: 10, timestamp: Date.now() },
      ]);
    });
    const result = await child.done;
    expect(result.code).toBe(130);
    expect(result.stdout).toMatch(/○ revenue_by_segment skipped: the run was cancelled before this step started/);
    expect(result.stdout).toMatch(/cancelled: 0 succeeded, 1 failed, 1 skipped/);
    expect((await store.run(job!.runId))?.status).toBe("cancelled");
  });

  it("a launching CLI killed with -9 leaves its run running for the workers", async () => {
    // A 1 ms heartbeat: by the time the store is opened again, a local run of that process would look crashed.
    const { fixture, child } = await launchFollowed({ ASSETLINE_HEARTBEAT_MS: "1" });
    child.kill("SIGKILL");
    const result = await child.done;
    expect(result.signal).toBe("SIGKILL");
    const runId = runIdIn(result.stdout);
    // Opening a store recovers crashed runs: a queued one is the queue's to end, never the pid's.
    const store = await storeOf(fixture);
    expect((await store.run(runId))?.status).toBe("running");
    const queued = await fixture.pool.query("SELECT status FROM queued_runs WHERE run_id = $1", [runId]);
    expect(queued.rows).toEqual([{ status: "running" }]);
    expect((await fixture.jobs()).map((job) => job.stepId)).toEqual(["orders"]);
  });

  it("Ctrl-C with no step running ends the run cancelled at once", async () => {
    const { fixture, child } = await launchFollowed();
    child.kill("SIGINT");
    const result = await child.done;
    expect(result.code).toBe(130);
    const runId = runIdIn(result.stdout);
    const store = await storeOf(fixture);
    expect((await store.run(runId))?.status).toBe("cancelled");
    expect(result.stdout).toBe(printed(await store.events(runId)));
    expect(result.stdout).toMatch(/cancelled: 0 succeeded, 0 failed, 2 skipped/);
  });
});
