/** A run's events are recorded without waiting at each emit, yet a write the store refuses still fails the run. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RunRecorder } from "../../../sdk/src/run/runRecorder";
import { openStore, openStoreReader } from "../../../sdk/src/store/openStore";
import { freshStores } from "../store/freshStores";
import { storeKinds } from "../store/storeKinds";
import { finished, materialized } from "./storeRuns";

const record = (runId: string) =>
  materialized({
    key: "a",
    runId,
    timestamp: 1,
    durationMs: 1,
    metadata: {},
    codeVersion: "c",
    dataVersion: "d",
    upstreamDataVersions: {},
  });

describe.each(storeKinds)("RunRecorder over the $name store", (kind) => {
  const fresh = freshStores(kind);

  it("has every event committed once it settles", async () => {
    const { store, location } = await fresh();
    await store.startRun({ id: "r1", selection: "*", origin: "cli", startedAt: 1 });
    const recorder = new RunRecorder(store);
    recorder.record(record("r1"));
    recorder.record(finished("r1", "success"));
    await recorder.settle();
    const reader = await openStoreReader(location);
    expect((await reader.events("r1")).map((event) => event.type)).toEqual(["materialization", "run_finished"]);
    await reader.close();
  });
});

/** A store whose connection is gone under a run: SQLite's, closed by the test itself. */
describe("RunRecorder over a closed SQLite store", () => {
  it("rejects with the first write the store refused", async () => {
    const dir = mkdtempSync(join(tmpdir(), "assetline-recorder-"));
    const store = await openStore(join(dir, ".assetline"));
    await store.startRun({ id: "r1", selection: "*", origin: "cli", startedAt: 1 });
    const recorder = new RunRecorder(store);
    recorder.record(record("r1"));
    // A store gone (its connection closed) refuses the run's end, which is written at once.
    await store.close();
    recorder.record(finished("r1", "success"));
    await expect(recorder.settle()).rejects.toThrow();
    rmSync(dir, { recursive: true, force: true });
  });
});
