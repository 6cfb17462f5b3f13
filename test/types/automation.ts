/**
 * Compiled by `npm run typecheck`, never run: a schedule or sensor runs exactly one of a job and a selection, a
 * sensor's function gets its context (and its event) and returns run requests or a skip reason, and an asset's
 * `automationCondition` is built with AutomationCondition. Each `@ts-expect-error` must meet a real type error.
 */
import {
  AssetSelection,
  AutomationCondition,
  RunRequest,
  SkipReason,
  asset,
  assetSensor,
  defineAssetJob,
  runStatusSensor,
  schedule,
  sensor,
} from "assetline";

const orders = asset({ automationCondition: AutomationCondition.eager() }, () => [1]);
const gold = defineAssetJob({ name: "gold", selection: "key:orders" });

export const byJob = schedule({ job: gold, cron: "0 6 * * *", timezone: "Europe/Lisbon" });
export const byName = schedule({ job: "gold", cron: "0 6 * * *" });
export const bySelection = schedule({
  selection: AssetSelection.keys("orders"),
  cron: "0 6 * * *",
  partitions: (tick) => tick.toISOString().slice(0, 10),
});
// @ts-expect-error both a job and a selection
schedule({ job: gold, selection: "*", cron: "0 6 * * *" });
// @ts-expect-error neither a job nor a selection
schedule({ cron: "0 6 * * *" });
// @ts-expect-error a schedule needs a cron
schedule({ job: gold });
// @ts-expect-error partitions is "latest" or a function
schedule({ job: gold, cron: "0 6 * * *", partitions: "all" });

export const files = sensor({ minimumInterval: "30s", selection: "key:orders" }, async (ctx) => {
  if (ctx.cursor === undefined) return SkipReason("first tick");
  ctx.updateCursor("next");
  return [RunRequest({ runKey: ctx.cursor, config: { orders: { path: "x" } } })];
});
// @ts-expect-error a cursor is a string
sensor({ selection: "*" }, (ctx) => ctx.updateCursor(1));
// @ts-expect-error a sensor returns run requests, a skip reason or nothing
sensor({ selection: "*" }, () => "run");

export const onOrders = assetSensor({ asset: orders, job: gold }, (_ctx, materialization) =>
  RunRequest({ partitionKey: materialization.partition }),
);
export const onFailure = runStatusSensor({ status: "failure", monitoredJobs: [gold] }, (_ctx, run) =>
  run.status === "failure" ? undefined : SkipReason(run.runId),
);
// @ts-expect-error a run ends in success or failure
runStatusSensor({ status: "canceled" }, () => undefined);

// @ts-expect-error a condition is built with AutomationCondition, not written as data
asset({ automationCondition: { type: "missing" } }, () => 1);
// @ts-expect-error `without` takes a condition
AutomationCondition.eager().without("inLatestTimeWindow");
