/** `assetline dev` as a child process for daemon tests: started in a workspace, killed after each test if still up. */
import { afterEach } from "vitest";
import { startCli, waitForOutput } from "../run/workspace";

export type Daemon = ReturnType<typeof startCli>;

/** Starts daemons that are SIGKILLed after each test of the file that calls it; resolves once one serves. */
export function daemonStarter(): (root: string, env?: Record<string, string>) => Promise<Daemon> {
  const started: Daemon[] = [];
  afterEach(() => {
    for (const daemon of started.splice(0))
      if (daemon.exitCode === null && daemon.signalCode === null) daemon.kill("SIGKILL");
  });
  return async (root, env = {}) => {
    const daemon = startCli(["dev"], root, env);
    started.push(daemon);
    await waitForOutput(daemon, /serving/);
    return daemon;
  };
}
