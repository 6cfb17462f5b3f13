import { versioned } from "../../protocol";
import type { Command } from "../command";
import { definitionsOption, failure, storeOption } from "../workspaceArgs";
import { analyzeWorkspace, displayPath } from "./analyzeWorkspace";
import { formatTable } from "./table";

export const listCommand: Command = {
  name: "list",
  summary: "List the workspace's assets with their kind, group and definition",
  args: "[dir]",
  options: [
    { flags: "--json", description: 'print { "assets": AssetNode[] } (the protocol\'s nodes, with locations)' },
    definitionsOption,
    { ...storeOption, description: `${storeOption.description}; accepted for symmetry, list never reads it` },
  ],
  async run(args, io) {
    try {
      const { nodes } = analyzeWorkspace(args, io.cwd).graph();
      if (args.values.json) {
        io.stdout(`${JSON.stringify(versioned({ assets: nodes }))}\n`);
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
      return failure(io, "list", error, 1);
    }
  },
};
