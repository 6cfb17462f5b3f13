import { versioned, type AssetGraph } from "../../protocol";
import type { Command } from "../command";
import { definitionsOption, failure, storeOption } from "../workspaceArgs";
import { analyzeWorkspace } from "./analyzeWorkspace";

/** Graphviz: data dependencies solid, ordering-only ones dashed, one cluster-free node per asset labelled with its group. */
export function toDot(graph: AssetGraph): string {
  const quote = (text: string) => JSON.stringify(text);
  const lines = ["digraph assets {", "  rankdir=LR;", "  node [shape=box];"];
  for (const node of graph.nodes) lines.push(`  ${quote(node.key)} [label=${quote(`${node.key}\n${node.group}`)}];`);
  for (const edge of graph.edges)
    lines.push(`  ${quote(edge.from)} -> ${quote(edge.to)}${edge.kind === "order" ? " [style=dashed]" : ""};`);
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

/** One line per asset: its upstreams, `(order)` marking ordering-only ones. */
function toText(graph: AssetGraph): string {
  // Grouped once: filtering every edge per node is quadratic on a large workspace.
  const upstreams = new Map<string, string[]>();
  for (const e of graph.edges) {
    const name = e.kind === "order" ? `${e.from} (order)` : e.from;
    const list = upstreams.get(e.to);
    if (list) list.push(name);
    else upstreams.set(e.to, [name]);
  }
  return `${graph.nodes
    .map((node) => {
      const upstream = upstreams.get(node.key);
      return upstream ? `${node.key} <- ${upstream.join(", ")}` : node.key;
    })
    .join("\n")}\n`;
}

export const graphCommand: Command = {
  name: "graph",
  summary: "Print the asset graph: as text, as the protocol's JSON, or as Graphviz dot",
  args: "[dir]",
  options: [
    {
      flags: "--json",
      description: "print the protocol AssetGraph: { protocolVersion, nodes, edges (kind data|order), jobs }",
    },
    { flags: "--dot", description: "print Graphviz dot (ordering-only edges dashed)" },
    definitionsOption,
    { ...storeOption, description: `${storeOption.description}; accepted for symmetry, graph never reads it` },
  ],
  async run(args, io) {
    if (args.values.json && args.values.dot) {
      io.stderr("assetline graph: choose one of --json and --dot.\n");
      return 2;
    }
    try {
      const graph = analyzeWorkspace(args, io.cwd).graph();
      io.stdout(
        args.values.json ? `${JSON.stringify(versioned(graph))}\n` : args.values.dot ? toDot(graph) : toText(graph),
      );
      return 0;
    } catch (error) {
      return failure(io, "graph", error, 1);
    }
  },
};
