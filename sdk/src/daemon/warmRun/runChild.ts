/**
 * The warm run process's side: started by the daemon with an IPC channel, it loads the bundle and reads the graph the
 * daemon wrote beside it, says it is ready and waits. Handed its run, it runs the CLI's `materialize` with the daemon's arguments
 * (so it prints its events as `materialize --json` does and exits with its code), the workspace analyzed and loaded
 * ahead, then exits: one run per process, as a cold run.
 */
import { readFileSync } from "node:fs";
import type { CommandIO } from "../../cli/command";
import type { AssetGraph } from "../../protocol";
import { runCli } from "../../cli/run";
import { definitionsModuleOf, loadBundle } from "../../run/loadWorkspace";
import type { WarmWorkspace } from "../../run/workspaceRun";
import type { LoadMessage, ReadyMessage, RunMessage } from "./messages";

/** Whether this process is a warm run process (the variable is not passed on to processes user code starts). */
export function isWarmRunProcess(): boolean {
  const warm = process.env.ASSETLINE_WARM_RUN === "1" && process.send !== undefined;
  delete process.env.ASSETLINE_WARM_RUN;
  return warm;
}

/** Resolves with the run's exit code. */
export function runWarmChild(io: CommandIO): Promise<number> {
  return new Promise((resolve, reject) => {
    let workspace: Promise<WarmWorkspace> | undefined;
    let running = false;
    // The daemon went away before handing a run: nothing to do.
    process.on("disconnect", () => running || process.exit(0));
    if (!process.connected) process.exit(0);
    process.on("message", (message: LoadMessage | RunMessage) => {
      if (message.type === "load" && workspace === undefined) {
        const { bundle, format, entryFiles, definitionsFile, graph } = message;
        workspace = loadBundle(bundle, format, definitionsModuleOf(entryFiles, definitionsFile)).then((repository) => ({
          graph: JSON.parse(readFileSync(graph, "utf8")) as AssetGraph,
          repository,
        }));
        // A bundle that fails to load makes the daemon run cold, and that run reports the failure as the CLI does.
        workspace.then(
          () => process.send!({ type: "ready" } satisfies ReadyMessage),
          () => process.exit(1),
        );
      } else if (message.type === "run" && workspace !== undefined && !running) {
        running = true;
        // Nothing more comes over IPC, and an open channel would keep the process alive after its run.
        process.disconnect();
        process.chdir(message.cwd);
        workspace.then((warm) => runCli(message.argv, { ...io, cwd: message.cwd, warm })).then(resolve, reject);
      }
    });
  });
}
