import { resolve } from "node:path";
import { type AssetGraph, type Materialization, versioned } from "../../protocol";
import { didYouMean } from "../../run/resolveSelection";
import { formatDuration, otherMetadata, tableLines, timeAgo } from "../../status/describe";
import { analyzeGraph } from "../../status/workspaceStatus";
import { readStore } from "../../store/openStore";
import { CliError, type Command } from "../command";
import { argumentAndStore, storeOption } from "../workspaceArgs";
import { findWorkspaceRoot } from "../workspaceRoot";
import { metadataLines } from "./metadataText";
import { shortRunId } from "./runIds";
import { watchLines } from "./showChecks";

function materializationLines(m: Materialization): string[] {
  const lines = [
    m.partition === undefined ? m.key : `${m.key} [${m.partition}]`,
    `  materialized ${timeAgo(m.timestamp)} (${new Date(m.timestamp).toISOString()}) by run ${shortRunId(m.runId)} in ${formatDuration(m.durationMs)}`,
    `  code version ${m.codeVersion || "-"}, data version ${m.dataVersion}`,
  ];
  const upstream = Object.entries(m.upstreamDataVersions);
  if (upstream.length > 0)
    lines.push(`  upstream: ${upstream.map(([key, version]) => `${key}@${version}`).join(", ")}`);
  lines.push(...tableLines(m.metadata, "  "), "  metadata:", ...metadataLines(otherMetadata(m.metadata), "    "));
  return lines;
}

export const showCommand: Command = {
  name: "show",
  summary: "Show an asset's last materialization and its metadata, its checks' last results and its freshness",
  args: "KEY [dir]",
  options: [
    { flags: "--json", description: "print the Materialization" },
    {
      flags: "--partition <KEY>",
      description: "that partition's last materialization and checks (default: the newest of any)",
    },
    storeOption,
  ],
  async run(args, io) {
    const target = argumentAndStore(args, io.cwd, "give an asset key (see `assetline list`)");
    const key = target.arg;
    const partition = args.values.partition as string | undefined;
    const last = await readStore(target.storeDir, async (store) =>
      partition === undefined
        ? (await store.latestMaterializations([key])).get(key)
        : store.latestPartitionMaterialization(key, partition),
    );
    const start = resolve(io.cwd, args.positionals[1] ?? ".");
    if (!last) {
      const known = await knownKeys(start, target.storeDir);
      if (!known.includes(key))
        throw new CliError(
          `no asset "${key}" in this workspace.${didYouMean([key], known)} \`assetline list\` shows the keys.`,
          1,
        );
      if (partition !== undefined)
        throw new CliError(
          `partition "${partition}" of "${key}" was never materialized in this store; run \`assetline materialize ${key} --partition ${partition}\` (\`assetline status --partitions ${key}\` lists its partitions).`,
          1,
        );
      throw new CliError(`"${key}" was never materialized in this store; run \`assetline materialize ${key}\`.`, 1);
    }
    if (args.values.json) {
      io.stdout(`${JSON.stringify(versioned(last))}\n`);
      return 0;
    }
    const graph = workspaceGraph(start);
    const watched = graph ? await readStore(target.storeDir, (store) => watchLines(graph, store, last, partition)) : [];
    io.stdout(`${[...materializationLines(last), ...watched].join("\n")}\n`);
    return 0;
  },
};

/** The workspace's graph as the analyzer reads it (no code runs); none without a workspace (only `--store`). */
function workspaceGraph(start: string): AssetGraph | undefined {
  const root = findWorkspaceRoot(start);
  return root ? analyzeGraph(root).graph : undefined;
}

/**
 * The keys `show` can speak of: the workspace's assets, as the analyzer reads them (looked up only when the key has
 * nothing stored), and every key the store has materialized. Without a workspace (only `--store`), the stored ones.
 */
async function knownKeys(start: string, storeDir: string): Promise<string[]> {
  const defined = workspaceGraph(start)?.nodes.map((node) => node.key) ?? [];
  const stored = await readStore(storeDir, async (store) => [...(await store.latestMaterializations()).keys()]);
  return [...new Set([...defined, ...stored])];
}
