import { versioned, type AssetState, type AssetStatus } from "../../protocol";
import { nothingSelected, resolveSelection } from "../../run/resolveSelection";
import { statesOf, workspaceFacts } from "../../run/workspaceFacts";
import { rowsText, timeAgo } from "../../status/describe";
import { workspaceStatuses } from "../../status/workspaceStatus";
import type { Command } from "../command";
import { definitionsOption, failure, storeOption, workspacePaths } from "../workspaceArgs";
import { plural } from "./check";
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
  args: "[dir]",
  options: [
    { flags: "--json", description: 'print { "protocolVersion", "assets": AssetStatus[] }' },
    { flags: "--select <SEL>", description: "only these assets (staleness still follows every upstream)" },
    { flags: "--check", description: "exit 1 when the definitions have errors (as `assetline check` does)" },
    definitionsOption,
    storeOption,
  ],
  async run(args, io) {
    try {
      const { root, storeDir, definitionsFile } = workspacePaths(args, io.cwd);
      const { graph, statuses, errors } = workspaceStatuses(root, storeDir, definitionsFile);
      const select = args.values.select;
      const facts = workspaceFacts({ root, definitionsFile, graph, states: () => statesOf(statuses) });
      const wanted = typeof select === "string" ? resolveSelection(select, graph, facts) : undefined;
      if (wanted?.size === 0)
        throw nothingSelected(
          "the selection",
          select as string,
          graph.nodes.map((node) => node.key),
        );
      const assets = wanted ? statuses.filter((status) => wanted.has(status.key)) : statuses;
      if (args.values.json) io.stdout(`${JSON.stringify(versioned({ assets }))}\n`);
      else
        io.stdout(
          formatTable(
            ["", "asset", "state", "details"],
            assets.map((s) => [ICON[s.state], s.key, s.state, describe(s)]),
          ),
        );
      // Said on stderr, so `--json` readers (the editor) keep their shape; the table alone would look healthy.
      if (errors.length > 0 && (!args.values.json || args.values.check))
        io.stderr(
          `assetline status: the definitions have ${plural(errors.length, "error")}, so this graph may miss assets or edges and runs will refuse to start; \`assetline check\` lists ${errors.length === 1 ? "it" : "them"}.\n`,
        );
      return errors.length > 0 && args.values.check ? 1 : 0;
    } catch (error) {
      return failure(io, "status", error, 1);
    }
  },
};
