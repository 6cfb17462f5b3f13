import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type RunEvent, RunsOutputSchema } from "assetline/protocol";
import { type Daemon, daemonStarter } from "./devProcess";
import { cli, fixtureWorkspaces, machineOutput, parseEvents, startCli, waitForOutput } from "../run/workspace";

const workspace = fixtureWorkspaces();
const startDaemon = daemonStarter();
const DIRECT = { ASSETLINE_NO_DAEMON: "1" };

/** Two assets computed from `answer`; loading the module notes which process loaded it. */
const answerAssets = (answer: number) => `import { appendFileSync } from "node:fs";
import { asset } from "assetline";
appendFileSync("loaded-by.txt", \`\${process.pid}\\n\`);
export const answer = asset(() => ${answer});
export const doubled = asset({ ins: { answer } }, ({ answer }) => answer * 2);
`;

const STUCK = `import { asset } from "assetline";
export const stuck = asset(() => new Promise(() => setInterval(() => {}, 1000)));
`;

/** Everything the daemon prints, as it comes. */
function outputOf(daemon: Daemon): () => string {
  let output = "";
  daemon.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return () => output;
}

/** What a run stored of each asset: the records a later run's staleness is computed from. */
function stored(events: RunEvent[]) {
  return events.flatMap((event) =>
    event.type === "materialization"
      ? [[event.materialization.key, event.materialization.codeVersion, event.materialization.dataVersion]]
      : [],
  );
}

async function materialize(root: string, env: Record<string, string> = {}): Promise<RunEvent[]> {
  const result = await cli(["materialize", "--json"], root, env);
  expect(result.code, result.stderr).toBe(0);
  return parseEvents(result.stdout);
}

/** The pids of `pid`'s children; none yet (pgrep exits with 1) while the daemon waits for a quiet moment to start one. */
function childrenOf(pid: number): string[] {
  try {
    return execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" }).split("\n");
  } catch {
    return [];
  }
}

/** The daemon's warm run process, waiting for its run: its only child that is a node running the CLI. */
async function waitingRunProcess(daemon: Daemon): Promise<number> {
  for (let tries = 0; tries < 100; tries++) {
    const children = childrenOf(daemon.pid!);
    const cli = children.filter(
      (pid) => pid !== "" && execFileSync("ps", ["-o", "args=", "-p", pid], { encoding: "utf8" }).includes("assetline"),
    );
    if (cli.length === 1) return Number(cli[0]);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the daemon started no run process ahead");
}

describe("assetline dev's warm run process", () => {
  it("runs the edited code after an edit, storing what a cold run stores, never in the daemon", async () => {
    const root = workspace({ "src/assets.ts": answerAssets(1) });
    const daemon = await startDaemon(root);
    const output = outputOf(daemon);
    const before = stored(await materialize(root));
    // writeFileSync truncates before it writes, so the daemon may first see an empty file: wait for the edit's graph.
    const changed = waitForOutput(daemon, /the workspace changed: graph updated \(2 assets, 0 errors\)/);
    writeFileSync(join(root, "src/assets.ts"), answerAssets(2));
    await changed;
    const edited = stored(await materialize(root));
    expect(output().match(/exited with 0 \(warm run process\)/g)).toHaveLength(2);
    // The new value (another data version) and the new code version are stored, both as a cold run stores them.
    expect(edited.map(([, code, data], i) => [code === before[i]![1], data === before[i]![2]])).toEqual([
      [false, false],
      [true, false],
    ]);
    expect(stored(await materialize(root, DIRECT))).toEqual(edited);
    const status = await cli(["status", "--json"], root);
    expect(status.stdout).toBe((await cli(["status", "--json"], root, DIRECT)).stdout);
    const loadedBy = readFileSync(join(root, "loaded-by.txt"), "utf8").trim().split("\n").map(Number);
    expect(loadedBy).not.toContain(daemon.pid);
  }, 180_000);

  it("cancels a warm run with `assetline cancel`, and `runs` and `logs` print through the daemon what they print without", async () => {
    const root = workspace({ "src/assets.ts": STUCK });
    const daemon = await startDaemon(root);
    const output = outputOf(daemon);
    const run = startCli(["materialize", "--json"], root);
    await waitForOutput(run, /step_started/);
    const { runs } = machineOutput(RunsOutputSchema, (await cli(["runs", "--json"], root)).stdout);
    const runId = runs[0]!.id.slice(0, 8);
    const cancel = await cli(["cancel", runId], root);
    expect([cancel.code, cancel.stdout]).toEqual([0, expect.stringContaining(`Cancelling run ${runId}`)]);
    const result = await run.done;
    expect(result.code, result.stderr).toBe(130);
    expect(parseEvents(result.stdout).at(-1)).toMatchObject({ type: "run_finished", status: "cancelled" });
    expect(output()).toContain("exited with 130 (warm run process)");
    for (const args of [
      ["runs", "--json"],
      ["logs", runId, "--json"],
      ["cancel", runId],
    ]) {
      const [through, direct] = [await cli(args, root), await cli(args, root, DIRECT)];
      expect([through.code, through.stdout, through.stderr]).toEqual([direct.code, direct.stdout, direct.stderr]);
    }
  });

  it("runs cold when the code does not load, reporting it as the CLI does", async () => {
    const root = workspace({ "src/assets.ts": `${answerAssets(1)}throw new Error("config missing");\n` });
    const daemon = await startDaemon(root);
    const output = outputOf(daemon);
    const [through, direct] = [await cli(["materialize"], root), await cli(["materialize"], root, DIRECT)];
    expect(through.code).toBe(direct.code);
    for (const result of [through, direct])
      expect(result.stderr).toMatch(
        /^assetline materialize: loading the workspace's definitions failed: Error: config missing/,
      );
    expect(output()).toContain("exited with 1 (cold run process)");
  });

  it("replaces a waiting run process that was killed", async () => {
    const root = workspace({ "src/assets.ts": answerAssets(1) });
    const daemon = await startDaemon(root);
    const output = outputOf(daemon);
    const killed = await waitingRunProcess(daemon);
    process.kill(killed, "SIGKILL");
    const events = await materialize(root);
    expect(events.at(-1)).toMatchObject({ type: "run_finished", status: "success" });
    expect(output()).toContain("exited with 0 (warm run process)");
    expect(await waitingRunProcess(daemon)).not.toBe(killed);
  });
});
