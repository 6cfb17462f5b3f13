/**
 * The warehouse in CLI runs: views over immutable tables in `<store>/warehouse.duckdb`, a million rows that never
 * become JSON, partitioned views, atomic replacement, table metadata, the sweep and another process's lock.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import type { Materialization } from "assetline/protocol";
import { Warehouse } from "../../../sdk/src/warehouse/warehouse";
import { cli, fixtureWorkspaces, repoRoot } from "../run/workspace";

const workspace = fixtureWorkspaces();

const PIPELINE = `import { asset, Definitions, StaticPartitionsDefinition } from "assetline";
export const big = asset({ group: "bronze" }, (ctx) =>
  ctx.duckdb.table("select i as id, i % 7 as k, i * 0.5 as amount from range(1000000) t(i)"),
);
export const summary = asset({ group: "gold", ins: { big } }, ({ big }, ctx) =>
  ctx.duckdb.table(\`select k, count(*)::bigint as n from \${big} group by k order by k\`),
);
export const regions = asset({ io: "parquet", partitionsDef: StaticPartitionsDefinition(["eu", "us"]) }, (ctx) => [
  { region: ctx.partitionKey, n: ctx.partitionKey.length },
]);
export const flaky = asset(() => {
  if (process.env.FAIL === "1") throw new Error("boom");
  return Array.from({ length: Number(process.env.ROWS ?? 1) }, (_, v) => ({ v }));
});
export const report = asset({ ins: { flaky } }, ({ flaky }, ctx) => {
  ctx.addOutputMetadata({ rows: flaky.length });
  return \`\${flaky.length} rows\`;
});
export default new Definitions({ assets: [big, summary, regions, flaky, report], io: "duckdb" });
`;

/** Reads the store's warehouse read-only, as `assetline query` will, and closes it before the next run. */
async function query(root: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(join(root, ".assetline", "warehouse.duckdb"), {
    access_mode: "READ_ONLY",
  });
  try {
    const connection = await instance.connect();
    const rows = (await connection.runAndReadAll(sql)).getRowObjectsJson();
    connection.closeSync();
    return rows as Record<string, unknown>[];
  } finally {
    instance.closeSync();
  }
}

async function show(root: string, key: string): Promise<Materialization> {
  const result = await cli(["show", key, "--json"], root);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Materialization;
}

async function materialize(root: string, args: string[], env: Record<string, string> = {}) {
  const result = await cli(["materialize", ...args], root, env);
  expect(result.code, result.stderr + result.stdout).toBe(0);
}

const valueTables = async (root: string) =>
  (
    await query(
      root,
      "select table_name from duckdb_tables() where schema_name = '_assetline_values' and table_name like 'v_%' order by 1",
    )
  ).map((row) => row.table_name);

describe("the warehouse in CLI runs", () => {
  it("moves a million rows through a two-asset chain inside DuckDB, never as JSON", async () => {
    const root = workspace({ "src/assets.ts": PIPELINE });
    const started = Date.now();
    await materialize(root, ["big", "summary"]);
    expect(Date.now() - started).toBeLessThan(30_000);
    const [big, summary] = [await show(root, "big"), await show(root, "summary")];
    expect(big.valueRef).toMatch(/^duckdb:[0-9a-f]{64}$/);
    expect(big.metadata.row_count).toEqual({ type: "int", value: 1_000_000 });
    expect(big.metadata.bytes).toBeUndefined();
    expect(summary.upstreamDataVersions.big).toBe(big.dataVersion);
    // No JSON value anywhere: the storage folder holds no file, the SQLite value table no row of these.
    const storage = join(root, ".assetline", "storage");
    expect(existsSync(storage) ? readdirSync(storage, { recursive: true }) : []).toEqual([]);
    expect(await query(root, "select count(*)::int as n, sum(id)::bigint as s from bronze.big")).toEqual([
      { n: 1_000_000, s: "499999500000" },
    ]);
    expect(await query(root, "select sum(n)::int as n from gold.summary")).toEqual([{ n: 1_000_000 }]);
  }, 60_000);

  it("unions a partitioned asset's partitions in its view, and stores Parquet files", async () => {
    const root = workspace({ "src/assets.ts": PIPELINE });
    await materialize(root, ["regions"]);
    expect(await query(root, `select partition_key, region, n from "default".regions order by 1`)).toEqual([
      { partition_key: "eu", region: "eu", n: "2" },
      { partition_key: "us", region: "us", n: "2" },
    ]);
    expect(readdirSync(join(root, ".assetline", "storage")).filter((file) => file.endsWith(".parquet"))).toHaveLength(
      2,
    );
  });

  it("replaces a view only when the step succeeds, records the row count change and sweeps the replaced table", async () => {
    const root = workspace({ "src/assets.ts": PIPELINE });
    await materialize(root, ["flaky", "report"], { ROWS: "2" });
    const first = await show(root, "flaky");
    const failed = await cli(["materialize", "flaky"], root, { FAIL: "1" });
    expect(failed.code).not.toBe(0);
    expect((await show(root, "flaky")).dataVersion).toBe(first.dataVersion);
    expect(await query(root, `select v from "default".flaky order by v`)).toEqual([{ v: "0" }, { v: "1" }]);
    expect((await show(root, "report")).upstreamDataVersions.flaky).toBe(first.dataVersion);

    await materialize(root, ["flaky"], { ROWS: "5" });
    const second = await show(root, "flaky");
    expect(second.metadata.row_count_change).toEqual({ type: "int", value: 3 });
    expect(second.metadata.column_schema).toEqual({
      type: "table_schema",
      value: { columns: [{ name: "v", type: "BIGINT", nullable: true }] },
    });
    expect(second.metadata.table_name).toEqual({ type: "text", value: "default.flaky" });
    // The first value's table went with the sweep after the run; the second is the view's.
    expect(await valueTables(root)).toEqual([`v_${second.dataVersion}`]);
    expect(await query(root, `select count(*)::int as n from "default".flaky`)).toEqual([{ n: 5 }]);

    // No rows now: an empty table with the previous columns, which a downstream reads as [].
    await materialize(root, ["flaky", "report"], { ROWS: "0" });
    const empty = await show(root, "flaky");
    expect(empty.valueRef).toMatch(/^duckdb:/);
    expect(empty.metadata.row_count_change).toEqual({ type: "int", value: -5 });
    expect(await query(root, `select count(*)::int as n from "default".flaky`)).toEqual([{ n: 0 }]);
    expect((await show(root, "report")).metadata.rows).toEqual({ type: "int", value: 0 });
  });

  it("forgets a wiped asset's view and value, and a partitioned one's, keeping the others'", async () => {
    const root = workspace({ "src/assets.ts": PIPELINE });
    await materialize(root, ["flaky", "regions"], { ROWS: "2" });
    const views = async () =>
      (
        await query(
          root,
          "select schema_name || '.' || view_name as name from duckdb_views() where not internal order by 1",
        )
      )
        .map((row) => row.name)
        .filter((name) => !String(name).startsWith("_assetline"));
    expect(await views()).toEqual(["default.flaky", "default.regions"]);

    expect((await cli(["wipe", "regions", "--yes"], root)).code).toBe(0);
    expect(await views()).toEqual(["default.flaky"]);
    expect(await query(root, "select distinct key from _assetline_values.partitions")).toEqual([]);

    expect((await cli(["wipe", "flaky", "--yes"], root)).code).toBe(0);
    expect(await views()).toEqual([]);
    expect(await valueTables(root)).toEqual([]);
  });
});

describe("another process's warehouse", () => {
  it("is waited for, then refused naming the process", async () => {
    const root = workspace({ "src/assets.ts": PIPELINE });
    await materialize(root, ["flaky"]);
    const path = join(root, ".assetline", "warehouse.duckdb");
    const holder = spawn(
      process.execPath,
      [
        "-e",
        `require("@duckdb/node-api").DuckDBInstance.create(${JSON.stringify(path)}).then(() => { console.log("held"); setInterval(() => {}, 1000); })`,
      ],
      { cwd: repoRoot, stdio: ["ignore", "pipe", "inherit"] },
    );
    try {
      await new Promise((resolve) => holder.stdout!.once("data", resolve));
      const started = Date.now();
      await expect(new Warehouse({ path, lockTimeoutMs: 600 }).connect()).rejects.toThrow(
        `the warehouse ${path} is in use by another Assetline process (pid ${holder.pid}): wait for its run, or stop it.`,
      );
      expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    } finally {
      holder.kill();
    }
  });
});
