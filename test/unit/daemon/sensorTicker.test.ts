/**
 * The daemon's sensor loop on a real store, each sensor function in a real `assetline sensor-tick` process: the cursor
 * it sets carries over ticks and restarts, a run key is run once, its error or timeout is the tick's, a pause holds
 * across restarts. Runs are recorded, not started (daemon.test.ts and sensorsDev.test.ts start them).
 */
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { evaluateInProcess } from "../../../sdk/src/daemon/sensorProcess";
import { SensorTicker } from "../../../sdk/src/daemon/sensorTicks";
import type { SensorInfo } from "../../../sdk/src/protocol/automation";
import { openStore } from "../../../sdk/src/store/openStore";
import type { Store } from "../../../sdk/src/store/store";
import { cliBin, fixtureWorkspaces } from "../run/workspace";

const workspace = fixtureWorkspaces();

const SENSORS = `import { asset, RunRequest, sensor } from "assetline";
export const orders = asset(() => [1, 2, 3]);
export const counter = sensor({ minimumInterval: "1s", selection: "key:orders" }, (ctx) => {
  const n = Number(ctx.cursor ?? "0");
  ctx.updateCursor(String(n + 1));
  return RunRequest({ runKey: "k" + n, config: { orders: { n } } });
});
export const same_key = sensor({ selection: "key:orders" }, () => RunRequest({ runKey: "always-the-same" }));
export const broken = sensor({ selection: "key:orders" }, () => { throw new Error("no bucket named raw"); });
export const slow = sensor({ selection: "key:orders" }, () => new Promise(() => setInterval(() => {}, 1000)));
`;

const info = (name: string, minimumIntervalMs = 30_000): SensorInfo => ({
  name,
  kind: "sensor",
  minimumInterval: `${minimumIntervalMs / 1000}s`,
  minimumIntervalMs,
  target: { selection: "key:orders" },
});

const open: { store: Store; ticker: SensorTicker }[] = [];
afterEach(async () => {
  for (const { store, ticker } of open.splice(0)) {
    await ticker.stop();
    await store.close();
  }
});

/** A daemon's sensor loop over the workspace's store; the runs it asks for are recorded with their options. */
async function daemonLoop(root: string, sensors: SensorInfo[], timeoutMs = 60_000) {
  const store = await openStore(join(root, ".assetline"));
  const started: Record<string, string>[] = [];
  const ticker = new SensorTicker({
    sensors: () => sensors,
    store,
    evaluate: (name, input, signal) =>
      evaluateInProcess(name, input, {
        target: { root, storeDir: join(root, ".assetline") },
        cliPath: cliBin,
        timeoutMs,
        signal,
      }),
    startRun: async (_ticket, options) => {
      started.push(options);
      return `run-${started.length}`;
    },
    log: () => {},
  });
  open.push({ store, ticker });
  return { store, ticker, started };
}

async function restart(loop: Awaited<ReturnType<typeof daemonLoop>>) {
  await loop.ticker.stop();
  await loop.store.close();
  open.splice(
    open.findIndex((entry) => entry.ticker === loop.ticker),
    1,
  );
}

describe("SensorTicker", () => {
  it("keeps the cursor the function sets across ticks and a restart, and runs its requests as the sensor's", async () => {
    const root = workspace({ "src/assets.ts": SENSORS });
    const first = await daemonLoop(root, [info("counter")]);
    expect(await first.ticker.tickNow("counter")).toMatchObject({
      status: "succeeded",
      runIds: ["run-1"],
      cursor: "1",
    });
    expect(await first.ticker.tickNow("counter")).toMatchObject({ status: "succeeded", cursor: "2" });
    expect(first.started[0]).toEqual({
      select: "key:orders",
      origin: "sensor",
      instigator: "counter",
      "config-json": JSON.stringify({ orders: { n: 0 } }),
    });
    await restart(first);
    const second = await daemonLoop(root, [info("counter")]);
    expect((await second.store.instigatorStates()).get("counter")?.cursor).toBe("2");
    expect(await second.ticker.tickNow("counter")).toMatchObject({ status: "succeeded", cursor: "3" });
    expect(second.started.map((options) => JSON.parse(options["config-json"]!))).toEqual([{ orders: { n: 2 } }]);
  }, 60_000);

  it("runs a run key once: the same key on the next tick (or after a restart) starts nothing", async () => {
    const root = workspace({ "src/assets.ts": SENSORS });
    const first = await daemonLoop(root, [info("same_key")]);
    expect(await first.ticker.tickNow("same_key")).toMatchObject({ status: "succeeded", runIds: ["run-1"] });
    expect(await first.ticker.tickNow("same_key")).toMatchObject({
      status: "skipped",
      reason: "every run key was used before",
    });
    await restart(first);
    const second = await daemonLoop(root, [info("same_key")]);
    expect(await second.ticker.tickNow("same_key")).toMatchObject({ status: "skipped" });
    expect([first.started.length, second.started.length]).toEqual([1, 0]);
  }, 60_000);

  it("records what the function threw, and a function out of time, on the tick: the loop goes on", async () => {
    const root = workspace({ "src/assets.ts": SENSORS });
    const loop = await daemonLoop(root, [info("broken"), info("slow"), info("counter")], 4_000);
    const broken = await loop.ticker.tickNow("broken");
    expect(broken).toMatchObject({ status: "failed", runIds: [] });
    expect(broken.error).toBe('sensor "broken" threw: no bucket named raw');
    expect(await loop.ticker.tickNow("slow")).toMatchObject({ status: "failed", error: "timed out after 4 s" });
    expect((await loop.store.latestSensorTicks()).get("slow")).toMatchObject({
      status: "failed",
      error: "timed out after 4 s",
    });
    expect(await loop.ticker.tickNow("counter")).toMatchObject({ status: "succeeded" });
  }, 60_000);

  it("does not tick a paused sensor, before or after a restart, until it is resumed", async () => {
    const root = workspace({ "src/assets.ts": SENSORS });
    const first = await daemonLoop(root, [info("counter", 1_000)]);
    await first.store.setPaused("counter", "sensor", true);
    await first.ticker.plan();
    expect(first.ticker.nextTicks().has("counter")).toBe(false);
    await restart(first);
    const second = await daemonLoop(root, [info("counter", 1_000)]);
    await second.ticker.plan();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await second.store.latestSensorTicks()).get("counter")).toBeUndefined();
    await second.store.setPaused("counter", "sensor", false);
    await second.ticker.plan();
    await expect.poll(() => second.started.length, { timeout: 20_000 }).toBeGreaterThan(0);
  }, 60_000);
});
