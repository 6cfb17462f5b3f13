import { versioned, type Materialization, type MetadataEntry } from "../../protocol";
import { readStore } from "../../store/sqliteStore";
import type { Command } from "../command";
import { argumentAndStore, storeHelp, storeOption } from "../workspaceArgs";
import { formatDuration, timeAgo } from "../../status/describe";

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
    m.key,
    `  materialized ${timeAgo(m.timestamp)} (${new Date(m.timestamp).toISOString()}) by run ${m.runId} in ${formatDuration(m.durationMs)}`,
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
  usage: "KEY [--json] [--store DIR] [dir]",
  help: ["--json  print the Materialization", storeHelp],
  options: { json: { type: "boolean" }, ...storeOption },
  async run(args, io) {
    const target = argumentAndStore(args, io, "show", "give an asset key (see `assetline list`)");
    if (!target) return 2;
    const key = target.arg;
    const last = readStore(target.storeDir, (store) => store.latestMaterializations([key]).get(key));
    if (!last) {
      io.stderr(
        `assetline show: "${key}" was never materialized in this store; run \`assetline materialize ${key}\`.\n`,
      );
      return 1;
    }
    io.stdout(args.values.json ? `${JSON.stringify(versioned(last))}\n` : describe(last));
    return 0;
  },
};
