/**
 * Sensors under a real `assetline dev`: a sensor's requests become runs that materialize, an asset sensor fires after a
 * CLI materialize, and a daemon killed with -9 and started again keeps the cursors and runs no run key twice.
 */
import { describe, expect, it } from "vitest";
import { RunsOutputSchema, type RunSummary } from "assetline/protocol";
import { SensorsResultSchema, type SensorState } from "../../../sdk/src/protocol/daemonInstigators";
import { daemonStarter } from "./devProcess";
import { cli, fixtureWorkspaces, machineOutput } from "../run/workspace";

const workspace = fixtureWorkspaces();
const startDaemon = daemonStarter();
const DIRECT = { ASSETLINE_NO_DAEMON: "1" };

// new_files asks for file-0, then file-1 on every tick after: two runs, however often it ticks.
const ASSETS = `import { asset, assetSensor, RunRequest, schedule, sensor } from "assetline";
export const nightly = schedule({ cron: "0 6 * * *", selection: "key:orders" });
export const raw_files = asset(() => ["a.csv", "b.csv"]);
export const orders = asset(() => [1, 2, 3]);
export const revenue = asset({ ins: { orders } }, ({ orders }) => orders.length);
export const new_files = sensor({ minimumInterval: "5s", selection: "key:raw_files" }, (ctx) => {
  const n = Number(ctx.cursor ?? "0");
  ctx.updateCursor(String(n + 1));
  return RunRequest({ runKey: "file-" + Math.min(n, 1) });
});
export const on_orders = assetSensor({ asset: orders, selection: "key:revenue", minimumInterval: "2s" });
`;

async function runs(root: string): Promise<RunSummary[]> {
  return machineOutput(RunsOutputSchema, (await cli(["runs", "--json"], root, DIRECT)).stdout).runs;
}

async function sensors(root: string): Promise<Map<string, SensorState>> {
  const result = await cli(["sensors", "--json"], root);
  expect(result.code, result.stderr).toBe(0);
  return new Map(machineOutput(SensorsResultSchema, result.stdout).sensors.map((sensor) => [sensor.name, sensor]));
}

const by = (name: string) => (run: RunSummary) => run.instigator === name;
// Generous: each tick and each CLI call is a process, on machines running other tests too.
const poll = { timeout: 90_000, interval: 1_500 };

describe("sensors under assetline dev", () => {
  it("runs a sensor's requests and an asset sensor's, and after kill -9 runs no run key twice", async () => {
    const root = workspace({ "src/assets.ts": ASSETS });
    const daemon = await startDaemon(root);
    // The sensor's two run keys become two runs that materialize raw_files.
    await expect.poll(async () => (await runs(root)).filter(by("new_files")).length, poll).toBe(2);
    const fileRuns = (await runs(root)).filter(by("new_files"));
    await expect
      .poll(async () => (await runs(root)).filter(by("new_files")).map((run) => run.status), poll)
      .toEqual(["success", "success"]);
    expect(fileRuns.every((run) => run.origin === "sensor" && run.selection === "key:raw_files")).toBe(true);
    // The asset sensor started watching; a CLI materialize of orders makes it run revenue once.
    await expect.poll(async () => (await sensors(root)).get("on_orders")?.lastTick?.status, poll).toBe("skipped");
    expect((await cli(["materialize", "orders"], root)).code).toBe(0);
    await expect
      .poll(async () => (await runs(root)).filter(by("on_orders")).map((run) => run.status), poll)
      .toEqual(["success"]);
    const before = Number((await sensors(root)).get("new_files")?.cursor);

    daemon.kill("SIGKILL");
    await daemon.done;
    await startDaemon(root);
    // Ticking again from its cursor: the count goes on, the run keys it asks for again run no second time.
    await expect
      .poll(async () => Number((await sensors(root)).get("new_files")?.cursor), poll)
      .toBeGreaterThan(before + 1);
    const after = await runs(root);
    expect(after.filter(by("new_files"))).toHaveLength(2);
    expect(after.filter(by("on_orders"))).toHaveLength(1);
    await expect
      .poll(async () => (await cli(["sensors"], root)).stdout, poll)
      .toMatch(/new_files\s+sensor\s+5s\s+\S+\s+skipped \S+\s+every run key was used before/);
  }, 400_000);

  it("pauses, resumes and ticks a sensor through the daemon, and says when there is none", async () => {
    const root = workspace({ "src/assets.ts": ASSETS });
    const none = await cli(["pause", "new_files"], root);
    expect([none.code, none.stderr.trim()]).toEqual([
      1,
      `assetline pause: no daemon runs for ${root}: start it with \`npx assetline dev\`.`,
    ]);
    await startDaemon(root);
    expect((await cli(["pause", "new_files"], root)).stdout).toBe("sensor new_files paused.\n");
    expect((await sensors(root)).get("new_files")).toMatchObject({ paused: true });
    const ticked = await cli(["tick", "new_files"], root);
    expect([ticked.code, ticked.stdout]).toEqual([0, expect.stringMatching(/^sensor new_files ticked: /)]);
    const unknown = await cli(["tick", "nope"], root);
    expect([unknown.code, unknown.stderr]).toEqual([1, expect.stringContaining('no schedule or sensor named "nope"')]);
    expect((await cli(["resume", "new_files"], root)).stdout).toBe("sensor new_files resumed.\n");
    // A schedule ticked by hand runs now; paused, `schedules` says so.
    const nightly = await cli(["tick", "nightly"], root);
    expect([nightly.code, nightly.stdout]).toEqual([
      0,
      expect.stringMatching(/^schedule nightly ticked: run \w+\.\n$/),
    ]);
    expect((await runs(root)).find(by("nightly"))).toMatchObject({ origin: "schedule", status: "success" });
    expect((await cli(["pause", "nightly"], root)).stdout).toBe("schedule nightly paused.\n");
    expect((await cli(["schedules"], root)).stdout).toMatch(/nightly\s+0 6 \* \* \*\s+UTC\s+paused\s+succeeded/);
    // Without a daemon the listing reads the store: the pause it kept, the ticks it recorded.
    const direct = machineOutput(SensorsResultSchema, (await cli(["sensors", "--json"], root, DIRECT)).stdout);
    expect(direct.sensors.find((sensor) => sensor.name === "new_files")).toMatchObject({ paused: false });
  }, 240_000);
});
