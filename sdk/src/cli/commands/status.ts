import {
  type AssetGraph,
  type AssetState,
  type AssetStatus,
  type PartitionState,
  type PartitionStatus,
  versioned,
} from "../../protocol";
import { didYouMean, nothingSelected, resolveSelection } from "../../run/resolveSelection";
import { workspaceFacts } from "../../run/workspaceFacts";
import { checksSummary, partitionHealth, rowsText, timeAgo } from "../../status/describe";
import { partitionsSummary } from "../../status/partitionStaleness";
import { workspacePartitionStatuses, workspaceStatuses } from "../../status/workspaceStatus";
import { statusViaDaemon } from "../../daemon/viaDaemon";
import { CliError, type Command, type CommandIO, type ParsedArgs } from "../command";
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

const PARTITION_ICON: Record<PartitionState, string> = {
  missing: "○",
  materialized: "●",
  stale: "◐",
  failed: "✖",
};

/**
 * `▦ 28/31 · 1 missing; 2 min ago · 100 rows; ✖ 1 of 3 checks failed; <reasons>`: the overdue reason is marked ⏰ as
 * the editor marks it (`⏰ overdue by 3 h: last materialized 1 day ago, maximum lag 1 d`).
 */
export function statusDetails(status: AssetStatus, now = Date.now()): string {
  const last = status.lastMaterialization;
  const when = last ? [timeAgo(last.timestamp, now), rowsText(last.metadata)].filter(Boolean).join(" · ") : "";
  const health = status.partitions ? partitionHealth(status.partitions) : "";
  const checks = status.checks && checksSummary(status.checks);
  const overdue = status.freshness?.state === "overdue" ? status.freshness.reason : undefined;
  const reasons = status.reasons.map((reason) => (reason === overdue ? `⏰ ${reason}` : reason));
  return [health, when, checks, ...reasons].filter(Boolean).join("; ");
}

function describePartition(partition: PartitionStatus): string {
  const last = partition.lastMaterialization;
  return [last ? timeAgo(last.timestamp) : "", ...partition.reasons].filter(Boolean).join("; ");
}

/** `status --partitions KEY`: the asset's health, then each of its partitions, in the definition's order. */
function printPartitions(key: string, partitions: PartitionStatus[], json: boolean, io: CommandIO): void {
  if (json) {
    io.stdout(`${JSON.stringify(versioned({ key, partitions }))}\n`);
    return;
  }
  const summary = partitionsSummary({
    keys: partitions.map((p) => p.partition),
    states: partitions.map((p) => p.state),
  });
  io.stdout(`${key} ${partitionHealth(summary)}\n`);
  if (partitions.length > 0)
    io.stdout(
      formatTable(
        ["", "partition", "state", "details"],
        partitions.map((p) => [PARTITION_ICON[p.state], p.partition, p.state, describePartition(p)]),
      ),
    );
}

/** Why `key` has no partitions to list: no such asset (with the closest keys), or an unpartitioned one. */
function notPartitioned(key: string, graph: AssetGraph): CliError {
  if (!graph.nodes.some((node) => node.key === key)) {
    const known = graph.nodes.map((node) => node.key);
    return new CliError(
      `no asset "${key}" in this workspace.${didYouMean([key], known)} \`assetline list\` shows the keys.`,
    );
  }
  return new CliError(`"${key}" is not partitioned: \`assetline status\` shows its state.`);
}

/** The table alone would look healthy: say on stderr, so `--json` readers (the editor) keep their shape. */
function warnErrors(errors: number, args: ParsedArgs, io: CommandIO): number {
  if (errors > 0 && (!args.values.json || args.values.check))
    io.stderr(
      `assetline status: the definitions have ${plural(errors, "error")}, so this graph may miss assets or edges and runs will refuse to start; \`assetline check\` lists ${errors === 1 ? "it" : "them"}.\n`,
    );
  return errors > 0 && args.values.check ? 1 : 0;
}

function printStatuses(assets: AssetStatus[], json: boolean, io: CommandIO): void {
  if (json) io.stdout(`${JSON.stringify(versioned({ assets }))}\n`);
  else
    io.stdout(
      formatTable(
        ["", "asset", "state", "details"],
        assets.map((s) => [ICON[s.state], s.key, s.state, statusDetails(s)]),
      ),
    );
}

export const statusCommand: Command = {
  name: "status",
  summary: "Show each asset as never materialized, fresh, stale or failed, with the reasons, its checks and freshness",
  args: "[dir]",
  options: [
    {
      flags: "--json",
      description: 'print { "protocolVersion", "assets": AssetStatus[] } (with checks and freshness)',
    },
    { flags: "--select <SEL>", description: "only these assets (staleness still follows every upstream)" },
    {
      flags: "--partitions <KEY>",
      description:
        'each partition of the partitioned asset KEY, with its state and reasons (--json: { "key", "partitions" })',
    },
    { flags: "--check", description: "exit 1 when the definitions have errors (as `assetline check` does)" },
    definitionsOption,
    storeOption,
  ],
  async run(args, io) {
    try {
      const { root, storeDir, definitionsFile } = workspacePaths(args, io.cwd);
      const select = args.values.select;
      const partitionsOf = args.values.partitions;
      if (typeof partitionsOf === "string") {
        if (typeof select === "string")
          throw new CliError("give --select or --partitions KEY, not both: --partitions lists one asset's partitions.");
        const { graph, partitions, errors } = await workspacePartitionStatuses(
          root,
          storeDir,
          partitionsOf,
          definitionsFile,
        );
        if (!partitions) throw notPartitioned(partitionsOf, graph);
        printPartitions(partitionsOf, partitions, args.values.json === true, io);
        return warnErrors(errors.length, args, io);
      }
      const warm = await statusViaDaemon({ root, storeDir, definitionsFile }, select as string | undefined);
      if (warm) {
        printStatuses(warm.assets, args.values.json === true, io);
        return warnErrors(warm.definitionErrors, args, io);
      }
      const { graph, statuses, errors } = await workspaceStatuses(root, storeDir, definitionsFile);
      const facts = workspaceFacts({ root, definitionsFile, graph, statuses });
      const wanted = typeof select === "string" ? resolveSelection(select, graph, facts) : undefined;
      if (wanted?.size === 0)
        throw nothingSelected(
          "the selection",
          select as string,
          graph.nodes.map((node) => node.key),
        );
      printStatuses(
        wanted ? statuses.filter((status) => wanted.has(status.key)) : statuses,
        args.values.json === true,
        io,
      );
      return warnErrors(errors.length, args, io);
    } catch (error) {
      return failure(io, "status", error, 1);
    }
  },
};
