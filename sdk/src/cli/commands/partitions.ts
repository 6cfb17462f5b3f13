/**
 * `assetline partitions add|remove|list NAME [KEY...]`: the keys of a DynamicPartitionsDefinition, which live in the
 * store (Dagster's `dagster instance` dynamic partitions). NAME must name one the workspace's assets use, so a typo is
 * caught before it makes a set of keys no asset reads.
 */
import { partitionKeyProblem } from "../../partitions/keyRules";
import { dynamicNames } from "../../partitions/dynamicNames";
import type { AssetGraph } from "../../protocol";
import { didYouMean } from "../../run/resolveSelection";
import { openStore, readStore } from "../../store/openStore";
import { analyzeGraph } from "../../status/workspaceStatus";
import { CliError, type Command } from "../command";
import { definitionsOption, keysAndPaths, storeOption } from "../workspaceArgs";
import { plural } from "./check";

const ACTIONS = ["add", "remove", "list"] as const;
type Action = (typeof ACTIONS)[number];

function requireKnownName(name: string, graph: AssetGraph): void {
  const names = dynamicNames(graph);
  if (names.includes(name)) return;
  if (names.length === 0)
    throw new CliError(
      `no asset in this workspace uses dynamic partitions, so there is no "${name}": define them with DynamicPartitionsDefinition({ name: "${name}" }).`,
    );
  throw new CliError(
    `no dynamic partitions "${name}" in this workspace.${didYouMean([name], names)} The workspace's are ${names.map((n) => `"${n}"`).join(", ")}.`,
  );
}

export const partitionsCommand: Command = {
  name: "partitions",
  summary: "Add, remove (--yes) or list the keys of dynamic partitions",
  args: "add|remove|list NAME [KEY...] [dir]",
  options: [
    { flags: "--yes", description: "confirm a removal (the partitions' materializations stay)" },
    definitionsOption,
    storeOption,
  ],
  async run(args, io) {
    const { keys: positionals, root, storeDir, definitionsFile } = keysAndPaths(args, io.cwd);
    const [action, name, ...keys] = positionals;
    if (!ACTIONS.includes(action as Action))
      throw new CliError(
        action === undefined
          ? "say what to do: add NAME KEY..., remove NAME KEY... --yes, or list NAME."
          : `unknown action "${action}": use add, remove or list.`,
      );
    if (name === undefined)
      throw new CliError(
        `give the dynamic partitions' name: assetline partitions ${action} NAME${action === "list" ? "" : " KEY..."}.`,
      );
    requireKnownName(name, analyzeGraph(root, definitionsFile).graph);
    if (action === "list") {
      if (keys.length > 0)
        throw new CliError(
          `list takes only the name; to add keys, run \`assetline partitions add ${name} ${keys.join(" ")}\`.`,
        );
      const listed = await readStore(storeDir, (store) => store.dynamicPartitionKeys(name));
      io.stdout(listed.map((key) => `${key}\n`).join(""));
      if (listed.length === 0 && io.interactive)
        io.stdout(`"${name}" has no keys yet: assetline partitions add ${name} KEY...\n`);
      return 0;
    }
    if (keys.length === 0)
      throw new CliError(`give the keys to ${action}: assetline partitions ${action} ${name} KEY...`);
    for (const key of keys) {
      const problem = partitionKeyProblem(key);
      if (problem) throw new CliError(`${problem}.`);
    }
    if (action === "remove" && args.values.yes !== true)
      throw new CliError(
        `this removes ${plural(keys.length, "partition")} from "${name}" (their materializations stay); add --yes to do it.`,
      );
    const store = await openStore(storeDir);
    try {
      if (action === "add") {
        const added = await store.addDynamicPartitions(name, keys);
        const already = keys.length - added.length;
        io.stdout(
          `Added ${plural(added.length, "partition")} to "${name}"${already > 0 ? ` (${already} already there)` : ""}.\n`,
        );
      } else {
        const removed = await store.removeDynamicPartitions(name, keys);
        const absent = keys.length - removed.length;
        io.stdout(
          `Removed ${plural(removed.length, "partition")} from "${name}"${absent > 0 ? ` (${absent} not there)` : ""}; their materializations stay.\n`,
        );
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};
