import { type RunSummary, versioned } from "../../protocol";
import { formatDuration, timeAgo } from "../../status/describe";
import { readStore } from "../../store/openStore";
import type { Command } from "../command";
import { limitOf, storeOption, storePaths } from "../workspaceArgs";
import { shortRunId } from "./runIds";
import { formatTable } from "./table";
import { runsViaDaemon } from "../../daemon/viaDaemon";
import { sharedAttempts } from "../sharedQueue";
import { withAttempts } from "./runAttempts";

export const runsCommand: Command = {
  name: "runs",
  summary: "List recent runs, newest first",
  args: "[dir]",
  options: [
    { flags: "--limit <N>", description: "how many runs (default 20)" },
    { flags: "--json", description: "print { protocolVersion, runs: RunSummary[] } (with full run ids)" },
    storeOption,
  ],
  async run(args, io) {
    const limit = limitOf(args, 20);
    const { storeDir } = storePaths(args, io.cwd, args.positionals[0]);
    const recorded =
      (await runsViaDaemon(storeDir, limit)) ?? (await readStore(storeDir, (store) => store.runs(limit)));
    const attempts = await sharedAttempts(recorded.map((run) => run.id));
    const runs = attempts ? recorded.map((run) => withAttempts(run, attempts)) : recorded;
    if (args.values.json) io.stdout(`${JSON.stringify(versioned({ runs }))}\n`);
    else {
      const rows = runs.map((run) => [
        shortRunId(run.id),
        run.status,
        timeAgo(run.startedAt),
        run.endedAt === null ? "" : formatDuration(run.endedAt - run.startedAt),
        run.instigator === undefined ? run.origin : `${run.origin} ${run.instigator}`,
        run.config ? "yes" : "",
        run.selection,
        ...(attempts ? [workersText(run)] : []),
      ]);
      const headers = ["run", "status", "started", "took", "origin", "config", "selection"];
      io.stdout(formatTable(attempts ? [...headers, "workers"] : headers, rows));
    }
    return 0;
  },
};

/** A queued run's workers, and its steps that took more than one attempt. */
function workersText(run: RunSummary): string {
  const retried = run.retriedSteps?.length ? ` (retried: ${run.retriedSteps.join(", ")})` : "";
  return `${(run.workers ?? []).join(", ")}${retried}`;
}
