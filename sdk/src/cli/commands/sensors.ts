/** `assetline sensors`: each sensor, its interval, whether it is paused, its next and latest tick (through `assetline dev` when it runs). */
import { sensorStates } from "../../daemon/instigatorMethods";
import { sensorsViaDaemon } from "../../daemon/viaDaemon";
import { versioned } from "../../protocol";
import type { SensorState, SensorTick } from "../../protocol/daemonInstigators";
import { readStore } from "../../store/openStore";
import type { Command } from "../command";
import { definitionsOption, failure, storeOption, workspacePaths } from "../workspaceArgs";
import { analyzeWorkspace } from "./analyzeWorkspace";
import { shortRunId } from "./runIds";
import { when } from "./schedules";
import { formatTable } from "./table";

/** What a tick did: its runs, why it skipped, or its error. */
function outcome(tick: SensorTick): string {
  if (tick.status === "failed") return tick.error ?? "";
  if (tick.runIds.length > 0) return `runs ${tick.runIds.map(shortRunId).join(", ")}`;
  return tick.reason ?? "";
}

/** `live`: the daemon answered, so a sensor without a next tick is ticking now. */
function print(sensors: SensorState[], json: boolean, live: boolean, write: (text: string) => void): void {
  if (json) {
    write(`${JSON.stringify(versioned({ sensors }))}\n`);
    return;
  }
  const rows = sensors.map(({ name, kind, minimumInterval, paused, nextTick, lastTick }) => [
    name,
    kind,
    minimumInterval,
    paused ? "paused" : nextTick !== undefined ? when(nextTick) : live ? "ticking" : "(no daemon)",
    lastTick ? `${lastTick.status} ${when(lastTick.tickAt)}` : "never ticked",
    lastTick ? outcome(lastTick) : "",
  ]);
  write(formatTable(["sensor", "kind", "every", "next tick", "last tick", "outcome"], rows));
}

export const sensorsCommand: Command = {
  name: "sensors",
  summary: "List the sensors with their interval, pause, next and last tick (`assetline dev` ticks them)",
  args: "[dir]",
  options: [
    { flags: "--json", description: "print { protocolVersion, sensors: SensorState[] }" },
    definitionsOption,
    storeOption,
  ],
  async run(args, io) {
    try {
      const { root, storeDir, definitionsFile } = workspacePaths(args, io.cwd);
      const warm = await sensorsViaDaemon({ root, storeDir, definitionsFile });
      const sensors =
        warm?.sensors ??
        (await readStore(storeDir, async (store) =>
          sensorStates(
            analyzeWorkspace(args, io.cwd).graph().sensors ?? [],
            await store.instigatorStates(),
            await store.latestSensorTicks(),
          ),
        ));
      print(sensors, args.values.json === true, warm !== undefined, io.stdout);
      return 0;
    } catch (error) {
      return failure(io, "sensors", error);
    }
  },
};
