import { versioned, type AssetState, type AssetStatus } from "../../protocol";
import { resolveSelection } from "../../run/resolveSelection";
import { workspaceStatuses } from "../../status/workspaceStatus";
import type { Command } from "../command";
import {
  definitionsHelp,
  definitionsOption,
  errorMessage,
  storeHelp,
  storeOption,
  workspacePaths,
} from "../workspaceArgs";
import { rowsText, timeAgo } from "../../status/describe";
import { formatTable } from "./table";

const ICON: Record<Exclude<AssetState, "running">, string> = {
  never: "○",
  fresh: "●",
  stale: "◐",
  failed: "✖",
  unknown: "◌",
};

function describe(status: AssetStatus): string {
  const last = status.lastMaterialization;
  const when = last ? [timeAgo(last.timestamp), rowsText(last.metadata)].filter(Boolean).join(" · ") : "";
  return [when, ...status.reasons].filter(Boolean).join("; ");
}

export const statusCommand: Command = {
  name: "status",
  summary: "Show each asset as never materialized, fresh, stale or failed, with the reasons",
  usage: "[--json] [--select SEL] [--definitions FILE] [--store DIR] [dir]",
  help: [
    '--json        print { "protocolVersion", "assets": AssetStatus[] }',
    "--select SEL  only these assets (staleness still follows every upstream)",
    definitionsHelp,
    storeHelp,
  ],
  options: { json: { type: "boolean" }, select: { type: "string" }, ...definitionsOption, ...storeOption },
  async run(args, io) {
    const { root, storeDir, definitionsFile } = workspacePaths(args, io.cwd);
    try {
      const { graph, statuses } = workspaceStatuses(root, storeDir, definitionsFile);
      const select = args.values.select;
      const wanted = typeof select === "string" ? resolveSelection(select, graph) : undefined;
      const assets = wanted ? statuses.filter((status) => wanted.has(status.key)) : statuses;
      if (args.values.json) io.stdout(`${JSON.stringify(versioned({ assets }))}\n`);
      else
        io.stdout(
          formatTable(
            ["", "asset", "state", "details"],
            assets.map((s) => [ICON[s.state], s.key, s.state, describe(s)]),
          ),
        );
      return 0;
    } catch (error) {
      io.stderr(`assetline status: ${errorMessage(error)}\n`);
      return 1;
    }
  },
};
