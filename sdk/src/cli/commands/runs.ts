import { versioned } from "../../protocol";
import { readStore } from "../../store/sqliteStore";
import type { Command } from "../command";
import { storeHelp, storeOption, workspacePaths } from "../workspaceArgs";
import { formatDuration, timeAgo } from "../../status/describe";
import { formatTable } from "./table";

export const runsCommand: Command = {
  name: "runs",
  summary: "List recent runs, newest first",
  usage: "[--limit N] [--json] [--store DIR] [dir]",
  help: [
    "--limit N  how many runs (default 20)",
    "--json     print { protocolVersion, runs: RunSummary[] }",
    storeHelp,
  ],
  options: { limit: { type: "string" }, json: { type: "boolean" }, ...storeOption },
  async run(args, io) {
    const limit = Number(args.values.limit ?? 20);
    if (!Number.isInteger(limit) || limit < 1) {
      io.stderr(`assetline runs: --limit must be a positive whole number, not "${String(args.values.limit)}".\n`);
      return 2;
    }
    const runs = readStore(workspacePaths(args, io.cwd).storeDir, (store) => store.runs(limit));
    if (args.values.json) io.stdout(`${JSON.stringify(versioned({ runs }))}\n`);
    else {
      const rows = runs.map((run) => [
        run.id,
        run.status,
        timeAgo(run.startedAt),
        run.endedAt === null ? "" : formatDuration(run.endedAt - run.startedAt),
        run.origin,
        run.selection,
      ]);
      io.stdout(formatTable(["run", "status", "started", "took", "origin", "selection"], rows));
    }
    return 0;
  },
};
