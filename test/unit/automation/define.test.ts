/**
 * Schedules, sensors and `automationCondition`: mistakes refused where they are written (naming the definition and
 * the fix), and the repository naming and collecting them as the graph's `schedules` and `sensors`.
 */
import { describe, expect, it } from "vitest";
import {
  AutomationCondition,
  Definitions,
  RunRequest,
  SkipReason,
  asset,
  assetSensor,
  defineAssetJob,
  runStatusSensor,
  schedule,
  sensor,
} from "assetline";
import { buildRepository } from "../../../sdk/src/define/repository";

const orders = asset({ automationCondition: AutomationCondition.eager() }, () => []);
const gold = defineAssetJob({ name: "gold_job", selection: "key:orders" });
const noop = () => undefined;

describe("options refused where they are written", () => {
  it.each<[string, () => unknown, string]>([
    [
      "a bad cron",
      () => schedule({ name: "nightly", cron: "0 6 * *", selection: "*" }),
      'schedule("nightly"): `cron`: "0 6 * *" is not a cron expression',
    ],
    [
      "an unknown time zone",
      () => schedule({ cron: "0 6 * * *", timezone: "Europe/Lisbn", selection: "*" }),
      'schedule(…): `timezone`: "Europe/Lisbn" is not an IANA time zone: write one like "Europe/Paris" or "UTC".',
    ],
    [
      "timezone and its alias disagreeing",
      () => schedule({ cron: "0 6 * * *", timezone: "UTC", executionTimezone: "Europe/Paris", selection: "*" }),
      "schedule(…): `timezone` and `executionTimezone` are the same option: give one.",
    ],
    [
      "both job and selection",
      () => schedule({ cron: "0 6 * * *", job: gold, selection: "*" } as never),
      "schedule(…): give either `job` or `selection`, not both.",
    ],
    [
      "neither job nor selection",
      () => sensor({ name: "s" } as never, noop),
      'sensor("s"): say what it runs: `job: someJob` or `selection: "group:gold"`.',
    ],
    [
      "a bad minimum interval",
      () => sensor({ minimumInterval: "30 secs", selection: "*" }, noop),
      'sensor(…): `minimumInterval`: "30 secs" is not a duration at "30 secs"',
    ],
    [
      "a run status sensor's unknown status",
      () => runStatusSensor({ status: "done" as never }, noop),
      'runStatusSensor(…): `status` must be "success" or "failure" (got "done").',
    ],
    [
      "a run status sensor with neither a function nor a job",
      () => runStatusSensor({ status: "failure" }),
      "runStatusSensor(…): without a function it needs a `job` to run for each finished run.",
    ],
    [
      "an asset sensor without an asset",
      () => assetSensor({ job: gold } as never),
      "assetSensor(…): `asset` must be an asset or an asset key string.",
    ],
    [
      "an automation condition that is no AutomationCondition",
      () => asset({ key: "x", automationCondition: { type: "missing" } as never }, () => 1),
      'asset("x"): `automationCondition` must be built with AutomationCondition, such as AutomationCondition.eager().',
    ],
  ])("%s", (_name, define, message) => {
    expect(define).toThrow(message);
  });
});

describe("RunRequest and SkipReason", () => {
  it("are frozen, and check their strings", () => {
    const request = RunRequest({ runKey: "a.csv", config: { orders: { path: "a.csv" } } });
    expect(Object.isFrozen(request)).toBe(true);
    expect(request).toMatchObject({ runKey: "a.csv" });
    expect(SkipReason("no new files").message).toBe("no new files");
    expect(() => RunRequest({ runKey: 1 as never })).toThrow("RunRequest: `runKey` must be a string (got number).");
  });
});

describe("the repository's schedules and sensors", () => {
  const listedOnly = schedule({ name: "listed_only", cron: "0 0 * * *", selection: "key:orders" });
  const graphOf = (modules: Record<string, unknown>[]) => buildRepository(modules).graph;

  it("names them by export name, counts exported and listed ones, and keeps the asset's condition", () => {
    const graph = graphOf([
      {
        orders,
        gold,
        nightly: schedule({ job: gold, cron: "0 6 * * *", executionTimezone: "Europe/Lisbon" }),
        files: sensor({ minimumInterval: "5m", selection: "key:orders" }, noop),
        on_orders: assetSensor({ asset: orders, job: "gold_job" }),
        on_failure: runStatusSensor({ status: "failure", monitoredJobs: [gold] }, noop),
        defs: new Definitions({ assets: [orders], jobs: [gold], schedules: [listedOnly] }),
      },
    ]);
    expect(graph.nodes[0]?.automationCondition?.label).toBe("eager");
    expect(graph.schedules).toEqual([
      { name: "nightly", cron: "0 6 * * *", timezone: "Europe/Lisbon", target: { job: "gold_job" } },
      { name: "listed_only", cron: "0 0 * * *", timezone: "UTC", target: { selection: "key:orders" } },
    ]);
    expect(graph.sensors).toEqual([
      {
        name: "files",
        kind: "sensor",
        minimumInterval: "5m",
        minimumIntervalMs: 300_000,
        target: { selection: "key:orders" },
        hasFunction: true,
      },
      {
        name: "on_orders",
        kind: "asset",
        minimumInterval: "30s",
        minimumIntervalMs: 30_000,
        target: { job: "gold_job" },
        asset: "orders",
        hasFunction: false,
      },
      {
        name: "on_failure",
        kind: "runStatus",
        minimumInterval: "30s",
        minimumIntervalMs: 30_000,
        status: "failure",
        monitoredJobs: ["gold_job"],
        hasFunction: true,
      },
    ]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      "a listed schedule without a name",
      {
        orders,
        defs: new Definitions({ assets: [orders], schedules: [schedule({ cron: "0 0 * * *", selection: "*" })] }),
      },
      "The schedule at `schedules[0]` of the Definitions has no name: export it, or give it a `name` option.",
    ],
    [
      "two schedules with one name",
      {
        orders,
        a: schedule({ name: "daily", cron: "0 0 * * *", selection: "*" }),
        b: schedule({ name: "daily", cron: "0 1 * * *", selection: "*" }),
      },
      'Two schedules are named "daily": give one a different `name` option.',
    ],
    [
      "a job name no job has",
      { orders, gold, typo: schedule({ cron: "0 0 * * *", job: "gold_jobs" }) },
      'Schedule "typo" runs job "gold_jobs", which is no job of the workspace (its jobs: "gold_job"): list the job in the Definitions\' `jobs`, or export it.',
    ],
    [
      "an asset sensor on no asset of the workspace",
      { orders, gold, watch: assetSensor({ asset: "ordrs", job: gold }) },
      'Sensor "watch" watches "ordrs", which is no asset of the workspace: name an asset the Definitions include.',
    ],
  ])("refuses %s", (_name, module, message) => {
    expect(() => graphOf([module])).toThrow(message);
  });

  it("keeps the sensor's function for the daemon, never calling it", () => {
    let called = false;
    const repository = buildRepository([{ orders, watch: sensor({ selection: "*" }, () => void (called = true)) }]);
    expect(repository.automation.sensors[0]?.evaluate).toBeTypeOf("function");
    expect(called).toBe(false);
  });
});
