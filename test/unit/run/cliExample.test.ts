import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DryRunSchema,
  MaterializationSchema,
  PartitionsOutputSchema,
  RunsOutputSchema,
  StatusOutputSchema,
  type AssetStatus,
  type RunEvent,
} from "assetline/protocol";
import { cli, copyExample, ensureCliBuilt, machineOutput, parseEvents, removeWorkspace } from "./workspace";

let root: string;
/** The example's daily partitions: the seed's 100 hourly orders from 2026-03-01. */
const DAYS = ["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"];
/** The steps of the gold_revenue job (+key:gold_daily_revenue) for these days, each day's checks included, sorted. */
const jobSteps = (days: string[]) =>
  [
    "bronze_customers",
    "bronze_products",
    ...[
      "bronze_orders",
      "gold_daily_revenue",
      "silver_orders_enriched",
      "check:bronze_orders:orders_per_day",
      "check:bronze_orders:unique_order_id",
      "check:silver_orders_enriched:non_negative_totals",
    ].flatMap((key) => days.map((day) => `${key}[${day}]`)),
  ].sort();
const valueId = (key: string, partition: string | undefined) => (partition ? `${key}[${partition}]` : key);

async function statuses(): Promise<Map<string, AssetStatus>> {
  const result = await cli(["status", "--json"], root);
  expect(result.code, result.stderr).toBe(0);
  const { assets } = machineOutput(StatusOutputSchema, result.stdout);
  return new Map(assets.map((status) => [status.key, status]));
}

beforeAll(() => {
  ensureCliBuilt();
  root = copyExample();
});
afterAll(() => removeWorkspace(root));

// One story, in order: the example from never materialized to fresh, then stale by a code edit and by an upstream run.
describe("assetline materialize / status on examples/ecommerce", () => {
  it("reports every asset as never materialized before the first run", async () => {
    const before = await statuses();
    expect(before.get("orders_raw")).toMatchObject({
      state: "never",
      reasons: ["never materialized"],
      lastMaterialization: null,
    });
  });

  it("materializes every asset with --json events, upstream always finishing before downstream starts", async () => {
    const result = await cli(["materialize", "--json", "."], root);
    expect(result.code, result.stderr).toBe(0);
    const events = parseEvents(result.stdout);
    expect(events[0]!.type).toBe("run_started");
    expect(events.at(-1)).toMatchObject({ type: "run_finished", status: "success", failed: 0, skipped: 0 });
    const materialized = events.flatMap((e) =>
      e.type === "materialization" ? [valueId(e.materialization.key, e.materialization.partition)] : [],
    );
    // Without --partitions every partition runs: 16 unpartitioned assets, the 5 days of bronze_orders,
    // silver_orders_enriched and gold_daily_revenue, March of the monthly roll-up and the 3 cities.
    expect(materialized).toHaveLength(16 + 3 * DAYS.length + 1 + 3);
    expect(materialized).toContain("gold_city_revenue[Braga]");
    const position = (type: string, step: string) =>
      events.findIndex((e) => e.type === type && "stepId" in e && e.stepId === step);
    expect(position("step_succeeded", "enriched_orders")).toBeLessThan(position("step_started", "revenue_by_segment"));
    for (const day of DAYS) {
      expect(position("step_succeeded", `bronze_orders[${day}]`)).toBeLessThan(
        position("step_started", `silver_orders_enriched[${day}]`),
      );
      // The report and the month read every day: they start once the last day is done.
      for (const reader of ["sales_report", "gold_monthly_revenue[2026-03-01]"])
        expect(position("step_succeeded", `gold_daily_revenue[${day}]`)).toBeLessThan(position("step_started", reader));
    }
  });

  it("records one duration per step: the run table's (step_succeeded), the hover's (the materialization) and duration_ms agree", async () => {
    const events = parseEvents(
      (await cli(["materialize", "--json", "--select", "+key:revenue_by_segment"], root)).stdout,
    );
    const materialized = events.flatMap((e) => (e.type === "materialization" ? [e.materialization] : []));
    // Asset steps: the example's checks run in steps of their own, which materialize nothing.
    const steps = events.flatMap((e) => (e.type === "step_succeeded" && !e.checks ? [e] : []));
    expect(steps.length).toBe(4);
    for (const step of steps) {
      const [value] = materialized.filter((m) => m.key === step.assets[0]);
      expect(value!.durationMs, step.stepId).toBe(step.durationMs);
      expect(value!.metadata.duration_ms).toEqual({ type: "float", value: Math.round(step.durationMs * 1000) / 1000 });
    }
  });

  it("then says every asset is fresh, and the store holds values and automatic metadata", async () => {
    const after = await statuses();
    // The one external asset is produced elsewhere: no run makes it fresh, its state is unknown.
    for (const status of after.values())
      expect(status.state, `${status.key}: ${status.reasons.join("; ")}`).toBe(
        status.key === "warehouse/orders" ? "unknown" : "fresh",
      );
    expect(after.get("warehouse/orders")!.reasons).toEqual([
      "external asset: produced outside Assetline, which records no materialization of it",
    ]);
    // A partitioned asset is fresh when every partition is; its summary counts them.
    expect(after.get("bronze_orders")!.partitions).toMatchObject({
      total: DAYS.length,
      materialized: DAYS.length,
      missing: 0,
      failed: 0,
      stale: 0,
    });
    // `show` prints an asset's newest materialization: for bronze_orders, one day's orders (4 on the last day).
    const m = machineOutput(MaterializationSchema, (await cli(["show", "bronze_orders", "--json"], root)).stdout);
    expect(DAYS).toContain(m.partition);
    const orders = { type: "int", value: m.partition === "2026-03-05" ? 4 : 24 };
    expect(m.metadata.row_count).toEqual(orders);
    expect(m.metadata.preview!.value).toMatch(/^\| order_id \| customer_id \|/);
    // A day of orders is a table in the warehouse, named by content hash, and read by its view.
    expect(m.valueRef).toMatch(/^duckdb:[0-9a-f]{64}$/);
    expect(m.metadata.table_name).toEqual({ type: "text", value: "bronze.bronze_orders" });
    // The month records the version of each day it read, by `key[partition]`.
    const month = machineOutput(
      MaterializationSchema,
      (await cli(["show", "gold_monthly_revenue", "--json"], root)).stdout,
    );
    expect(Object.keys(month.upstreamDataVersions).sort()).toEqual(DAYS.map((day) => `gold_daily_revenue[${day}]`));
    const revenue = machineOutput(
      MaterializationSchema,
      (await cli(["show", "revenue_by_segment", "--json"], root)).stdout,
    );
    expect(revenue.upstreamDataVersions.enriched_orders).toBeTruthy();
  });

  it("re-runs one day: only what reads that day goes stale, and --stale runs exactly those steps", async () => {
    const run = await cli(["materialize", "bronze_orders", "--partition", "2026-03-02"], root);
    expect(run.code, run.stderr).toBe(0);
    const days = await cli(["status", "--partitions", "silver_orders_enriched", "--json"], root);
    const states = machineOutput(PartitionsOutputSchema, days.stdout).partitions;
    expect(states.map((day) => day.state)).toEqual([
      "materialized",
      "stale",
      "materialized",
      "materialized",
      "materialized",
    ]);
    expect(states[1]!.reasons[0]).toMatch(
      /^upstream bronze_orders partition 2026-03-02 materialized (moments|\d+ s) after this one$/,
    );
    const plan = machineOutput(
      DryRunSchema,
      (await cli(["materialize", "--stale", "--dry-run", "--json"], root)).stdout,
    );
    // That day downstream, the report and the month that read every day, and each city, which reads all of them; the
    // checks of what runs follow it.
    expect(plan.steps.map((step) => step.id).sort()).toEqual([
      "check:sales_report:counts_every_order",
      "check:silver_orders_enriched:non_negative_totals[2026-03-02]",
      "gold_city_revenue[Braga]",
      "gold_city_revenue[Lisbon]",
      "gold_city_revenue[Porto]",
      "gold_daily_revenue[2026-03-02]",
      "gold_monthly_revenue[2026-03-01]",
      "sales_report",
      "silver_orders_enriched[2026-03-02]",
    ]);
    expect((await cli(["materialize", "--stale"], root)).code).toBe(0);
    for (const status of (await statuses()).values())
      expect(status.state, status.key).toBe(status.key === "warehouse/orders" ? "unknown" : "fresh");
  });

  it("makes an edited asset and everything downstream stale, with the reasons", async () => {
    const file = join(root, "src", "orders.ts");
    writeFileSync(file, readFileSync(file, "utf8").replace("(4, 3, 75.0,", "(4, 3, 80.0,"));
    const edited = await statuses();
    expect(edited.get("orders_raw")).toMatchObject({
      state: "stale",
      reasons: ["code changed since last materialization"],
    });
    expect(edited.get("enriched_orders")).toMatchObject({ state: "stale", reasons: ["upstream orders_raw is stale"] });
    expect(edited.get("revenue_by_segment")).toMatchObject({
      state: "stale",
      reasons: ["upstream enriched_orders is stale"],
    });
    expect(edited.get("customers")!.state).toBe("fresh");
  });

  it("says downstream assets are stale because their upstream was materialized after them", async () => {
    const run = await cli(["materialize", "orders_raw"], root);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/✔ orders_raw \([\d.]+ m?s\)/);
    const after = await statuses();
    expect(after.get("orders_raw")!.state).toBe("fresh");
    expect(after.get("enriched_orders")!.state).toBe("stale");
    expect(after.get("enriched_orders")!.reasons[0]).toMatch(
      /^upstream orders_raw materialized (moments|\d+ s) after this one$/,
    );
    expect(after.get("revenue_by_segment")!.reasons).toEqual(["upstream enriched_orders is stale"]);
  });

  it("materializes only what is stale with --stale", async () => {
    const run = await cli(["materialize", "--stale", "--json"], root);
    const started = parseEvents(run.stdout).flatMap((e) => (e.type === "step_started" ? [e.stepId] : []));
    // Each stale asset, then its checks.
    expect(started.sort()).toEqual([
      "check:enriched_orders:orders_have_customers",
      "check:revenue_by_segment:row_count",
      "enriched_orders",
      "revenue_by_segment",
    ]);
    for (const status of (await statuses()).values())
      expect(status.state).toBe(status.key === "warehouse/orders" ? "unknown" : "fresh");
    const revenue = machineOutput(
      MaterializationSchema,
      (await cli(["show", "revenue_by_segment", "--json"], root)).stdout,
    );
    expect(revenue.metadata.preview!.value).toContain("| Premium | 330 |");
  });

  it("materializes a job's selection or a --select expression, and explains a bad selection", async () => {
    const job = parseEvents((await cli(["materialize", "--job", "gold_revenue", "--json"], root)).stdout);
    const planned = (job[0] as Extract<RunEvent, { type: "run_started" }>).plan.map((step) => step.id);
    expect(planned.sort()).toEqual(jobSteps(DAYS));
    // The run is recorded as the job's, so `runs` and the runs picker say which job ran.
    expect((job[0] as Extract<RunEvent, { type: "run_started" }>).selection).toBe(
      "job gold_revenue (+key:gold_daily_revenue)",
    );
    const select = parseEvents((await cli(["materialize", "--select", "group:api", "--json"], root)).stdout);
    expect((select[0] as Extract<RunEvent, { type: "run_started" }>).plan).toEqual([
      { id: "users,posts,comments", assets: ["users", "posts", "comments"], dependsOn: [] },
    ]);

    const bad = await cli(["materialize", "--select", "key:orders_raw and"], root);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/cannot parse selection "key:orders_raw and"/);
    const unknownJob = await cli(["materialize", "--job", "nope"], root);
    expect(unknownJob.stderr).toContain(`no job named "nope"; the jobs are: materialize_all_sales, gold_revenue`);
    const unknownKey = await cli(["materialize", "order_raw"], root);
    expect(unknownKey.stderr).toContain(`no asset "order_raw" in this workspace. Did you mean "orders_raw"?`);
    const both = await cli(["materialize", "--stale", "orders_raw"], root);
    expect(both.code).toBe(2);
  });

  it("plans without running on --dry-run: the same steps, each asset's state, and no run recorded", async () => {
    const runsBefore = machineOutput(RunsOutputSchema, (await cli(["runs", "--json"], root)).stdout).runs.length;
    const dry = await cli(
      ["materialize", "--job", "gold_revenue", "--partition", "2026-03-05", "--dry-run", "--json"],
      root,
    );
    expect(dry.code, dry.stderr).toBe(0);
    const plan = machineOutput(DryRunSchema, dry.stdout);
    expect(plan.selection).toContain("job gold_revenue (+key:gold_daily_revenue)");
    // One day: the partitioned assets plan that day only, the unpartitioned tables they read run whole.
    expect(plan.steps.map((step) => step.id).sort()).toEqual(jobSteps(["2026-03-05"]));
    expect(plan.statuses.every((status) => status.state === "fresh")).toBe(true);
    const human = await cli(["materialize", "--select", "group:api", "--dry-run"], root);
    expect(human.stdout).toMatch(/^Would run 1 step \(group:api\); nothing was run:\n {2}1\. users +● fresh/);
    expect(machineOutput(RunsOutputSchema, (await cli(["runs", "--json"], root)).stdout).runs.length).toBe(runsBefore);
  });

  it("lists runs newest first, prints a run's logs, and wipes an asset back to never", async () => {
    const runs = machineOutput(RunsOutputSchema, (await cli(["runs", "--json", "--limit", "3"], root)).stdout).runs;
    expect(runs.map((r) => [r.status, r.selection, r.origin])).toEqual([
      ["success", "group:api", "cli"],
      ["success", "job gold_revenue (+key:gold_daily_revenue)", "cli"],
      ["success", "key:enriched_orders or key:revenue_by_segment", "cli"],
    ]);
    const all = machineOutput(RunsOutputSchema, (await cli(["runs", "--json"], root)).stdout).runs;
    const logs = await cli(["logs", all.at(-1)!.id], root);
    expect(logs.stdout).toContain("customers_data: info: Found 2 active customers");

    const refused = await cli(["wipe", "bronze_orders"], root);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("add --yes");
    const wiped = await cli(["wipe", "bronze_orders", "--yes"], root);
    expect(wiped.code, wiped.stderr).toBe(0);
    const after = await statuses();
    expect(after.get("bronze_orders")!.state).toBe("never");
    expect(after.get("bronze_orders")!.partitions).toMatchObject({ total: DAYS.length, missing: DAYS.length });
    expect((await cli(["show", "bronze_orders"], root)).code).not.toBe(0);
    expect(after.get("silver_orders_enriched")).toMatchObject({
      state: "stale",
      reasons: ["5 partitions stale: upstream bronze_orders not current"],
    });
    // Each day says which upstream day it misses.
    const days = await cli(["status", "--partitions", "silver_orders_enriched", "--json"], root);
    expect(machineOutput(PartitionsOutputSchema, days.stdout).partitions).toEqual(
      DAYS.map((day) =>
        expect.objectContaining({
          partition: day,
          state: "stale",
          reasons: [`upstream bronze_orders partition ${day} is missing`],
        }),
      ),
    );
  });
});
