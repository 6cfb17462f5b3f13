/**
 * What asset and run-status sensors react to, read from a real store: each starts watching at its first tick (older
 * history fires nothing), then sees each new materialization, or each run finished with its status (of its jobs),
 * once, in order.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { sensorEvents } from "../../../sdk/src/daemon/sensorEvents";
import type { SensorInfo } from "../../../sdk/src/protocol/automation";
import { openStore } from "../../../sdk/src/store/openStore";
import type { Store } from "../../../sdk/src/store/store";
import { recordFinishedRun } from "./finishedRun";

let dir = "";
let store: Store;
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});
async function newStore(): Promise<Store> {
  dir = mkdtempSync(join(tmpdir(), "assetline-sensor-events-"));
  store = await openStore(join(dir, ".assetline"));
  return store;
}

/** One run of `selection` that materializes `keys` and ends with `status` at `endedAt`. */
function run(id: string, selection: string, keys: string[], status: "success" | "failed", endedAt: number) {
  return recordFinishedRun(store, id, selection, keys, status, endedAt);
}

const common = { minimumInterval: "30s", minimumIntervalMs: 30_000, target: { selection: "key:revenue" } };
const onOrders: SensorInfo = { name: "on_orders", kind: "asset", asset: "orders", ...common };
const onFailure: SensorInfo = { name: "on_failure", kind: "runStatus", status: "failure", ...common };

describe("sensorEvents", () => {
  it("an asset sensor sees each materialization of its asset after its first tick, once", async () => {
    await newStore();
    await run("r1", "*", ["orders", "customers"], "success", 1_000);
    const start = await sensorEvents(onOrders, undefined, store, 2_000);
    expect(start).toMatchObject({ kind: "start", reason: "watching new materializations of orders from now on" });
    expect(await sensorEvents(onOrders, start.cursor, store, 3_000)).toMatchObject({
      materializations: [],
      none: "no new materialization of orders",
      cursor: start.cursor,
    });
    await run("r2", "*", ["orders"], "success", 4_000);
    await run("r3", "*", ["customers", "orders"], "success", 5_000);
    const seen = await sensorEvents(onOrders, start.cursor, store, 6_000);
    expect(seen.kind === "events" && seen.materializations?.map((event) => event.runId)).toEqual(["r2", "r3"]);
    expect(await sensorEvents(onOrders, seen.cursor, store, 7_000)).toMatchObject({ materializations: [] });
  });

  it("a run-status sensor sees each run finished with its status after its first tick, of its jobs", async () => {
    await newStore();
    await run("old", "*", [], "failed", 1_000);
    const start = await sensorEvents(onFailure, undefined, store, 2_000);
    expect(start).toMatchObject({ kind: "start", cursor: "2000/" });
    await run("a", "job nightly (key:orders)", [], "failed", 3_000);
    await run("b", "*", [], "success", 3_000);
    await run("c", "job hourly (key:orders)", [], "failed", 4_000);
    const seen = await sensorEvents(onFailure, start.cursor, store, 5_000);
    expect(seen).toMatchObject({ cursor: "4000/c" });
    expect(seen.kind === "events" && seen.runs).toEqual([
      { runId: "a", status: "failure", job: "nightly", startedAt: 2_990, finishedAt: 3_000 },
      { runId: "c", status: "failure", job: "hourly", startedAt: 3_990, finishedAt: 4_000 },
    ]);
    const nightlyOnly = { ...onFailure, monitoredJobs: ["nightly"] };
    const watched = await sensorEvents(nightlyOnly, start.cursor, store, 5_000);
    expect(watched.kind === "events" && watched.runs?.map((event) => event.runId)).toEqual(["a"]);
    expect(await sensorEvents(onFailure, seen.cursor, store, 6_000)).toMatchObject({
      runs: [],
      none: "no run finished with status failure",
    });
  });
});
