/**
 * `assetline sensor-tick NAME --json` (internal, hidden from help): the daemon's run process for one tick of a sensor's
 * function. It loads the workspace as `materialize` does, calls the function, and prints one SensorTickOutput line;
 * anything the workspace or the sensor does wrong is that line's `error`, so the daemon records it on the tick.
 */
import * as v from "valibot";
import { evaluateSensor } from "../../automation/sensorTick/evaluateSensor";
import { versioned } from "../../protocol";
import { SensorTickInputSchema, type SensorTickOutput } from "../../protocol/sensorTick";
import { analyzeWorkspace, loadRepository } from "../../run/workspaceRun";
import type { SensorInfo } from "../../automation/sensor";
import { CliError, type Command } from "../command";
import { definitionsOption, errorMessage, keysAndPaths, storeOption } from "../workspaceArgs";

export const sensorTickCommand: Command = {
  name: "sensor-tick",
  hidden: true,
  summary: "Internal (the daemon runs it): one tick of a sensor's function",
  args: "NAME [dir]",
  options: [
    { flags: "--json", description: "print one SensorTickOutput line (the only output there is)" },
    { flags: "--input-json <JSON>", description: "the tick's SensorTickInput: cursor, last tick, events" },
    definitionsOption,
    storeOption,
  ],
  async run(args, io) {
    const { root, storeDir, definitionsFile, keys } = keysAndPaths(args, io.cwd);
    const [name] = keys;
    if (name === undefined || keys.length > 1) throw new CliError("give the name of one sensor.");
    const input = v.safeParse(SensorTickInputSchema, parseJson(String(args.values["input-json"] ?? "{}")));
    if (!input.success) throw new CliError(`--input-json is no SensorTickInput: ${input.issues[0].message}.`);
    const print = (output: SensorTickOutput) => io.stdout(`${JSON.stringify(versioned(output))}\n`);
    let sensor: (SensorInfo & { name: string }) | undefined;
    try {
      const { entryFiles, moduleOf } = analyzeWorkspace(root, definitionsFile);
      const repository = await loadRepository({ root, storeDir, definitionsFile }, entryFiles, moduleOf);
      sensor = repository.automation.sensors.find((candidate) => candidate.name === name);
    } catch (error) {
      print({ requests: [], error: withoutStack(errorMessage(error)) });
      return 0;
    }
    if (sensor === undefined) {
      print({ requests: [], error: `the workspace's code defines no sensor named "${name}".` });
      return 0;
    }
    print(await evaluateSensor(sensor, input.output));
    return 0;
  },
};

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`--input-json is not JSON: ${errorMessage(error)}.`);
  }
}

/** A load failure's message carries the stack of the user's module: the tick records what went wrong, not where. */
function withoutStack(message: string): string {
  return message.split(/\n\s+at /)[0]!;
}
