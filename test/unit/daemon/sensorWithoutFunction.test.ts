/**
 * An asset or run-status sensor written without a function, on a real store: the daemon runs its target once per new
 * event itself (no `assetline sensor-tick` process), keyed by the event so neither a restart nor a rewound cursor
 * runs it twice; with a function, each event still goes through the function in its process.
 */
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { evaluateInProcess } from "../../../sdk/src/daemon/sensorProcess";
import { SensorTicker } from "../../../sdk/src/daemon/sensorTicks";
import type { SensorInfo } from "../../../sdk/src/protocol/automation";
import { openStore } from "../../../sdk/src/store/openStore";
import type { Store } from "../../../sdk/src/store/store";
import { cliBin, fixtureWorkspaces } from "../run/workspace";
import { recordFinishedRun } from "./finishedRun";

const workspace = fixtureWorkspaces();

const ASSETS = `import { asset, assetSensor, RunRequest } from "assetline";
export const orders = asset(() => [1, 2, 3]);
export const revenue = asset(() => 6);
export const on_orders_fn = assetSensor({ asset: orders, selection: "key:revenue" }, (_ctx, event) =>
  RunRequest({ runKey: "fn:" + event.runId }),
);
`;

const common = { minimumInterval: "30s", minimumIntervalMs: 30_000 };
const onOrders: SensorInfo = {
  ...common,
  name: "on_orders",
  kind: "asset",
  asset: "orders",
  target: { selection: "key:revenue" },
  hasFunction: false,
};
const afterGold: SensorInfo = {
  ...common,
  name: "after_gold",
  kind: "runStatus",
  status: "success",
  monitoredJobs: ["gold_job"],
  target: { job: "gold_job" },
  hasFunction: false,
};
const onOrdersFn: SensorInfo = { ...onOrders, name: "on_orders_fn", hasFunction: true };

const open: { store: Store; ticker: SensorTicker }[] = [];
afterEach(async () => {
  for (const { store, ticker } of open.splice(0)) {
    await ticker.stop();
    await store.close();
  }
});

/** A daemon's sensor loop; which sensors its processes evaluated, and the runs it started with their options. */
async function daemonLoop(root: string, sensors: SensorInfo[]) {
  const storeDir = join(root, ".assetline");
  const store = await openStore(storeDir);
  const evaluated: string[] = [];
  const started: Record<string, string>[] = [];
  const ticker = new SensorTicker({
    sensors: () => sensors,
    store,
    evaluate: (name, input, signal) => {
      evaluated.push(name);
      return evaluateInProcess(name, input, { target: { root, storeDir }, cliPath: cliBin, timeoutMs: 60_000, signal });
    },
    startRun: async (ticket, options) => {
      started.push(options);
      return `run-of-${ticket}`;
    },
    log: () => {},
  });
  open.push({ store, ticker });
  return { store, ticker, evaluated, started };
}

/** The daemon stopped and started again over the same workspace and store. */
async function restart(root: string, loop: Awaited<ReturnType<typeof daemonLoop>>, sensors: SensorInfo[]) {
  await loop.ticker.stop();
  await loop.store.close();
  open.splice(
    open.findIndex((entry) => entry.ticker === loop.ticker),
    1,
  );
  return daemonLoop(root, sensors);
}

/** Sets the sensor's cursor back, as a lost or reset cursor would: the events after it are read again. */
async function rewind(store: Store, sensor: string, cursor: string): Promise<void> {
  await store.commitSensorEvaluation({ sensor, tickAt: Date.now() - 60_000, cursor, requests: [] });
}

describe("a sensor without a function", () => {
  it("runs an asset sensor's target once per new materialization, across a restart, with no process", async () => {
    const root = workspace({ "src/assets.ts": ASSETS });
    const first = await daemonLoop(root, [onOrders]);
    const watching = await first.ticker.tickNow("on_orders");
    expect(watching).toMatchObject({
      status: "skipped",
      reason: "watching new materializations of orders from now on",
    });
    await recordFinishedRun(first.store, "r1", "*", ["orders"], "success", Date.now());
    await recordFinishedRun(first.store, "r2", "*", ["customers", "orders"], "success", Date.now());
    expect(await first.ticker.tickNow("on_orders")).toMatchObject({
      status: "succeeded",
      runIds: [expect.any(String), expect.any(String)],
    });
    const asSensor = { select: "key:revenue", origin: "sensor", instigator: "on_orders" };
    expect(first.started).toEqual([asSensor, asSensor]);

    const second = await restart(root, first, [onOrders]);
    expect(await second.ticker.tickNow("on_orders")).toMatchObject({
      status: "skipped",
      reason: "no new materialization of orders",
    });
    await rewind(second.store, "on_orders", watching.cursor!);
    expect(await second.ticker.tickNow("on_orders")).toMatchObject({
      status: "skipped",
      reason: "every run key was used before",
    });
    await recordFinishedRun(second.store, "r3", "*", ["orders"], "success", Date.now());
    expect(await second.ticker.tickNow("on_orders")).toMatchObject({ status: "succeeded" });
    expect(second.started).toEqual([asSensor]);
    expect([...first.evaluated, ...second.evaluated]).toEqual([]);
  }, 60_000);

  it("runs a run-status sensor's job once per run of its jobs finished with its status, across a restart", async () => {
    const root = workspace({ "src/assets.ts": ASSETS });
    const first = await daemonLoop(root, [afterGold]);
    const watching = await first.ticker.tickNow("after_gold");
    expect(watching).toMatchObject({ status: "skipped", reason: "watching runs that finish from now on" });
    const later = Date.now() + 1_000;
    await recordFinishedRun(first.store, "gold-ok", "job gold_job (key:revenue)", [], "success", later);
    await recordFinishedRun(first.store, "gold-failed", "job gold_job (key:revenue)", [], "failed", later + 1);
    await recordFinishedRun(first.store, "other-ok", "job other_job (key:orders)", [], "success", later + 2);
    await recordFinishedRun(first.store, "adhoc-ok", "*", [], "success", later + 3);
    expect(await first.ticker.tickNow("after_gold")).toMatchObject({ status: "succeeded" });
    expect(first.started).toEqual([{ job: "gold_job", origin: "sensor", instigator: "after_gold" }]);

    const second = await restart(root, first, [afterGold]);
    await rewind(second.store, "after_gold", watching.cursor!);
    expect(await second.ticker.tickNow("after_gold")).toMatchObject({
      status: "skipped",
      reason: "every run key was used before",
    });
    expect(second.started).toEqual([]);
    expect([...first.evaluated, ...second.evaluated]).toEqual([]);
  }, 60_000);

  it("leaves a sensor with a function to its process: the function's requests and run keys, as before", async () => {
    const root = workspace({ "src/assets.ts": ASSETS });
    const loop = await daemonLoop(root, [onOrdersFn]);
    await loop.ticker.tickNow("on_orders_fn");
    await recordFinishedRun(loop.store, "r1", "*", ["orders"], "success", Date.now());
    expect(await loop.ticker.tickNow("on_orders_fn")).toMatchObject({ status: "succeeded" });
    const watching = (await loop.store.instigatorStates()).get("on_orders_fn")!.cursor!;
    await rewind(loop.store, "on_orders_fn", "0");
    // Read again from the start, r1 goes through the function again, whose run key was used.
    expect(await loop.ticker.tickNow("on_orders_fn")).toMatchObject({
      status: "skipped",
      reason: "every run key was used before",
      cursor: watching,
    });
    expect(loop.evaluated).toEqual(["on_orders_fn", "on_orders_fn"]);
    expect(loop.started).toEqual([{ select: "key:revenue", origin: "sensor", instigator: "on_orders_fn" }]);
  }, 60_000);
});
