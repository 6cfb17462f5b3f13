/** The daemon's `shutdown` method (the editor's *Stop Automation*): it answers, then stops as on SIGTERM. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { DaemonMethods } from "assetline/protocol";
import { connectDaemon } from "../../../sdk/src/daemon/client";
import { daemonStarter } from "./devProcess";
import { fixtureWorkspaces, parseEvents, startCli, waitForOutput } from "../run/workspace";

const workspace = fixtureWorkspaces();
const startDaemon = daemonStarter();

const STUCK = `import { asset } from "assetline";
export const stuck = asset(() => new Promise(() => setInterval(() => {}, 1000)));
`;

describe("assetline dev's shutdown", () => {
  it("answers, cancels the running run and stops, removing its socket and info file", async () => {
    const root = workspace({ "src/assets.ts": STUCK });
    const store = join(root, ".assetline");
    const daemon = await startDaemon(root);
    const run = startCli(["materialize", "--json"], root);
    // A failed expectation must not leave the run's CLI behind.
    onTestFinished(() => {
      if (run.exitCode === null && run.signalCode === null) run.kill("SIGKILL");
    });
    await waitForOutput(run, /step_started/);
    const client = await connectDaemon({ root, storeDir: store });
    expect(await client!.connection.sendRequest(DaemonMethods.shutdown, {})).toEqual({});
    client!.close();
    const stopped = await daemon.done;
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toContain("assetline dev: stopped.");
    const result = await run.done;
    expect(result.code, result.stderr).toBe(130);
    expect(parseEvents(result.stdout).at(-1)).toMatchObject({ type: "run_finished", status: "cancelled" });
    expect(existsSync(join(store, "daemon.sock"))).toBe(false);
    expect(existsSync(join(store, "daemon.json"))).toBe(false);
  });
});
