import type { Command } from "../command";
import { definitionsHelp, definitionsOption, errorMessage, storeHelp, storeOption } from "../workspaceArgs";
import { analyzeWorkspace, displayPath } from "./analyzeWorkspace";
import { formatTable } from "./table";

export const listCommand: Command = {
  name: "list",
  summary: "List the workspace's assets with their kind, group and definition",
  usage: "[--json] [--definitions FILE] [--store DIR] [dir]",
  help: [
    '--json       print { "assets": AssetNode[] } (the protocol\'s nodes, with locations)',
    definitionsHelp,
    `${storeHelp} (accepted for symmetry; list never reads the store)`,
  ],
  options: { json: { type: "boolean" }, ...definitionsOption, ...storeOption },
  async run(args, io) {
    try {
      const { nodes } = analyzeWorkspace(args, io.cwd).graph();
      if (args.values.json) {
        io.stdout(`${JSON.stringify({ assets: nodes })}\n`);
        return 0;
      }
      const where = (file: string | undefined, line: number | undefined) =>
        file ? `${displayPath(io.cwd, file)}:${(line ?? 0) + 1}` : "";
      io.stdout(
        formatTable(
          ["asset", "kind", "group", "defined at"],
          nodes.map((n) => [n.key, n.kind, n.group, where(n.location?.file, n.location?.range.start.line)]),
        ),
      );
      return 0;
    } catch (error) {
      io.stderr(`assetline list: ${errorMessage(error)}\n`);
      return 1;
    }
  },
};
