/**
 * Backfills through the real CLI, as a user runs them: `materialize --partition/--partitions`, the plan a dry run
 * shows, state filters against the store, a failing partition, cancel and resume, dynamic partitions added with
 * `assetline partitions add`, and every partition's code running in the CLI's one process.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DryRunSchema, RunsOutputSchema, type PlannedStep, type RunEvent } from "assetline/protocol";
import { cli, fixtureWorkspaces, machineOutput, parseEvents, startCli, waitForOutput } from "./workspace";

const workspace = fixtureWorkspaces();

const FILES = {
  "src/assets.ts": `import { appendFileSync } from "node:fs";
import { asset, DailyPartitionsDefinition, DynamicPartitionsDefinition, MonthlyPartitionsDefinition } from "assetline";

export const daily = DailyPartitionsDefinition({ startDate: "2026-03-01", endDate: "2026-04-01" });

export const orders = asset({ partitionsDef: daily }, async (ctx) => {
  appendFileSync("pids.txt", \`\${process.pid}\\n\`);
  if (process.env.FAIL_DAY === ctx.partitionKey) throw new Error("the source was down");
  if (process.env.SLOW) await new Promise((resolve) => setTimeout(resolve, Number(process.env.SLOW)));
  return { day: ctx.partitionKey, amount: Number(ctx.partitionKey.slice(8)) };
});

export const revenue = asset({ partitionsDef: daily, ins: { orders } }, ({ orders }) => orders.amount * 2);

export const march = asset(
  { partitionsDef: MonthlyPartitionsDefinition({ startDate: "2026-03-01", endDate: "2026-04-01" }), ins: { revenue } },
  ({ revenue }) => [...revenue.values()].reduce((sum, value) => sum + value, 0),
);

export const customers = DynamicPartitionsDefinition({ name: "customers" });
export const perCustomer = asset({ partitionsDef: customers }, (ctx) => ctx.partitionKey.toUpperCase());

// 1,000 days: 2024-01-01 up to (not including) 2026-09-27.
export const events = asset(
  { partitionsDef: DailyPartitionsDefinition({ startDate: "2024-01-01", endDate: "2026-09-27" }) },
  (ctx) => {
    appendFileSync("pids.txt", \`\${process.pid}\\n\`);
    return ctx.partitionKey;
  },
);
`,
};

async function run(root: string, args: string[], env: Record<string, string> = {}) {
  const result = await cli(["materialize", ...args, "--json"], root, env);
  return { ...result, events: result.stdout.trim() === "" ? [] : parseEvents(result.stdout) };
}

function stepIds(events: RunEvent[], type: RunEvent["type"]): string[] {
  return events.flatMap((event) => (event.type === type && "stepId" in event ? [event.stepId] : [])).sort();
}

function planOf(events: RunEvent[]): PlannedStep[] {
  const started = events.find((event) => event.type === "run_started");
  return started?.type === "run_started" ? started.plan : [];
}

async function dryRun(root: string, args: string[]): Promise<PlannedStep[]> {
  const result = await cli(["materialize", ...args, "--dry-run", "--json"], root);
  expect(result.code, result.stderr).toBe(0);
  return machineOutput(DryRunSchema, result.stdout).steps;
}

const days = (from: number, to: number, key = "orders") =>
  Array.from({ length: to - from + 1 }, (_, i) => `${key}[2026-03-${String(from + i).padStart(2, "0")}]`);

describe("materialize --partitions", () => {
  it("plans a range as one step per partition in dependency order, as the dry run showed", async () => {
    const root = workspace(FILES);
    const dry = await dryRun(root, ["orders", "revenue", "--partitions", "2026-03-01...2026-03-03"]);
    expect(dry.map((step) => step.id)).toEqual([...days(1, 3), ...days(1, 3, "revenue")]);
    expect(dry.find((step) => step.id === "revenue[2026-03-02]")).toEqual({
      id: "revenue[2026-03-02]",
      assets: ["revenue"],
      dependsOn: ["orders[2026-03-02]"],
      partitions: ["2026-03-02"],
    });
    const result = await run(root, ["orders", "revenue", "--partitions", "2026-03-01...2026-03-03"]);
    expect(result.code, result.stderr).toBe(0);
    expect(planOf(result.events)).toEqual(dry);
    const human = await cli(["materialize", "orders", "--partitions", "2026-03-01...2026-03-31", "--dry-run"], root);
    expect(human.stdout).toContain("orders[2026-03-01 … 2026-03-31] 31 partitions, 31 steps");
  });

  it("runs the monthly roll-up after every day it reads, with the days' values", async () => {
    const root = workspace(FILES);
    const result = await run(root, [
      "--select",
      "key:orders or key:revenue or key:march",
      "--partitions",
      "2026-03-01...2026-03-31",
    ]);
    expect(result.code, result.stderr).toBe(0);
    const order = result.events.flatMap((event) => (event.type === "step_succeeded" ? [event.stepId] : []));
    expect(order.at(-1)).toBe("march[2026-03-01]");
    const march = planOf(result.events).find((step) => step.id === "march[2026-03-01]")!;
    expect(march.dependsOn.sort()).toEqual(days(1, 31, "revenue"));
    const record = result.events.find(
      (event) => event.type === "materialization" && event.materialization.key === "march",
    );
    expect(record?.type === "materialization" && record.materialization.partition).toBe("2026-03-01");
    expect(
      Object.keys(record?.type === "materialization" ? record.materialization.upstreamDataVersions : {}),
    ).toHaveLength(31);
  });

  it("refuses a partition that does not exist in one line, and runs nothing", async () => {
    const root = workspace(FILES);
    const result = await cli(["materialize", "orders", "--partition", "2026-04-01"], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'assetline materialize: asset "orders" has no partition "2026-04-01": the partitions run from 2026-03-01 to 2026-03-31 (31).\n',
    );
    const both = await cli(["materialize", "orders", "--partition", "2026-03-01", "--partitions", "missing"], root);
    expect([both.code, both.stderr]).toEqual([
      2,
      "assetline materialize: give --partition or --partitions, not both (--partitions takes a list: a,b).\n",
    ]);
    const runs = await cli(["runs", "--json"], root);
    expect(machineOutput(RunsOutputSchema, runs.stdout).runs).toEqual([]);
    expect((await run(root, ["orders", "--partitions", "2026-03-30...2026-04-02"])).stderr).toBe(
      'assetline materialize: asset "orders": "2026-04-02" is not a partition: the partitions run from 2026-03-01 to 2026-03-31 (31).\n',
    );
  });

  it("runs what is missing, then what failed: the failing partition's downstream waits, the rest is recorded", async () => {
    const root = workspace(FILES);
    expect((await run(root, ["orders", "--partitions", "2026-03-01...2026-03-28"])).code).toBe(0);
    const failing = await run(root, ["orders", "revenue", "--partitions", "missing"], { FAIL_DAY: "2026-03-30" });
    expect(failing.code).toBe(1);
    // orders: its 3 missing days; revenue: all 31, since it never ran.
    expect(stepIds(failing.events, "step_started").filter((id) => id.startsWith("orders"))).toEqual(days(29, 31));
    expect(stepIds(failing.events, "step_failed")).toEqual(["orders[2026-03-30]"]);
    expect(stepIds(failing.events, "step_skipped")).toEqual(["revenue[2026-03-30]"]);
    expect(stepIds(failing.events, "step_succeeded")).toHaveLength(2 + 30);
    const failed = failing.events.find((event) => event.type === "step_failed");
    expect(failed).toMatchObject({ partitions: ["2026-03-30"], error: { message: "the source was down" } });

    const resumed = await run(root, ["orders", "revenue", "--partitions", "failed"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(stepIds(resumed.events, "step_succeeded")).toEqual(["orders[2026-03-30]", "revenue[2026-03-30]"]);
    expect((await run(root, ["orders", "revenue", "--partitions", "missing"])).events).toMatchObject([
      { type: "run_started", plan: [] },
      { type: "run_finished", status: "success" },
    ]);
  });

  it("runs the stale partitions: those downstream of a re-materialized day, through the mapping only", async () => {
    const root = workspace(FILES);
    const all = ["--select", "key:orders or key:revenue or key:march"];
    expect((await run(root, all)).code).toBe(0);
    expect((await run(root, ["orders", "--partition", "2026-03-02"])).code).toBe(0);
    const stale = await dryRun(root, ["revenue", "--partitions", "stale"]);
    expect(stale.map((step) => step.id)).toEqual(["revenue[2026-03-02]"]);
    // `--stale` takes each stale asset's partitions that are not up to date: `events` has never run (1,000 missing).
    const everything = (await dryRun(root, ["--stale"])).map((step) => step.id);
    expect(everything.filter((id) => !id.startsWith("events["))).toEqual(["revenue[2026-03-02]", "march[2026-03-01]"]);
    expect(everything).toHaveLength(1002);
    const result = await run(root, ["--select", "key:revenue or key:march", "--partitions", "stale"]);
    expect(stepIds(result.events, "step_succeeded")).toEqual(["march[2026-03-01]", "revenue[2026-03-02]"]);
    expect(await dryRun(root, ["--select", "key:orders or key:revenue or key:march", "--partitions", "stale"])).toEqual(
      [],
    );
  });

  it.each(["SIGINT", "SIGTERM"] as const)(
    "cancels between steps on %s (Ctrl-C; the editor's Cancel sends SIGTERM), keeps what finished, and --partitions failed finishes the backfill",
    async (signal) => {
      const root = workspace(FILES);
      const child = startCli(
        ["materialize", "orders", "--partitions", "2026-03-01...2026-03-20", "--concurrency", "1", "--json"],
        root,
        { SLOW: "150" },
      );
      await waitForOutput(child, /"type":"step_succeeded".*"type":"step_succeeded"/s);
      child.kill(signal);
      const cancelled = await child.done;
      expect(cancelled.code).toBe(130);
      const events = parseEvents(cancelled.stdout);
      expect(events.at(-1)).toMatchObject({ type: "run_finished", status: "cancelled" });
      const finished = stepIds(events, "step_succeeded");
      expect(finished.length).toBeGreaterThanOrEqual(2);
      expect(finished.length).toBeLessThan(20);

      const resumed = await run(root, ["orders", "--partitions", "failed"]);
      expect(resumed.code, resumed.stderr).toBe(0);
      const rerun = stepIds(resumed.events, "step_succeeded");
      expect([...finished, ...rerun].sort()).toEqual(days(1, 20));
      expect(rerun.filter((id) => finished.includes(id))).toEqual([]);
    },
  );

  it("runs a backfill of 1,000 partitions as 1,000 steps of one run, in the CLI's own process", async () => {
    const root = workspace(FILES);
    const child = startCli(["materialize", "events", "--json"], root);
    const result = await child.done;
    expect(result.code, result.stderr).toBe(0);
    const events = parseEvents(result.stdout);
    expect(planOf(events)).toHaveLength(1000);
    expect(stepIds(events, "step_succeeded")).toHaveLength(1000);
    const pids = new Set(readFileSync(join(root, "pids.txt"), "utf8").trim().split("\n"));
    expect([...pids]).toEqual([String(child.pid)]);
  });

  it("materializes dynamic partitions added through the store", async () => {
    const root = workspace(FILES);
    const none = await cli(["materialize", "perCustomer", "--partition", "acme"], root);
    expect(none.stderr).toContain(
      'asset "perCustomer" has no partition "acme": the dynamic partitions "customers" have no keys yet',
    );
    expect((await cli(["partitions", "add", "customers", "acme", "globex"], root)).code).toBe(0);
    const result = await run(root, ["perCustomer"]);
    expect(result.code, result.stderr).toBe(0);
    expect(stepIds(result.events, "step_succeeded")).toEqual(["perCustomer[acme]", "perCustomer[globex]"]);
    expect((await cli(["partitions", "add", "customers", "initech"], root)).code).toBe(0);
    const missing = await run(root, ["perCustomer", "--partitions", "missing"]);
    expect(stepIds(missing.events, "step_succeeded")).toEqual(["perCustomer[initech]"]);
  });
  it("backfills what is missing without re-running a materialized unpartitioned upstream, which would stale every day", async () => {
    const root = workspace({
      "src/assets.ts": `import { asset, DailyPartitionsDefinition } from "assetline";
export const rates = asset(() => 2);
export const sales = asset(
  { partitionsDef: DailyPartitionsDefinition({ startDate: "2026-03-01", endDate: "2026-03-04" }), ins: { rates } },
  ({ rates }, ctx) => Number(ctx.partitionKey.slice(8)) * rates,
);
`,
    });
    const first = await run(root, ["--select", "+key:sales", "--partitions", "2026-03-01"]);
    expect(stepIds(first.events, "step_succeeded")).toEqual(["rates", "sales[2026-03-01]"]);
    const missing = await run(root, ["--select", "+key:sales", "--partitions", "missing"]);
    expect(missing.code, missing.stderr).toBe(0);
    expect(stepIds(missing.events, "step_succeeded")).toEqual(["sales[2026-03-02]", "sales[2026-03-03]"]);
    const status = await cli(["status", "--json"], root);
    expect(status.stdout).toContain('"materialized":3');
    expect(status.stdout).toContain('"stale":0');
  });
});
