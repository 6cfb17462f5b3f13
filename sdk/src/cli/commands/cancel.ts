import { cancelViaDaemon } from "../../daemon/viaDaemon";
import { readStore } from "../../store/openStore";
import { CliError, type Command } from "../command";
import { argumentAndStore, storeOption } from "../workspaceArgs";
import { cancelQueuedRun } from "./cancelQueued";
import { resolveRunId, shortRunId } from "./runIds";

export const cancelCommand: Command = {
  name: "cancel",
  summary:
    "Cancel a queued run (its workers stop its steps, on every machine) or one the daemon (`assetline dev`) runs: it gets Ctrl-C, records itself cancelled and stops (a local run started without the daemon is cancelled with Ctrl-C in its terminal)",
  args: "RUN_ID [dir]",
  options: [storeOption],
  async run(args, io) {
    const target = argumentAndStore(args, io.cwd, "give a run id, or the start of one (see `assetline runs`)");
    const runId = await readStore(target.storeDir, (store) => resolveRunId(store, target.arg));
    const run = await readStore(target.storeDir, (store) => store.run(runId));
    if (run?.status !== "running")
      throw new CliError(`run ${shortRunId(runId)} is not running: it ended ${run?.status ?? "unrecorded"}.`, 1);
    const queued = await cancelQueuedRun(runId);
    if (queued) {
      io.stdout(
        queued.running
          ? `Cancelling queued run ${shortRunId(runId)}: its workers stop its running steps and the rest are skipped (\`assetline runs\` shows it end).\n`
          : `Cancelled queued run ${shortRunId(runId)}: none of its steps was running, the rest are skipped.\n`,
      );
      return 0;
    }
    const cancelled = await cancelViaDaemon(target.storeDir, runId);
    if (cancelled !== true)
      throw new CliError(
        `run ${shortRunId(runId)} was not started by a daemon of this store, so only its own process can cancel it: press Ctrl-C where it runs.`,
        1,
      );
    io.stdout(
      `Cancelling run ${shortRunId(runId)}: it records itself cancelled and stops (\`assetline runs\` shows it).\n`,
    );
    return 0;
  },
};
