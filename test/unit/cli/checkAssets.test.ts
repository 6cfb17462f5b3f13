/**
 * `assetline check-assets`: checks against stored values as a recorded run, with exit codes 0/1/2; and checks in
 * `materialize` runs of the real CLI (child processes, as the editor starts them).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DryRunSchema, RunsOutputSchema, type RunEvent } from "assetline/protocol";
import { cli, ensureCliBuilt, fixtureWorkspace, machineOutput, parseEvents, removeWorkspace } from "../run/workspace";
import { runIn } from "./harness";

const FILES = {
  "src/assets.ts": `import { asset, assetCheck, AssetCheckResult, DailyPartitionsDefinition } from "assetline";
export const orders = asset(() => [{ id: 1 }, { id: 1 }, { id: 2 }]);
export const revenue = asset({ ins: { orders } }, ({ orders }) => orders.length);
export const days = asset({ partitionsDef: DailyPartitionsDefinition({ startDate: "2026-03-01", endDate: "2026-03-03" }) }, () => [1]);
`,
  "src/checks.ts": `import { assetCheck, AssetCheckResult } from "assetline";
import { days, orders, revenue } from "./assets";
export const unique_id = assetCheck({ asset: orders, blocking: true }, (rows) => {
  const duplicates = rows.length - new Set(rows.map((row) => row.id)).size;
  return AssetCheckResult({ passed: duplicates === 0, description: \`\${duplicates} duplicate id values\` });
});
export const has_rows = assetCheck({ asset: orders }, (rows) => rows.length > 0);
export const small = assetCheck({ asset: revenue }, (n) => AssetCheckResult({ passed: n < 2, severity: "warn", description: \`\${n} orders\` }));
export const day_rows = assetCheck({ asset: days }, (rows) => rows.length === 1);
`,
};

let root: string;
beforeAll(() => {
  ensureCliBuilt();
  root = fixtureWorkspace(FILES);
}, 120_000);
afterAll(() => removeWorkspace(root));

const reasons = (events: RunEvent[]) =>
  Object.fromEntries(events.flatMap((event) => (event.type === "step_skipped" ? [[event.stepId, event.reason]] : [])));

describe("checks in a materialize run", () => {
  it("runs them after their assets; a failed blocking check skips the downstream and fails the run", async () => {
    const dry = await cli(["materialize", "--dry-run"], root);
    expect(dry.stdout).toMatch(/^ +\d+\. check:orders:unique_id$/m);
    const run = await cli(["materialize", "--json", "--partition", "2026-03-01"], root);
    expect(run.code, run.stderr).toBe(1);
    const events = parseEvents(run.stdout);
    const failed = events.find((event) => event.type === "step_failed");
    expect(failed).toMatchObject({
      stepId: "check:orders:unique_id",
      checks: ["orders:unique_id"],
      error: { message: "check unique_id on orders failed: 1 duplicate id values" },
    });
    expect(reasons(events)).toEqual({
      revenue: "blocked by check unique_id on orders",
      "check:revenue:small": "upstream revenue was skipped",
    });
    const evaluated = events.flatMap((event) => (event.type === "check_evaluated" ? [event.evaluation.checkKey] : []));
    expect(evaluated.sort()).toEqual(["days:day_rows", "orders:has_rows", "orders:unique_id"]);
    // The loaded code plans what the analyzer planned: no warning says otherwise.
    expect(events.filter((event) => event.type === "log" && event.level === "warning")).toEqual([]);
  }, 120_000);
});

describe("assetline check-assets", () => {
  it.each([
    [["--check", "orders:uniqe_id"], 'no check "orders:uniqe_id" in this workspace. Did you mean "orders:unique_id"?'],
    [["--check", "orders:has_rows", "orders"], "give --check keys or a selection, not both"],
    [["--partitions", "missing"], "--partitions missing picks partitions to materialize"],
  ])("refuses %j with one line and exit code 2", async (args, message) => {
    const result = await runIn(root, ["check-assets", ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`assetline check-assets: ${message}`);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("checks the stored values: one line per evaluation, a skip for a value never stored, exit 1 on an error", async () => {
    const result = await cli(["check-assets"], root);
    expect(result.code, result.stderr).toBe(1);
    const lines = result.stdout.split("\n");
    expect(lines).toContain("✖ orders:unique_id failed: 1 duplicate id values");
    expect(lines).toContain("✓ orders:has_rows passed");
    expect(lines).toContain("✓ days:day_rows[2026-03-01] passed");
    expect(lines).toContain(
      "○ check:revenue:small skipped: revenue has no materialization to check: materialize it first",
    );
    expect(result.stdout).toMatch(/\nRun \S+ failed: 2 passed, 1 failed, 0 warned, 1 skipped in /);
  }, 120_000);

  it("exits 0 when only the named checks run and pass, and a missing partition is skipped", async () => {
    const result = await cli(
      [
        "check-assets",
        "--check",
        "orders:has_rows",
        "--check",
        "days:day_rows",
        "--partitions",
        "2026-03-01,2026-03-02",
      ],
      root,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("✓ orders:has_rows passed\n");
    expect(result.stdout).toContain(
      "○ check:days:day_rows[2026-03-02] skipped: days[2026-03-02] has no materialization to check: materialize it first\n",
    );
  }, 120_000);

  it("streams run events with --json and is recorded as a run that runs and logs show", async () => {
    const result = await cli(["check-assets", "key:orders", "--json", "--origin", "editor"], root);
    expect(result.code, result.stderr).toBe(1);
    const events = parseEvents(result.stdout);
    const started = events[0]!;
    expect(started).toMatchObject({ type: "run_started", selection: "key:orders" });
    expect(started.type === "run_started" && started.plan.map((step) => step.id)).toEqual([
      "check:orders:has_rows",
      "check:orders:unique_id",
    ]);
    expect(events.at(-1)).toMatchObject({ type: "run_finished", status: "failed" });
    expect(events.filter((event) => event.type === "log" && event.level === "warning")).toEqual([]);
    const { runs } = machineOutput(RunsOutputSchema, (await runIn(root, ["runs", "--json"])).stdout);
    expect(runs[0]).toMatchObject({ id: started.runId, selection: "key:orders", origin: "editor" });
    const logs = await runIn(root, ["logs", started.runId]);
    expect(logs.stdout).toContain("check:orders:has_rows: check orders:has_rows passed");
  }, 120_000);

  it("lists the check steps with --dry-run, recording nothing", async () => {
    const before = machineOutput(RunsOutputSchema, (await runIn(root, ["runs", "--json"])).stdout).runs.length;
    const plan = machineOutput(DryRunSchema, (await runIn(root, ["check-assets", "--dry-run", "--json"])).stdout);
    expect(plan.steps.map((step) => step.id)).toEqual([
      "check:days:day_rows[2026-03-01]",
      "check:orders:has_rows",
      "check:orders:unique_id",
      "check:revenue:small",
    ]);
    const text = await runIn(root, ["check-assets", "--dry-run", "--check", "orders:has_rows"]);
    expect(text.stdout).toBe(
      "Would run 1 step (--check orders:has_rows); nothing was run:\n  1. check:orders:has_rows\n",
    );
    expect(machineOutput(RunsOutputSchema, (await runIn(root, ["runs", "--json"])).stdout).runs).toHaveLength(before);
  });
});
