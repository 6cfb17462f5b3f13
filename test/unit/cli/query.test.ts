/**
 * `assetline query`: one read-only statement against `<store>/warehouse.duckdb`, whose views live in schemas named
 * by group. The warehouse here is written with DuckDB directly, as the DuckDB IO manager lays it out.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QueryOutputSchema } from "../../../sdk/src/protocol";
import { machineOutput } from "../run/workspace";
import { runIn } from "./harness";

let store: string;

beforeAll(async () => {
  store = mkdtempSync(join(tmpdir(), "assetline-query-"));
  const instance = await DuckDBInstance.create(join(store, "warehouse.duckdb"));
  const connection = await instance.connect();
  await connection.run(`
    create schema bronze; create schema gold;
    create table bronze.orders as select i as order_id, i % 3 as customer_id, i * 1.5 as amount from range(250) t(i);
    create table gold.daily_revenue as select '2026-12-0' || i as day, i * 100 as total, null as note from range(1, 4) t(i);`);
  connection.closeSync();
  instance.closeSync();
});
afterAll(() => rmSync(store, { recursive: true, force: true }));

const query = (...args: string[]) => runIn(tmpdir(), ["query", ...args, "--store", store]);

describe("assetline query", () => {
  it("prints the rows as an aligned table, finding a view by its bare table name", async () => {
    const { code, stdout } = await query("select day, total, note from daily_revenue order by day");
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        "day         total  note",
        "----------  -----  ----",
        "2026-12-01  100    NULL",
        "2026-12-02  200    NULL",
        "2026-12-03  300    NULL",
        "",
      ].join("\n"),
    );
  });

  it("shows 100 rows by default and says how many more there are", async () => {
    const { stdout } = await query("select * from bronze.orders order by order_id");
    const lines = stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(2 + 100 + 1);
    expect(lines.at(-1)).toBe("… 150 more rows (--limit N shows more)");
  });

  it("--json gives the columns with their types, the rows up to --limit and the whole count", async () => {
    const { code, stdout } = await query(
      "select order_id, amount from orders order by order_id",
      "--json",
      "--limit",
      "2",
    );
    expect(code).toBe(0);
    expect(machineOutput(QueryOutputSchema, stdout)).toEqual({
      columns: [
        { name: "order_id", type: "BIGINT" },
        { name: "amount", type: "DECIMAL(21,1)" },
      ],
      rows: [
        { order_id: "0", amount: "0.0" },
        { order_id: "1", amount: "1.5" },
      ],
      rowCount: 250,
    });
  });

  it.each([
    [
      "a write",
      "insert into bronze.orders values (1, 1, 1)",
      /query runs only statements that read \(select, explain, pragma\), not an INSERT: the warehouse changes only by materializing assets\./,
    ],
    ["a file written by COPY", "copy bronze.orders to 'out.csv'", /not a COPY:/],
    ["two statements", "select 1; select 2", /give exactly one statement \(this SQL has 2\)/],
    ["a syntax error", "selec 1", /Parser Error: syntax error at or near "selec"/],
    ["a missing column", "select nope from orders", /Referenced column "nope" not found/],
  ])("refuses %s with DuckDB's reason in one message, no stack", async (_name, sql, message) => {
    const { code, stdout, stderr } = await query(sql);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("says how to get a warehouse when the store has none", async () => {
    const empty = mkdtempSync(join(tmpdir(), "assetline-query-empty-"));
    const { code, stderr } = await runIn(tmpdir(), ["query", "select 1", "--store", empty]);
    rmSync(empty, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(stderr).toContain('nothing is stored in DuckDB yet: give an asset `io: "duckdb"` and materialize it');
  });

  it("waits for a run that writes the warehouse, then says it is busy", async () => {
    const writer = await holdForWriting(join(store, "warehouse.duckdb"));
    try {
      const { code, stderr } = await query("select 1");
      expect(code).toBe(1);
      expect(stderr).toContain("the warehouse is busy with a run; try again when it finishes");
    } finally {
      writer.kill();
    }
  }, 20_000);
});

/** Another process opens the file read-write, as a run does, and keeps it until killed. */
async function holdForWriting(file: string): Promise<ChildProcess> {
  const script = `const { DuckDBInstance } = require("@duckdb/node-api");
DuckDBInstance.create(${JSON.stringify(file)}).then(() => { console.log("open"); setInterval(() => {}, 1000); });`;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve) => createInterface({ input: child.stdout! }).once("line", () => resolve()));
  return child;
}
