/**
 * `assetline worker` as real processes (the built CLI) on the real server: a run over two workers equal to a local
 * run, the downstream reading what the other worker made; a worker killed with -9 mid-step, its step run again as
 * attempt 2 by the other and materialized once; a step of a run whose stored bundle does not match its hash refused.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { Materialization, RunEvent } from "../../../sdk/src/protocol";
import { cancelRun } from "../../../sdk/src/queue/cancelRun";
import { openPostgresStore, type PostgresStore } from "../../../sdk/src/store/postgres/pgStore";
import { openStoreReader } from "../../../sdk/src/store/openStore";
import { cli, fixtureWorkspaces, startCli } from "../run/workspace";
import { until } from "../queue/workerProcesses";
import { usePgSchemas } from "../store/postgres/pgSchema";
import { pgLocation } from "../store/storeKinds";
import { launchQueued } from "./launchQueued";

const workspace = fixtureWorkspaces();
const pg = usePgSchemas();
const LEASE_MS = "1500";
// Generous: worker processes and their step processes share two cores with whatever else runs; nothing is timed.
const WAIT_MS = 150_000;

const ASSETS = `import { asset, assetCheck } from "assetline";
// Over the store's small-value size: it goes to --storage, which the other worker reads.
export const numbers = asset(() => Array.from({ length: 3000 }, (_, i) => i));
export const total = asset({ ins: { numbers } }, ({ numbers }) => ({ sum: numbers.reduce((a, b) => a + b, 0), count: numbers.length }));
export const total_counted = assetCheck({ asset: total }, (value) => value.count === 3000);
// Its first attempt kills its own step process, as a crash would; its second succeeds.
export const crashes = asset((ctx) => {
  if (ctx.attempt === 0) process.kill(process.pid, "SIGKILL");
  return ctx.attempt;
});
export const slow = asset(async () => {
  await new Promise((resolve) => setTimeout(resolve, 4000));
  return { slept: 4000 };
});
`;

const storage = mkdtempSync(join(tmpdir(), "assetline-storage-"));
const workers: ReturnType<typeof startCli>[] = [];
const stores: PostgresStore[] = [];
afterEach(async () => {
  for (const worker of workers.splice(0)) worker.kill("SIGKILL");
  for (const store of stores.splice(0)) await store.close();
});
afterAll(() => rmSync(storage, { recursive: true, force: true }));

async function openShared(): Promise<{ url: string; schema: string; store: PostgresStore }> {
  const { url, schema } = pg.fresh();
  const store = await openPostgresStore(pgLocation(url));
  stores.push(store);
  return { url, schema, store };
}

/** Starts `assetline worker` in its own copy of the workspace (its own store folder: another machine's). */
async function startWorker(url: string, ...args: string[]) {
  const root = workspace({ "src/assets.ts": ASSETS });
  const worker = startCli(["worker", "--store", url, "--storage", storage, "--lease-ms", LEASE_MS, ...args], root);
  workers.push(worker);
  const lines: string[] = [];
  createInterface({ input: worker.stdout! }).on("line", (line) => lines.push(line));
  const logged = (text: string) =>
    until(`the worker to print "${text}"`, async () => lines.some((line) => line.includes(text)) || undefined, WAIT_MS);
  await logged(" ready on ");
  return Object.assign(worker, { lines, root, logged });
}

async function finished(store: PostgresStore, runId: string): Promise<RunEvent[]> {
  return until(
    `run ${runId} to finish`,
    async () => {
      const events = await store.events(runId);
      return events.some((event) => event.type === "run_finished") ? events : undefined;
    },
    WAIT_MS,
  );
}

async function materializationCount(schema: string, key: string): Promise<number> {
  const [row] = await pg.query<{ n: number }>(
    `SELECT count(*)::integer AS n FROM "${schema}".materializations WHERE key = $1`,
    [key],
  );
  return row!.n;
}

describe("assetline worker", { timeout: 2 * WAIT_MS }, () => {
  it("runs a queued run over two workers with the values a local run makes", async () => {
    const { url, schema, store } = await openShared();
    const one = await startWorker(url, "--queues", "one");
    const two = await startWorker(url, "--queues", "two");
    const launcher = workspace({ "src/assets.ts": ASSETS });
    // The upstream on one worker, the rest on the other: the downstream must read what the other one made.
    const { runId } = await launchQueued(store, launcher, {
      keys: ["numbers", "total"],
      queueOf: (step) => (step.assets.includes("numbers") ? "one" : "two"),
    });
    const events = await finished(store, runId);
    expect(events.at(-1)).toMatchObject({ type: "run_finished", status: "success", succeeded: 3 });
    expect(events.find((event) => event.type === "check_evaluated")).toMatchObject({ evaluation: { passed: true } });
    expect(one.lines.some((line) => line.includes("step numbers attempt 1 succeeded"))).toBe(true);
    expect(two.lines.some((line) => line.includes("step total attempt 1 succeeded"))).toBe(true);
    expect(await materializationCount(schema, "numbers")).toBe(1);
    expect(await materializationCount(schema, "total")).toBe(1);

    const local = workspace({ "src/assets.ts": ASSETS });
    const result = await cli(["materialize", "numbers", "total"], local);
    expect(result.code, result.stderr).toBe(0);
    const localStore = await openStoreReader(join(local, ".assetline"));
    const localRecords = await localStore.latestMaterializations(["numbers", "total"]);
    await localStore.close();
    const queued = await store.latestMaterializations(["numbers", "total"]);
    const versions = (records: Map<string, Materialization>) =>
      Object.fromEntries([...records].map(([key, record]) => [key, record.dataVersion]));
    expect(versions(queued)).toEqual(versions(localRecords));
    // The same events as a local run records, step by step.
    const localRun = (await cli(["runs", "--json"], local)).stdout;
    const localId = (JSON.parse(localRun) as { runs: { id: string }[] }).runs[0]!.id;
    const localReader = await openStoreReader(join(local, ".assetline"));
    const localEvents = await localReader.events(localId);
    await localReader.close();
    const shape = (list: RunEvent[]) =>
      list.map((event) => `${event.type} ${"stepId" in event ? event.stepId : ""}`).sort();
    expect(shape(events)).toEqual(shape(localEvents));
    expect(queued.get("total")!.upstreamDataVersions).toEqual({ numbers: queued.get("numbers")!.dataVersion });
    expect(queued.get("total")!.runId).toBe(runId);
    // `assetline runs` reads the run as it reads a local one.
    const runs = await cli(["runs", "--store", url], launcher);
    expect(runs.stdout).toContain(runId.slice(0, 8));
    expect(runs.stdout).toContain("success");
    const logs = await cli(["logs", runId, "--store", url], launcher);
    expect(logs.code, logs.stderr).toBe(0);
    expect(logs.stdout).toContain("total");
  });

  it("runs a step again on the other worker when its worker is killed with -9 mid-step", async () => {
    const { url, schema, store } = await openShared();
    const first = await startWorker(url);
    const second = await startWorker(url);
    const { runId } = await launchQueued(store, first.root, { keys: ["slow"], maxAttempts: 2 });
    const started = (worker: typeof first) => worker.lines.some((line) => line.includes("step slow attempt 1 started"));
    const victim = await until(
      "a worker to start the slow step",
      async () => (started(first) ? first : started(second) ? second : undefined),
      WAIT_MS,
    );
    victim.kill("SIGKILL");
    const survivor = victim === first ? second : first;
    const events = await finished(store, runId);
    expect(events.at(-1)).toMatchObject({ type: "run_finished", status: "success", succeeded: 1 });
    expect(survivor.lines.some((line) => line.includes("step slow attempt 2 succeeded"))).toBe(true);
    expect(events.filter((event) => event.type === "step_retrying")).toHaveLength(1);
    expect(await materializationCount(schema, "slow")).toBe(1);
  });

  it("refuses a step whose run's stored bundle does not match its hash", async () => {
    const { url, schema, store } = await openShared();
    const worker = await startWorker(url);
    const { runId, hash } = await launchQueued(store, worker.root, { keys: ["numbers"] });
    await pg.query(`UPDATE "${schema}".bundles SET body = $2 WHERE hash = $1`, [
      hash,
      Buffer.from("module.exports = {};"),
    ]);
    const events = await finished(store, runId);
    expect(events.at(-1)).toMatchObject({ type: "run_finished", status: "failed", failed: 1 });
    const failed = events.find((event) => event.type === "step_failed");
    expect(failed?.type === "step_failed" && failed.error.message).toMatch(/bundle .* cannot be used/);
    expect(await materializationCount(schema, "numbers")).toBe(0);
  });

  it("fails the attempts of a step process that crashed and runs the next one in a new process", async () => {
    const { url, schema, store } = await openShared();
    const worker = await startWorker(url);
    const { runId } = await launchQueued(store, worker.root, { keys: ["crashes"], maxAttempts: 2 });
    const events = await finished(store, runId);
    expect(events.at(-1)).toMatchObject({ type: "run_finished", status: "success", succeeded: 1 });
    const retrying = events.find((event) => event.type === "step_retrying");
    expect(retrying?.type === "step_retrying" && retrying.error.message).toMatch(
      /step process .* was killed \(SIGKILL\)/,
    );
    expect(worker.lines.some((line) => line.includes("step crashes attempt 2 succeeded"))).toBe(true);
    expect(await materializationCount(schema, "crashes")).toBe(1);
  });

  it("aborts the running step of a cancelled run, which stores nothing", async () => {
    const { url, schema, store } = await openShared();
    const worker = await startWorker(url);
    const { runId } = await launchQueued(store, worker.root, { keys: ["slow"] });
    await worker.logged("step slow attempt 1 started");
    await store.transaction((tx) => cancelRun(tx, runId));
    const events = await finished(store, runId);
    expect(events.at(-1)).toMatchObject({ type: "run_finished", status: "cancelled" });
    expect(worker.lines.some((line) => line.includes("step slow attempt 1 cancelled"))).toBe(true);
    expect(await materializationCount(schema, "slow")).toBe(0);
  });

  it("lets its running step finish and be recorded on Ctrl-C, then exits 0", async () => {
    const { url, store } = await openShared();
    const worker = await startWorker(url);
    const { runId } = await launchQueued(store, worker.root, { keys: ["slow"] });
    await worker.logged("step slow attempt 1 started");
    worker.kill("SIGINT");
    const result = await worker.done;
    expect(result.code, result.stderr).toBe(0);
    expect(worker.lines.some((line) => line.includes("step slow attempt 1 succeeded"))).toBe(true);
    const events = await store.events(runId);
    expect(events.at(-1)).toMatchObject({ type: "run_finished", status: "success" });
  });

  it("names the store without its password when the server does not answer", async () => {
    const root = workspace({ "src/assets.ts": ASSETS });
    const result = await cli(["worker", "--store", "postgres://me:s3cret@127.0.0.1:1/test"], root);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("127.0.0.1:1");
    expect(result.stderr).not.toContain("s3cret");
  });

  it("says in one line that it needs a PostgreSQL store", async () => {
    const root = workspace({ "src/assets.ts": ASSETS });
    const result = await cli(["worker"], root, { ASSETLINE_STORE_URL: "" });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("--store postgres://");
  });
});
