/** `assetline schedules`: each schedule, its cron, next tick and latest tick (through `assetline dev` when it runs). */
import { ticksViaDaemon } from "../../daemon/viaDaemon";
import { scheduleTicks } from "../../daemon/tickPlan";
import { versioned } from "../../protocol";
import type { ScheduleTicks } from "../../protocol/daemon";
import { readStore } from "../../store/openStore";
import type { Command } from "../command";
import { definitionsOption, failure, storeOption, workspacePaths } from "../workspaceArgs";
import { analyzeWorkspace } from "./analyzeWorkspace";
import { shortRunId } from "./runIds";
import { formatTable } from "./table";

/** An epoch-ms time as the listings print it (UTC, to the second). */
export const when = (ms: number | undefined) =>
  ms === undefined ? "" : new Date(ms).toISOString().replace(".000Z", "Z");

function print(schedules: ScheduleTicks[], json: boolean, write: (text: string) => void): void {
  if (json) {
    write(`${JSON.stringify(versioned({ schedules }))}\n`);
    return;
  }
  const rows = schedules.map(({ name, cron, timezone, nextTick, lastTick, paused }) => [
    name,
    cron,
    timezone,
    paused ? "paused" : when(nextTick),
    lastTick ? `${lastTick.status} ${when(lastTick.tickAt)}` : "never ticked",
    lastTick?.runId === undefined ? "" : shortRunId(lastTick.runId),
  ]);
  write(formatTable(["schedule", "cron", "zone", "next tick", "last tick", "run"], rows));
}

export const schedulesCommand: Command = {
  name: "schedules",
  summary: "List the schedules with their cron, next tick and last tick (`assetline dev` ticks them)",
  args: "[dir]",
  options: [
    { flags: "--json", description: "print { protocolVersion, schedules: ScheduleTicks[] }" },
    definitionsOption,
    storeOption,
  ],
  async run(args, io) {
    try {
      const { root, storeDir, definitionsFile } = workspacePaths(args, io.cwd);
      const warm = await ticksViaDaemon({ root, storeDir, definitionsFile });
      const schedules =
        warm?.schedules ??
        (await readStore(storeDir, async (store) => {
          const [states, ticks] = await Promise.all([store.instigatorStates(), store.latestTicks()]);
          return scheduleTicks(
            analyzeWorkspace(args, io.cwd).graph().schedules ?? [],
            ticks,
            Date.now(),
            (name) => states.get(name)?.paused === true,
          );
        }));
      print(schedules, args.values.json === true, io.stdout);
      return 0;
    } catch (error) {
      return failure(io, "schedules", error);
    }
  },
};
