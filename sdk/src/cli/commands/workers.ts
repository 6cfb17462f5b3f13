import { versioned, type WorkerSummary } from "../../protocol";
import { listWorkers, type WorkerInfo } from "../../queue/listWorkers";
import { formatDuration } from "../../status/describe";
import type { Command } from "../command";
import { withSharedQueue } from "../sharedQueue";
import { storeOption, storePaths } from "../workspaceArgs";
import { shortRunId } from "./runIds";
import { formatTable } from "./table";

/** Workers that stopped or went silent longer ago than this are history, not news. */
const RECENT_MS = 60 * 60 * 1000;

function summary(worker: WorkerInfo): WorkerSummary {
  const state =
    worker.stoppedAgoMs !== undefined ? "stopped" : worker.heartbeatAgeMs > worker.leaseMs ? "silent" : "live";
  return { ...worker, state };
}

function stateText(worker: WorkerSummary): string {
  if (worker.state === "stopped") return `stopped ${formatDuration(worker.stoppedAgoMs ?? 0)} ago`;
  const beat = `beat ${formatDuration(worker.heartbeatAgeMs)} ago`;
  return worker.state === "silent" ? `silent (${beat})` : beat;
}

export const workersCommand: Command = {
  name: "workers",
  summary:
    "List the workers of a shared store: live ones with their heartbeat and running steps, and those stopped or silent in the last hour",
  args: "[dir]",
  options: [{ flags: "--json", description: "print { protocolVersion, workers: WorkerSummary[] }" }, storeOption],
  async run(args, io) {
    const { storeDir } = storePaths(args, io.cwd, args.positionals[0]);
    const workers = (await withSharedQueue("workers", storeDir, (pool) => listWorkers(pool, RECENT_MS))).map(summary);
    if (args.values.json) io.stdout(`${JSON.stringify(versioned({ workers }))}\n`);
    else if (workers.length === 0)
      io.stdout("No worker in the last hour: start one with `assetline worker --store <the same URL>`.\n");
    else {
      const rows = workers.map((worker) => [
        `${worker.host}:${worker.pid}`,
        stateText(worker),
        worker.queues.join(","),
        `${worker.steps.length}/${worker.concurrency}`,
        worker.steps
          .map(
            (step) => `${shortRunId(step.runId)} ${step.stepId}${step.attempt > 1 ? ` (attempt ${step.attempt})` : ""}`,
          )
          .join(", "),
      ]);
      io.stdout(formatTable(["worker", "state", "queues", "running", "steps"], rows));
    }
    return 0;
  },
};
