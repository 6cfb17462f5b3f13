/**
 * The partitions CLI as a user runs it (the real binary, in a child process): `status` with partition health,
 * `status --partitions KEY`, and `partitions add/remove/list` for dynamic partitions. Materializations are put in the
 * store directly, as a run would record them, so each case says exactly which partitions exist.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PartitionsOutputSchema, StatusOutputSchema } from "assetline/protocol";
import { openStore, openStoreReader } from "../../../sdk/src/store/openStore";
import { cli, fixtureWorkspaces, machineOutput } from "../run/workspace";

const FILES = {
  "src/assets.ts": `import { asset, DailyPartitionsDefinition, DynamicPartitionsDefinition } from "assetline";
export const daily = DailyPartitionsDefinition({ startDate: "2026-03-01", endDate: "2026-03-06" });
export const customers = DynamicPartitionsDefinition({ name: "customers" });
export const orders = asset({ partitionsDef: daily }, (ctx) => ctx.partitionKey);
export const revenue = asset({ partitionsDef: daily, ins: { orders } }, ({ orders }) => orders);
export const total = asset({ ins: { revenue } }, ({ revenue }) => revenue.size);
export const per_customer = asset({ partitionsDef: customers }, (ctx) => ctx.partitionKey);
`,
};
const DAYS = ["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"];
const MINUTE = 60_000;

const workspace = fixtureWorkspaces();
let root = "";
let codeVersions: Map<string, string>;

/** Records materializations (key, partition, minutes ago) and failures as one run of the store would. */
async function record(entries: [string, string, number][], failed: [string, string][] = []): Promise<void> {
  const store = await openStore(join(root, ".assetline"));
  const runId = `r${Math.random().toString(36).slice(2)}`;
  const now = Date.now();
  await store.startRun({ id: runId, selection: "*", origin: "cli", startedAt: now - 60 * MINUTE });
  for (const [key, partition, ago] of entries) {
    const timestamp = now - ago * MINUTE;
    await store.record({
      type: "materialization",
      runId,
      stepId: `${key}[${partition}]`,
      timestamp,
      materialization: {
        key,
        partition,
        runId,
        timestamp,
        durationMs: 1,
        metadata: {},
        codeVersion: codeVersions.get(key)!,
        dataVersion: `${key}-${partition}-${ago}`,
        upstreamDataVersions: {},
      },
    });
  }
  for (const [key, partition] of failed)
    await store.record({
      type: "step_failed",
      runId,
      stepId: `${key}[${partition}]`,
      assets: [key],
      partitions: [partition],
      error: { message: "the source was down" },
      timestamp: now,
    });
  await store.record({
    type: "run_finished",
    runId,
    status: failed.length > 0 ? "failed" : "success",
    durationMs: 1,
    succeeded: 0,
    failed: failed.length,
    skipped: 0,
    timestamp: now,
  });
  await store.close();
}

beforeAll(async () => {
  root = workspace(FILES);
  const graph = JSON.parse((await cli(["graph", "--json"], root)).stdout) as {
    nodes: { key: string; codeVersion: string }[];
  };
  codeVersions = new Map(graph.nodes.map((node) => [node.key, node.codeVersion]));
  // orders: every day, 2026-03-02 again at the end; revenue: 3 days (03-02 now older than its upstream), 03-04 failed.
  await record([
    ...DAYS.map((day, i): [string, string, number] => ["orders", day, 50 - i]),
    ["revenue", "2026-03-01", 40],
    ["revenue", "2026-03-02", 39],
    ["revenue", "2026-03-03", 38],
    ["orders", "2026-03-02", 30],
  ]);
  await record([], [["revenue", "2026-03-04"]]);
});

describe("status with partitions", () => {
  it("shows each partitioned asset's health and why it is not current", async () => {
    const { code, stdout } = await cli(["status"], root);
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    expect(lines.find((line) => line.includes(" orders "))).toMatch(/●\s+orders\s+fresh\s+▦ 5\/5; 30 min ago$/);
    expect(lines.find((line) => line.includes(" revenue "))).toMatch(
      /✖\s+revenue\s+failed\s+▦ 3\/5 · 1 missing · 1 failed · 1 stale; 38 min ago; 1 partition failed \(newest: the source was down\); 1 partition missing; 1 partition stale: upstream orders materialized since$/,
    );
    const json = machineOutput(StatusOutputSchema, (await cli(["status", "--json"], root)).stdout);
    const revenue = json.assets.find((asset) => asset.key === "revenue")!;
    expect(revenue.partitions).toMatchObject({ total: 5, materialized: 3, failed: 1, missing: 1, stale: 1 });
    expect(json.assets.find((asset) => asset.key === "total")?.partitions).toBeUndefined();
  });

  it("shows one partition's last materialization with show --partition, and says when it has none", async () => {
    const shown = await cli(["show", "revenue", "--partition", "2026-03-02"], root);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout.split("\n")[0]).toBe("revenue [2026-03-02]");
    expect(shown.stdout).toContain("data version revenue-2026-03-02-39");
    const missing = await cli(["show", "revenue", "--partition", "2026-03-05"], root);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe(
      'assetline show: partition "2026-03-05" of "revenue" was never materialized in this store; run `assetline materialize revenue --partition 2026-03-05` (`assetline status --partitions revenue` lists its partitions).',
    );
  });

  it("lists each partition of one asset with --partitions, as a table or as PartitionsOutputSchema", async () => {
    const table = await cli(["status", "--partitions", "revenue"], root);
    expect(table.code).toBe(0);
    const rows = table.stdout.split("\n");
    expect(rows[0]).toBe("revenue ▦ 3/5 · 1 missing · 1 failed · 1 stale");
    expect(rows.slice(3, 8).map((row) => row.replace(/\s+/g, " "))).toEqual([
      "● 2026-03-01 materialized 40 min ago",
      "◐ 2026-03-02 stale 39 min ago; upstream orders partition 2026-03-02 materialized 9 min after this one",
      "● 2026-03-03 materialized 38 min ago",
      "✖ 2026-03-04 failed last attempt failed: the source was down",
      "○ 2026-03-05 missing never materialized",
    ]);
    const json = machineOutput(
      PartitionsOutputSchema,
      (await cli(["status", "--partitions", "revenue", "--json"], root)).stdout,
    );
    expect(json.key).toBe("revenue");
    expect(json.partitions.map((p) => [p.partition, p.state])).toEqual([
      ["2026-03-01", "materialized"],
      ["2026-03-02", "stale"],
      ["2026-03-03", "materialized"],
      ["2026-03-04", "failed"],
      ["2026-03-05", "missing"],
    ]);
    expect(json.partitions[3]).toMatchObject({
      lastFailure: { error: "the source was down" },
      lastMaterialization: null,
    });
  });

  it.each([
    [
      "revenu",
      'assetline status: no asset "revenu" in this workspace. Did you mean "revenue"? `assetline list` shows the keys.\n',
    ],
    ["total", 'assetline status: "total" is not partitioned: `assetline status` shows its state.\n'],
  ])("refuses --partitions %s in one line", async (key, message) => {
    expect(await cli(["status", "--partitions", key], root)).toMatchObject({ code: 2, stdout: "", stderr: message });
  });
});

describe("dynamic partitions from the CLI", () => {
  it("adds, lists and removes keys; removing keeps the partition's materializations", async () => {
    expect((await cli(["partitions", "add", "customers", "acme", "globex", "acme"], root)).stdout).toBe(
      'Added 2 partitions to "customers" (1 already there).\n',
    );
    expect((await cli(["partitions", "list", "customers"], root)).stdout).toBe("acme\nglobex\n");
    await record([["per_customer", "acme", 5]]);
    expect((await cli(["status"], root)).stdout).toMatch(/per_customer\s+stale\s+▦ 1\/2 · 1 missing;/);

    const refused = await cli(["partitions", "remove", "customers", "acme"], root);
    expect(refused).toMatchObject({
      code: 2,
      stderr:
        'assetline partitions: this removes 1 partition from "customers" (their materializations stay); add --yes to do it.\n',
    });
    expect((await cli(["partitions", "remove", "customers", "acme", "--yes"], root)).stdout).toBe(
      'Removed 1 partition from "customers"; their materializations stay.\n',
    );
    expect((await cli(["partitions", "list", "customers"], root)).stdout).toBe("globex\n");
    const reader = await openStoreReader(join(root, ".assetline"));
    expect([...(await reader.latestPartitionRecords("per_customer")).keys()]).toEqual(["acme"]);
    await reader.close();
  });

  it.each([
    [["add", "customer", "x"], 'no dynamic partitions "customer" in this workspace. Did you mean "customers"?'],
    [["list", "orders"], 'no dynamic partitions "orders" in this workspace.'],
    [["add", "customers", "a,b"], 'the key "a,b" contains ","'],
    [["add", "customers"], "give the keys to add: assetline partitions add customers KEY..."],
    [["rename", "customers"], 'unknown action "rename": use add, remove or list.'],
  ])("refuses `partitions %j` in one line", async (args, message) => {
    const { code, stdout, stderr } = await cli(["partitions", ...args], root);
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr).toContain(`assetline partitions: ${message}`);
    expect(stderr.trim().split("\n")).toHaveLength(1);
  });
});
