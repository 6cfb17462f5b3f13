import { versioned } from "../../protocol";
import { formatDuration, timeAgo } from "../../status/describe";
import { readStore } from "../../store/openStore";
import type { Command } from "../command";
import { limitOf, storeOption, storePaths } from "../workspaceArgs";
import { shortRunId } from "./runIds";
import { formatTable } from "./table";
import { runsViaDaemon } from "../../daemon/viaDaemon";

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
    const runs = (await runsViaDaemon(storeDir, limit)) ?? (await readStore(storeDir, (store) => store.runs(limit)));
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
      ]);
      io.stdout(formatTable(["run", "status", "started", "took", "origin", "config", "selection"], rows));
    }
    return 0;
  },
};
