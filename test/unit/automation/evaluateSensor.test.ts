/**
 * A sensor's function as the run process calls it: an asset sensor once per new materialization (without a function,
 * one run of its target each), a run-status sensor once per finished run; what it returns wrong said in words.
 */
import { describe, expect, it } from "vitest";
import { assetSensor, RunRequest, runStatusSensor, SkipReason, sensor } from "../../../sdk/src";
import { sensorInfoOf } from "../../../sdk/src/automation/sensor";
import { evaluateSensor } from "../../../sdk/src/automation/sensorTick/evaluateSensor";

const named = (handle: Parameters<typeof sensorInfoOf>[0], name: string) => ({ ...sensorInfoOf(handle), name });
const materialization = (runId: string) => ({ key: "orders", runId, timestamp: 1 });

describe("evaluateSensor", () => {
  it("calls an asset sensor once per materialization, and requests its target per materialization without one", async () => {
    const withFn = assetSensor({ asset: "orders", selection: "key:revenue" }, (ctx, event) =>
      RunRequest({ runKey: event.runId, tags: { cursor: ctx.cursor ?? "" } }),
    );
    const input = { cursor: "7", materializations: [materialization("r1"), materialization("r2")] };
    expect(await evaluateSensor(named(withFn, "on_orders"), input)).toEqual({
      requests: [
        { runKey: "r1", tags: { cursor: "7" } },
        { runKey: "r2", tags: { cursor: "7" } },
      ],
    });
    const plain = assetSensor({ asset: "orders", selection: "key:revenue" });
    expect(await evaluateSensor(named(plain, "plain"), input)).toEqual({ requests: [{}, {}] });
  });

  it("gives a run-status sensor each finished run, and keeps the reasons it skipped", async () => {
    const seen: string[] = [];
    const onFailure = runStatusSensor({ status: "failure" }, (_ctx, run) => {
      seen.push(`${run.runId}:${run.status}`);
      return SkipReason(`notified about ${run.runId}`);
    });
    const runs = [1, 2].map((i) => ({ runId: `r${i}`, status: "failure" as const, startedAt: 0, finishedAt: i }));
    expect(await evaluateSensor(named(onFailure, "on_failure"), { runs })).toEqual({
      requests: [],
      skipReason: "notified about r1; notified about r2",
    });
    expect(seen).toEqual(["r1:failure", "r2:failure"]);
  });

  it("says what a function returned or threw wrong, naming the sensor, and keeps the cursor only when it threw not", async () => {
    const odd = sensor({ selection: "*" }, () => ({ runKey: "x" }) as never);
    expect(await evaluateSensor(named(odd, "odd"), {})).toEqual({
      requests: [],
      error:
        'sensor "odd" returned an object that is no RunRequest: return RunRequest({ ... }), a list of them, SkipReason("why") or nothing.',
    });
    const thrower = sensor({ selection: "*" }, (ctx) => {
      ctx.updateCursor("advanced");
      throw new Error("the bucket is gone");
    });
    expect(await evaluateSensor(named(thrower, "thrower"), { cursor: "c" })).toEqual({
      requests: [],
      error: 'sensor "thrower" threw: the bucket is gone',
    });
  });
});
