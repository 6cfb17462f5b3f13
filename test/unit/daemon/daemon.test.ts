import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  DaemonMethods,
  RunsOutputSchema,
  StatusOutputSchema,
  type RunEvent,
  type RunSummary,
} from "assetline/protocol";
import { connectDaemon } from "../../../sdk/src/daemon/client";
import { type Daemon, daemonStarter, waitFor } from "./devProcess";
import { cli, fixtureWorkspaces, machineOutput, parseEvents, startCli, waitForOutput } from "../run/workspace";

const workspace = fixtureWorkspaces();
type RunsOutput = { runs: RunSummary[] };
const DIRECT = { ASSETLINE_NO_DAEMON: "1" };
const ASSETS = `import { asset } from "assetline";
export const orders = asset(() => [1, 2, 3]);
export const revenue = asset({ ins: { orders } }, ({ orders }) => orders.length);
`;

const STUCK = `import { asset } from "assetline";
export const stuck = asset(() => new Promise(() => setInterval(() => {}, 1000)));
`;

const startDaemon = daemonStarter();

const storeOf = (root: string) => join(root, ".assetline");
const socketOf = (root: string) => join(storeOf(root), "daemon.sock");

async function statusJson(root: string, env: Record<string, string> = {}) {
  const result = await cli(["status", "--json"], root, env);
  expect(result.code, result.stderr).toBe(0);
  return machineOutput(StatusOutputSchema, result.stdout);
}

describe("assetline dev", () => {
  it("serves status as the CLI computes it, on a socket only its owner may use", async () => {
    const root = workspace({ "src/assets.ts": ASSETS });
    expect((await cli(["materialize", "orders"], root, DIRECT)).code).toBe(0);
    await startDaemon(root);
    expect(statSync(socketOf(root)).mode & 0o777).toBe(0o600);
    const direct = await statusJson(root, DIRECT);
    expect(await statusJson(root)).toEqual(direct);
    const daemon = await connectDaemon({ root, storeDir: storeOf(root) });
    expect(await daemon!.connection.sendRequest(DaemonMethods.status, {})).toEqual({
      assets: direct.assets,
      definitionErrors: 0,
    });
    // Checked at the boundary: a request that does not match the protocol is refused, naming what is wrong.
    await expect(daemon!.connection.sendRequest(DaemonMethods.runs, { limit: "ten" })).rejects.toThrow(/runs: .*limit/);
    daemon!.close();
    const selected = await cli(["status", "--json", "--select", "key:nothing_here"], root);
    const unselected = await cli(["status", "--json", "--select", "key:nothing_here"], root, DIRECT);
    expect([selected.code, selected.stderr]).toEqual([unselected.code, unselected.stderr]);
  });

  it("runs materialize in a run process and records it in the store as the direct path does", async () => {
    const root = workspace({ "src/assets.ts": ASSETS });
    const daemon = await startDaemon(root);
    let daemonOutput = "";
    daemon.stdout!.on("data", (chunk: Buffer) => (daemonOutput += chunk.toString()));
    const subscriber = await connectDaemon({ root, storeDir: storeOf(root) });
    const relayed: RunEvent[] = [];
    subscriber!.connection.onNotification(DaemonMethods.runEvent, (params: { event: RunEvent }) => {
      relayed.push(params.event);
    });
    await subscriber!.connection.sendRequest(DaemonMethods.subscribe, {});
    const result = await cli(["materialize", "--json"], root);
    expect(result.code, result.stderr).toBe(0);
    const events = parseEvents(result.stdout);
    const finished = events.at(-1);
    expect(finished).toMatchObject({ type: "run_finished", status: "success" });
    const { runs } = machineOutput(RunsOutputSchema, (await cli(["runs", "--json"], root, DIRECT)).stdout);
    expect(runs.map((run) => [run.id, run.status])).toEqual([[finished!.runId, "success"]]);
    expect(daemonOutput).toContain(`run ${finished!.runId} exited with 0`);
    expect(relayed.map((event) => event.type)).toEqual(events.map((event) => event.type));
    const logs = await subscriber!.connection.sendRequest(DaemonMethods.logs, { runId: finished!.runId.slice(0, 8) });
    expect((logs as { events: RunEvent[] }).events).toHaveLength(events.length);
    subscriber!.close();
    expect((await statusJson(root)).assets.map((asset) => asset.state)).toEqual(["fresh", "fresh"]);
  });

  it("reads a run killed with -9 as failed, as the direct path does", async () => {
    const root = workspace({ "src/assets.ts": STUCK });
    await startDaemon(root);
    const run = startCli(["materialize", "--json"], root, DIRECT);
    await waitForOutput(run, /step_started/);
    run.kill("SIGKILL");
    await run.done;
    // The daemon first: the direct path would mark the run failed for it.
    const warm = await statusJson(root);
    const daemon = await connectDaemon({ root, storeDir: storeOf(root) });
    const { runs } = (await daemon!.connection.sendRequest(DaemonMethods.runs, { limit: 5 })) as RunsOutput;
    daemon!.close();
    expect(runs.map((run) => run.status)).toEqual(["failed"]);
    expect(warm).toEqual(await statusJson(root, DIRECT));
  });

  it.each([
    ["Ctrl-C on the CLI", (cli: Daemon) => cli.kill("SIGINT")],
    ["the daemon stopping", (_: Daemon, daemon: Daemon) => daemon.kill("SIGTERM")],
  ])("cancels a run through it on %s, as the CLI's Ctrl-C does", async (_, stop) => {
    const root = workspace({ "src/assets.ts": STUCK });
    const daemon = await startDaemon(root);
    const run = startCli(["materialize", "--json"], root);
    await waitForOutput(run, /step_started/);
    stop(run, daemon);
    const result = await run.done;
    expect(result.code, result.stderr).toBe(130);
    expect(parseEvents(result.stdout).at(-1)).toMatchObject({ type: "run_finished", status: "cancelled" });
  });

  it("cancels a run whose CLI was killed with -9, as the run would have died with it without a daemon", async () => {
    const root = workspace({ "src/assets.ts": STUCK });
    await startDaemon(root);
    const run = startCli(["materialize", "--json"], root);
    await waitForOutput(run, /step_started/);
    run.kill("SIGKILL");
    await run.done;
    const cancelled = async () => {
      const { runs } = machineOutput(RunsOutputSchema, (await cli(["runs", "--json"], root)).stdout);
      return runs[0]?.status === "cancelled" ? runs : undefined;
    };
    expect(await waitFor("the orphaned run to be cancelled", 20_000, cancelled)).toHaveLength(1);
  });

  it("says so when one already runs, and a second start exits 0", async () => {
    const root = workspace({ "src/assets.ts": ASSETS });
    const first = await startDaemon(root);
    const second = await cli(["dev"], root);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`a daemon already serves this workspace (pid ${first.pid}`);
  });

  it("serves once when two start at the same instant: the other reports the first", async () => {
    const root = workspace({ "src/assets.ts": ASSETS });
    const [one, two] = [cli(["dev"], root), cli(["dev"], root)];
    // One serves until killed; the other returns at once, naming it.
    const answered = await Promise.race([one, two]);
    expect(answered.code).toBe(0);
    const info = JSON.parse(readFileSync(join(storeOf(root), "daemon.json"), "utf8")) as { pid: number };
    expect(answered.stdout).toContain(`a daemon already serves this workspace (pid ${info.pid}`);
    process.kill(info.pid, "SIGTERM");
    await Promise.all([one, two]);
    expect(existsSync(join(storeOf(root), "daemon.lock"))).toBe(false);
  });

  it("replaces what a daemon killed with -9 left", async () => {
    const root = workspace({ "src/assets.ts": ASSETS });
    const killed = await startDaemon(root);
    killed.kill("SIGKILL");
    await killed.done;
    expect(existsSync(socketOf(root))).toBe(true);
    // The CLI does not wait for a dead daemon.
    expect((await statusJson(root)).assets).toHaveLength(2);
    const next = await startDaemon(root);
    const daemon = await connectDaemon({ root, storeDir: storeOf(root) });
    expect(daemon?.info.pid).toBe(next.pid);
    daemon?.close();
  });

  it("refuses a link where its socket goes", async () => {
    const root = workspace({ "src/assets.ts": ASSETS });
    mkdirSync(storeOf(root));
    symlinkSync(join(root, "elsewhere.sock"), socketOf(root));
    const result = await cli(["dev"], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^assetline dev: .*daemon\.sock is not a socket but a symbolic link: .*remove it/);
  });

  it("stops on SIGTERM, removing its socket and info file", async () => {
    const root = workspace({ "src/assets.ts": ASSETS });
    const daemon = await startDaemon(root);
    daemon.kill("SIGTERM");
    const { code } = await daemon.done;
    expect(code).toBe(0);
    expect(existsSync(socketOf(root))).toBe(false);
    expect(existsSync(join(storeOf(root), "daemon.json"))).toBe(false);
  });

  it("sees a file edit in the next status", async () => {
    const root = workspace({ "src/assets.ts": ASSETS });
    await startDaemon(root);
    writeFileSync(
      join(root, "src/more.ts"),
      `import { asset } from "assetline";\nexport const customers = asset(() => []);\n`,
    );
    // The watcher's event arrives when the system delivers it: ask until it has.
    let keys: string[] = [];
    for (let tries = 0; tries < 100 && !keys.includes("customers"); tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      keys = (await statusJson(root)).assets.map((asset) => asset.key);
    }
    expect(keys.sort()).toEqual(["customers", "orders", "revenue"]);
  });

  it("is passed over when it does not answer", async () => {
    const root = workspace({ "src/assets.ts": ASSETS });
    const daemon = await startDaemon(root);
    daemon.kill("SIGSTOP");
    try {
      expect((await statusJson(root)).assets).toHaveLength(2);
    } finally {
      daemon.kill("SIGCONT");
    }
  });
});
