import { runDaemon } from "../../daemon/daemon";
import { daemonSocket } from "../../daemon/daemonFiles";
import type { Command } from "../command";
import { definitionsOption, failure, storeOption, workspacePaths } from "../workspaceArgs";

export const devCommand: Command = {
  name: "dev",
  summary:
    "Start the workspace's daemon: it keeps the analysis and the store warm, runs materializations in their own processes, and the other commands use it while it runs (Ctrl-C stops it)",
  args: "[dir]",
  options: [definitionsOption, storeOption],
  async run(args, io) {
    try {
      const { root, storeDir, definitionsFile } = workspacePaths(args, io.cwd);
      const { alreadyRunning } = await runDaemon({
        root,
        storeDir,
        ...(definitionsFile !== undefined && { definitionsFile }),
        cliPath: process.argv[1]!,
        signal: io.signal,
        log: io.stdout,
      });
      // Exit 0: `assetline dev` makes sure one runs, so a script may start it without asking first.
      if (alreadyRunning)
        io.stdout(
          `assetline dev: a daemon already serves this workspace (pid ${alreadyRunning.pid}, started ${new Date(alreadyRunning.started).toISOString()}) on ${daemonSocket(storeDir)}; \`kill ${alreadyRunning.pid}\` stops it.\n`,
        );
      return 0;
    } catch (error) {
      return failure(io, "dev", error, 1);
    }
  },
};
