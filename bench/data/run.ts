/**
 * Data benchmark (issue 13): 1,000,000 rows through a 3-asset chain, generate → join → aggregate, stored by the DuckDB
 * IO manager and by the JSON one, in two generated workspaces, each run by the CLI as a user runs it. Reports, measured
 * in the same run:
 * - wall time and peak RSS of the run process (the CLI; VmHWM from /proc) for both IO managers;
 * - the same for a no-op chain (three assets returning nothing): what the CLI costs before any data (node, the
 *   analyzer's TypeScript, the bundle), so the data's own cost reads as the difference;
 * - the IO manager's overhead: the three steps' durations as the run records them, against the same three
 *   `create table … as` statements run directly on a DuckDB file (with the warehouse's settings) in a process of
 *   their own.
 * Targets: DuckDB ≥ 10× faster than JSON and ≤ 0.25× its memory; overhead ≤ 1.3×.
 * Run with `npm run bench:data` (builds the sdk first); `BENCH_ROWS=100000` for a quick look.
 */
import { spawn } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { benchWorkspace, median, repoRoot } from "../cliWorkspace";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const CUSTOMERS = 1_000;
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const bin = join(repoRoot, "sdk", "bin", "assetline.js");

/** The same logical chain in SQL; `${…}` are the upstream tables. */
const sql = {
  orders: `select i as order_id, i % ${CUSTOMERS} as customer_id, (i % 7) * 10.0 as amount from range(${ROWS}) t(i)`,
  enriched: (orders: string) =>
    `select o.order_id, o.amount, c.city from ${orders} o join (select i as customer_id, 'city_' || (i % 10) as city from range(${CUSTOMERS}) t(i)) c using (customer_id)`,
  revenue: (enriched: string) =>
    `select city, sum(amount) as total, count(*) as orders from ${enriched} group by city order by city`,
};

const duckdbAssets = `import { asset } from "assetline";
export const orders = asset({ io: "duckdb" }, (ctx) => ctx.duckdb.table(${JSON.stringify(sql.orders)}));
export const enriched = asset({ io: "duckdb", ins: { orders } }, ({ orders }, ctx) =>
  ctx.duckdb.table(${"`"}${sql.enriched("${orders}")}${"`"}));
export const revenue = asset({ io: "duckdb", ins: { enriched } }, ({ enriched }, ctx) =>
  ctx.duckdb.table(${"`"}${sql.revenue("${enriched}")}${"`"}));
`;

const jsonAssets = `import { asset } from "assetline";
export const orders = asset({ io: "json" }, () =>
  Array.from({ length: ${ROWS} }, (_, i) => ({ order_id: i, customer_id: i % ${CUSTOMERS}, amount: (i % 7) * 10 })));
export const enriched = asset({ io: "json", ins: { orders } }, ({ orders }) => {
  const city = new Map(Array.from({ length: ${CUSTOMERS} }, (_, i) => [i, "city_" + (i % 10)]));
  return orders.map((o) => ({ order_id: o.order_id, amount: o.amount, city: city.get(o.customer_id)! }));
});
export const revenue = asset({ io: "json", ins: { enriched } }, ({ enriched }) => {
  const totals = new Map<string, { city: string; total: number; orders: number }>();
  for (const row of enriched) {
    const group = totals.get(row.city) ?? { city: row.city, total: 0, orders: 0 };
    group.total += row.amount;
    group.orders += 1;
    totals.set(row.city, group);
  }
  return [...totals.values()].sort((a, b) => a.city.localeCompare(b.city));
});
`;

const noopAssets = `import { asset } from "assetline";
export const orders = asset(() => undefined);
export const enriched = asset({ deps: [orders] }, () => undefined);
export const revenue = asset({ deps: [enriched] }, () => undefined);
`;

interface Measured {
  wallMs: number;
  peakRssMb: number;
  stepsMs: number;
}

/** Peak resident memory of a live process so far (VmHWM), in MB; 0 once it is gone. */
function peakRss(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** `assetline materialize --json` on a fresh store, with its peak memory polled until it exits. */
function materialize(root: string): Promise<Measured> {
  rmSync(join(root, ".assetline"), { recursive: true, force: true });
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [bin, "materialize", "--json", root], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let peak = 0;
    const poll = setInterval(() => (peak = Math.max(peak, peakRss(child.pid!))), 5);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("exit", (code) => {
      clearInterval(poll);
      const wallMs = performance.now() - started;
      if (code !== 0) return reject(new Error(`materialize failed (exit ${code}): ${stderr}${stdout.slice(-2000)}`));
      const stepsMs = stdout
        .split("\n")
        .filter((line) => line.includes('"step_succeeded"'))
        .reduce((sum, line) => sum + (JSON.parse(line) as { durationMs: number }).durationMs, 0);
      resolve({ wallMs, peakRssMb: peak, stepsMs });
    });
  });
}

/** The three statements straight on a DuckDB file, in a process of their own: SQL time only (ms). */
function directSql(root: string): Promise<number> {
  const script = join(root, "direct.mjs");
  const file = join(root, "direct.duckdb");
  rmSync(file, { force: true });
  writeFileSync(
    script,
    `import { createRequire } from "node:module";
const { DuckDBInstance } = createRequire(${JSON.stringify(join(repoRoot, "sdk", "package.json"))})("@duckdb/node-api");
const connection = await (await DuckDBInstance.create(${JSON.stringify(file)}, { force_compression: "uncompressed" })).connect();
const started = performance.now();
await connection.run(${JSON.stringify(`create table orders as ${sql.orders}`)});
await connection.run(${JSON.stringify(`create table enriched as ${sql.enriched("orders")}`)});
await connection.run(${JSON.stringify(`create table revenue as ${sql.revenue("enriched")}`)});
console.log(performance.now() - started);
`,
  );
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { cwd: repoRoot, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.on("exit", (code) =>
      code === 0 ? resolve(Number(out.trim())) : reject(new Error(`direct SQL exit ${code}`)),
    );
  });
}

async function measure(label: string, assets: string, repeats: number): Promise<Measured> {
  const root = benchWorkspace(`data-${label}`);
  writeFileSync(join(root, "src", "assets.ts"), assets);
  const runs: Measured[] = [];
  for (let i = 0; i < repeats; i++) runs.push(await materialize(root));
  rmSync(root, { recursive: true, force: true });
  return {
    wallMs: median(runs.map((run) => run.wallMs)),
    peakRssMb: median(runs.map((run) => run.peakRssMb)),
    stepsMs: median(runs.map((run) => run.stepsMs)),
  };
}

const round = (value: number) => Math.round(value);
const ratio = (value: number) => value.toFixed(2);

console.log(`bench:data — ${ROWS.toLocaleString("en")} rows, generate → join → aggregate, median of ${REPEATS}`);
const duckdb = await measure("duckdb", duckdbAssets, REPEATS);
const json = await measure("json", jsonAssets, Math.max(1, REPEATS - 2));
const noop = await measure("noop", noopAssets, REPEATS);
const directRoot = benchWorkspace("data-direct");
const direct: number[] = [];
for (let i = 0; i < REPEATS; i++) direct.push(await directSql(directRoot));
rmSync(directRoot, { recursive: true, force: true });
const directMs = median(direct);

console.table({
  "DuckDB IO manager": {
    "wall ms": round(duckdb.wallMs),
    "peak RSS MB": round(duckdb.peakRssMb),
    "steps ms": round(duckdb.stepsMs),
  },
  "JSON IO manager": {
    "wall ms": round(json.wallMs),
    "peak RSS MB": round(json.peakRssMb),
    "steps ms": round(json.stepsMs),
  },
  "no-op chain (the CLI alone)": {
    "wall ms": round(noop.wallMs),
    "peak RSS MB": round(noop.peakRssMb),
    "steps ms": round(noop.stepsMs),
  },
  "same SQL, direct": { "wall ms": "", "peak RSS MB": "", "steps ms": round(directMs) },
});
const speedup = json.wallMs / duckdb.wallMs;
const memory = duckdb.peakRssMb / json.peakRssMb;
const overhead = duckdb.stepsMs / directMs;
const dataSpeedup = (json.wallMs - noop.wallMs) / (duckdb.wallMs - noop.wallMs);
const dataMemory = (duckdb.peakRssMb - noop.peakRssMb) / (json.peakRssMb - noop.peakRssMb);
const stepSpeedup = json.stepsMs / duckdb.stepsMs;
console.log(
  `DuckDB vs JSON, whole run: ${ratio(speedup)}× faster; above the no-op run: ${ratio(dataSpeedup)}× (target ≥ 10×) ${dataSpeedup >= 10 ? "✓" : "✗"}`,
);
console.log(`DuckDB vs JSON, the steps alone: ${ratio(stepSpeedup)}× faster`);
console.log(
  `DuckDB vs JSON, peak memory: ${ratio(memory)}×; above the no-op run: ${ratio(dataMemory)}× (target ≤ 0.25×) ${dataMemory <= 0.25 ? "✓" : "✗"}`,
);
console.log(`IO manager overhead over direct SQL: ${ratio(overhead)}× (target ≤ 1.3×) ${overhead <= 1.3 ? "✓" : "✗"}`);
