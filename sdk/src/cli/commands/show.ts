import { resolve } from "node:path";
import { createAnalyzer } from "../../analyze";
import { versioned, type Materialization, type MetadataEntry } from "../../protocol";
import { didYouMean } from "../../run/resolveSelection";
import { formatDuration, timeAgo } from "../../status/describe";
import { readStore } from "../../store/sqliteStore";
import { CliError, type Command } from "../command";
import { argumentAndStore, storeOption } from "../workspaceArgs";
import { findWorkspaceRoot } from "../workspaceRoot";
import { shortRunId } from "./runIds";

function entryText(entry: MetadataEntry): string {
  switch (entry.type) {
    case "md":
    case "text":
    case "url":
    case "path":
      return entry.value;
    case "timestamp":
      return new Date(entry.value).toISOString();
    case "table":
      return JSON.stringify(entry.value.rows);
    default:
      return JSON.stringify(entry.value);
  }
}

function describe(m: Materialization): string {
  const lines = [
    m.partition === undefined ? m.key : `${m.key} [${m.partition}]`,
    `  materialized ${timeAgo(m.timestamp)} (${new Date(m.timestamp).toISOString()}) by run ${shortRunId(m.runId)} in ${formatDuration(m.durationMs)}`,
    `  code version ${m.codeVersion || "-"}, data version ${m.dataVersion}`,
  ];
  const upstream = Object.entries(m.upstreamDataVersions);
  if (upstream.length > 0)
    lines.push(`  upstream: ${upstream.map(([key, version]) => `${key}@${version}`).join(", ")}`);
  lines.push("  metadata:");
  for (const [name, entry] of Object.entries(m.metadata)) {
    const text = entryText(entry);
    lines.push(text.includes("\n") ? `    ${name}:\n${text.replace(/^/gm, "      ")}` : `    ${name}: ${text}`);
  }
  return `${lines.join("\n")}\n`;
}

export const showCommand: Command = {
  name: "show",
  summary: "Show an asset's last materialization and its metadata",
  args: "KEY [dir]",
  options: [
    { flags: "--json", description: "print the Materialization" },
    { flags: "--partition <KEY>", description: "that partition's last materialization (default: the newest of any)" },
    storeOption,
  ],
  async run(args, io) {
    const target = argumentAndStore(args, io.cwd, "give an asset key (see `assetline list`)");
    const key = target.arg;
    const partition = args.values.partition as string | undefined;
    const last = readStore(target.storeDir, (store) =>
      partition === undefined
        ? store.latestMaterializations([key]).get(key)
        : store.latestPartitionMaterialization(key, partition),
    );
    if (!last) {
      const known = knownKeys(resolve(io.cwd, args.positionals[1] ?? "."), target.storeDir);
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
    io.stdout(args.values.json ? `${JSON.stringify(versioned(last))}\n` : describe(last));
    return 0;
  },
};

/**
 * The keys `show` can speak of: the workspace's assets, as the analyzer reads them (looked up only when the key has
 * nothing stored), and every key the store has materialized. Without a workspace (only `--store`), the stored ones.
 */
function knownKeys(start: string, storeDir: string): string[] {
  const root = findWorkspaceRoot(start);
  const defined: string[] = [];
  if (root) {
    const analyzer = createAnalyzer({ root });
    analyzer.loadFromDisk();
    defined.push(...analyzer.graph().nodes.map((node) => node.key));
  }
  const stored = readStore(storeDir, (store) => [...store.latestMaterializations().keys()]);
  return [...new Set([...defined, ...stored])];
}
