/**
 * A run is failed once its process is gone, whatever its pid now answers: a zombie (killed, never reaped: a container
 * without an init) and a reused pid (an unrelated process) both answer `kill(pid, 0)`. From another machine, a run is
 * failed once its heartbeat is older than three of its intervals.
 */
import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AssetStatus, RunSummary } from "assetline/protocol";
import { cli, cliBin, ensureCliBuilt, fixtureWorkspace, removeWorkspace, startCli, waitForOutput } from "./workspace";

const roots: string[] = [];
const workspace = () => {
  const root = fixtureWorkspace({
    "src/assets.ts": `import { asset } from "assetline";
export const waits = asset(() => new Promise<string>((resolve) => setTimeout(() => resolve("done"), 60_000)));
`,
  });
  roots.push(root);
  return root;
};
beforeAll(() => ensureCliBuilt());
afterAll(() => roots.forEach(removeWorkspace));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function runsOf(root: string): Promise<RunSummary[]> {
  return JSON.parse((await cli(["runs", "--json"], root)).stdout).runs as RunSummary[];
}

/** The store's own record of the run, read directly: the pid and heartbeat a run process wrote. */
function runRow(root: string) {
  const db = new Database(join(root, ".assetline", "assetline.db"), { readonly: true });
  try {
    return db.prepare("SELECT * FROM runs").get() as {
      id: string;
      pid: number;
      host: string;
      heartbeat_at: number;
      heartbeat_ms: number;
    };
  } finally {
    db.close();
  }
}

function rewriteRun(root: string, sql: string, ...params: unknown[]): void {
  const db = new Database(join(root, ".assetline", "assetline.db"));
  db.prepare(sql).run(...params);
  db.close();
}

/** `R` running, `S` sleeping, `Z` a zombie: dead, but its pid still taken until its parent reaps it. */
const processState = (pid: number) => readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]![0];

describe.skipIf(process.platform !== "linux")("run liveness", () => {
  it("marks a run failed when its process was killed but never reaped (a zombie, as without an init)", async () => {
    const root = workspace();
    // The shell starts the run in the background and becomes `sleep`, which never reaps it.
    const parent = spawn("sh", ["-c", `"${process.execPath}" "${cliBin}" materialize --json & exec sleep 60`], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      await waitForOutput(parent, /"step_started"/);
      const { pid } = runRow(root);
      expect((await runsOf(root))[0]!.status).toBe("running");
      process.kill(pid, "SIGKILL");
      while (processState(pid) !== "Z") await sleep(10);
      // The zombie still answers kill(pid, 0), which is what kept such runs running.
      expect(() => process.kill(pid, 0)).not.toThrow();
      const [run] = await runsOf(root);
      expect(run).toMatchObject({ status: "failed", endedAt: expect.any(Number) });
      expect((await cli(["logs", run!.id], root)).stdout).toContain(
        `the run's process (pid ${pid}) ended without finishing the run; marked failed`,
      );
      expect(readdirSync(join(root, ".assetline", "running"))).toEqual([]);
      // The asset it was materializing failed with it.
      const { assets } = JSON.parse((await cli(["status", "--json"], root)).stdout) as { assets: AssetStatus[] };
      expect(assets.find((status) => status.key === "waits")).toMatchObject({
        state: "failed",
        reasons: [
          `last run failed: this step never finished: the run's process (pid ${pid}) ended without finishing the run`,
        ],
      });
    } finally {
      parent.kill("SIGKILL");
    }
  });

  it("does not keep a dead run alive because an unrelated live process now has its pid", async () => {
    const root = workspace();
    const child = startCli(["materialize", "--json"], root);
    await waitForOutput(child, /"step_started"/);
    child.kill("SIGKILL");
    await child.done;
    // The pid is reused: the recorded pid now names another process, alive and well.
    const stranger = spawn("sleep", ["60"], { stdio: "ignore" });
    try {
      rewriteRun(root, "UPDATE runs SET pid = ?", stranger.pid);
      expect(() => process.kill(stranger.pid!, 0)).not.toThrow();
      expect((await runsOf(root))[0]!.status).toBe("failed");
    } finally {
      stranger.kill("SIGKILL");
    }
  });

  it("beats while it runs, and a run seen from another machine is failed once three beats are missed", async () => {
    const root = workspace();
    const child = startCli(["materialize", "--json"], root, { ASSETLINE_HEARTBEAT_MS: "300" });
    await waitForOutput(child, /"step_started"/);
    const first = runRow(root);
    expect(first.heartbeat_ms).toBe(300);
    await sleep(700);
    expect(runRow(root).heartbeat_at).toBeGreaterThan(first.heartbeat_at);
    child.kill("SIGKILL");
    await child.done;
    // As another machine sharing the store folder sees it: no lock to probe there, only the heartbeat.
    rewriteRun(root, "UPDATE runs SET host = 'another-machine'");
    const lastBeat = runRow(root).heartbeat_at;
    let run: RunSummary | undefined;
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; await sleep(100)) {
      run = (await runsOf(root))[0];
      if (run?.status !== "running") break;
    }
    expect(run?.status).toBe("failed");
    // Not before three intervals had passed since the last beat, and soon after (the CLI's start is the slack).
    expect(run!.endedAt! - lastBeat).toBeGreaterThan(3 * 300);
    expect(run!.endedAt! - lastBeat).toBeLessThan(3 * 300 + 3_000);
    expect((await cli(["logs", first.id], root)).stdout).toMatch(
      /the run's process \(pid \d+ on another-machine\) sent no heartbeat for \d+ s \(more than 3 of its 300 ms intervals\)/,
    );
  });
});
