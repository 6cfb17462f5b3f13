/**
 * `assetline dev` ticks a schedule every second: each tick is recorded with the run it started and that run's
 * outcome, and across a kill -9 and a restart no tick runs twice; ticks missed while it was down are recorded skipped.
 */
import Database from "better-sqlite3";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DATABASE_FILE } from "../../../sdk/src/store/sqliteStore";
import { cli, fixtureWorkspaces } from "../run/workspace";
import { daemonStarter, waitFor } from "./devProcess";

const workspace = fixtureWorkspaces();
const EVERY_SECOND = `import { asset, schedule } from "assetline";
export const orders = asset(() => [1, 2, 3]);
export const every_second = schedule({ cron: "* * * * * *", selection: "key:orders" });
`;

const startDaemon = daemonStarter();

interface ScheduleTicks {
  name: string;
  nextTick?: number;
  lastTick?: { tickAt: number; status: string; runId?: string };
}

async function schedules(root: string): Promise<ScheduleTicks[]> {
  const result = await cli(["schedules", "--json"], root);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { schedules: ScheduleTicks[] }).schedules;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface TickRow {
  tick_at: number;
  status: string;
  run_id: string | null;
  reason: string | null;
}

function read(root: string): { ticks: TickRow[]; runs: string[] } {
  const db = new Database(join(root, ".assetline", DATABASE_FILE), { readonly: true });
  try {
    const ticks = db.prepare("SELECT tick_at, status, run_id, reason FROM ticks ORDER BY tick_at").all() as TickRow[];
    const runs = (db.prepare("SELECT id FROM runs").all() as { id: string }[]).map((run) => run.id);
    return { ticks, runs };
  } finally {
    db.close();
  }
}

describe("assetline dev ticks schedules", () => {
  it("records a run per tick and runs no tick twice across a kill -9 and a restart", async () => {
    const root = workspace({ "src/assets.ts": EVERY_SECOND });
    const first = await startDaemon(root);
    const succeeded = (ticks: TickRow[]) => ticks.filter((tick) => tick.status === "succeeded");
    await waitFor("two ticks run", 40_000, () => (succeeded(read(root).ticks).length >= 2 ? true : undefined));
    first.kill("SIGKILL");
    await first.done;
    const beforeKill = read(root).ticks;
    await sleep(2_500);

    const second = await startDaemon(root);
    const runAfterRestart = () =>
      succeeded(read(root).ticks).filter((tick) => tick.tick_at > beforeKill.at(-1)!.tick_at).length;
    await waitFor("two ticks run after the restart", 40_000, () => (runAfterRestart() >= 2 ? true : undefined));
    const [warm] = await schedules(root);
    expect(warm).toMatchObject({ name: "every_second", cron: "* * * * * *", timezone: "UTC" });
    expect(warm!.nextTick).toBeGreaterThan(warm!.lastTick!.tickAt);
    second.kill("SIGTERM");
    await second.done;
    // Runs the killed daemon started finish on their own.
    await sleep(1_500);
    const { ticks, runs } = read(root);

    const skipped = ticks.filter((tick) => tick.status === "skipped");
    expect(skipped.length).toBeGreaterThanOrEqual(1);
    for (const tick of skipped) expect(tick.reason).toBe("missed while the daemon was down");
    expect(succeeded(beforeKill).length).toBeGreaterThanOrEqual(2);
    // The restarted daemon went on from the latest recorded tick: nothing it recorded is before it.
    const afterRestart = ticks.filter((tick) => tick.tick_at > beforeKill.at(-1)!.tick_at && tick.status !== "skipped");
    expect(afterRestart.filter((tick) => tick.status === "succeeded").length).toBeGreaterThanOrEqual(2);
    // One run per tick at most: each recorded run id is a run of the store, and there are no more runs than ticks run.
    const runIds = ticks.flatMap((tick) => tick.run_id ?? []);
    expect(new Set(runIds).size).toBe(runIds.length);
    for (const runId of runIds) expect(runs).toContain(runId);
    expect(runs.length).toBeLessThanOrEqual(ticks.filter((tick) => tick.status !== "skipped").length);
    // Without a daemon, `assetline schedules` reads the last tick from the store.
    const [direct] = await schedules(root);
    expect(direct!.lastTick).toMatchObject({ tickAt: ticks.at(-1)!.tick_at, status: ticks.at(-1)!.status });
  }, 120_000);

  it("runs a partitioned target's tick for the partition the tick closes", async () => {
    const root = workspace({
      "src/assets.ts": `import { DailyPartitionsDefinition, asset, schedule } from "assetline";
const days = DailyPartitionsDefinition({ startDate: "2026-01-01" });
export const daily_orders = asset({ partitionsDef: days }, (ctx) => ctx.partitionKey);
export const every_second = schedule({ cron: "* * * * * *", selection: "key:daily_orders" });
`,
    });
    const daemon = await startDaemon(root);
    const materialized = () => {
      const db = new Database(join(root, ".assetline", DATABASE_FILE), { readonly: true });
      const found = db.prepare("SELECT 1 FROM materializations LIMIT 1").get();
      db.close();
      return found === undefined ? undefined : true;
    };
    await waitFor("a tick's run to materialize", 40_000, materialized);
    daemon.kill("SIGTERM");
    await daemon.done;
    const db = new Database(join(root, ".assetline", DATABASE_FILE), { readonly: true });
    const partitions = db.prepare("SELECT DISTINCT partition FROM materializations").all() as { partition: string }[];
    db.close();
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const today = new Date().toISOString().slice(0, 10);
    // Around midnight UTC a tick may close either day.
    expect(partitions.map((row) => row.partition).every((day) => [yesterday, today].includes(day))).toBe(true);
    expect(partitions.length).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
