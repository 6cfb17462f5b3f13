import { POOL_NAME } from "../../define/definition";
import { versioned } from "../../protocol";
import { clearPoolLimit, poolLimits, setPoolLimit } from "../../queue/poolLimits";
import { CliError, type Command } from "../command";
import { withSharedQueue } from "../sharedQueue";
import { storeOption, storePaths } from "../workspaceArgs";
import { formatTable } from "./table";

function poolName(name: string | undefined): string {
  if (name === undefined || !POOL_NAME.test(name))
    throw new CliError(
      `give a pool's name (letters, digits, "_", "-" or ".", as an asset's \`pool\` option names it)${name === undefined ? "" : `, not ${JSON.stringify(name)}`}.`,
    );
  return name;
}

function poolLimit(limit: string | undefined): number {
  const slots = Number(limit);
  if (limit === undefined || !Number.isInteger(slots) || slots < 1)
    throw new CliError(
      `give the pool's limit, a positive whole number of steps at once${limit === undefined ? "" : `, not "${limit}"`}.`,
    );
  return slots;
}

export const poolsCommand: Command = {
  name: "pools",
  summary:
    "List the pools' limits of a shared store, or `pools set NAME LIMIT` / `pools clear NAME`: steps of assets with `pool: NAME` run at most LIMIT at once, across runs and workers",
  args: "[set NAME LIMIT | clear NAME] [dir]",
  options: [
    { flags: "--json", description: "print { protocolVersion, pools: { name, limit, running }[] }" },
    storeOption,
  ],
  async run(args, io) {
    const [action, ...rest] = args.positionals;
    if (action === "set") {
      const [name, limit, dir] = rest;
      const pool = poolName(name);
      const slots = poolLimit(limit);
      const { storeDir } = storePaths(args, io.cwd, dir);
      await withSharedQueue("pools set", storeDir, (queue) => setPoolLimit(queue, pool, slots));
      io.stdout(`Pool ${pool}: at most ${slots} step${slots === 1 ? "" : "s"} at once.\n`);
      return 0;
    }
    if (action === "clear") {
      const [name, dir] = rest;
      const pool = poolName(name);
      const { storeDir } = storePaths(args, io.cwd, dir);
      const had = await withSharedQueue("pools clear", storeDir, (queue) => clearPoolLimit(queue, pool));
      io.stdout(had ? `Pool ${pool}: no limit any more.\n` : `Pool ${pool} had no limit.\n`);
      return 0;
    }
    const { storeDir } = storePaths(args, io.cwd, action);
    const pools = await withSharedQueue("pools", storeDir, poolLimits);
    if (args.values.json) io.stdout(`${JSON.stringify(versioned({ pools }))}\n`);
    else if (pools.length === 0) io.stdout("No pool has a limit: set one with `assetline pools set NAME LIMIT`.\n");
    else
      io.stdout(
        formatTable(
          ["pool", "limit", "running"],
          pools.map((pool) => [pool.name, String(pool.limit), String(pool.running)]),
        ),
      );
    return 0;
  },
};
