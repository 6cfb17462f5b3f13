/**
 * `assetline pause NAME`, `resume NAME` and `tick NAME`: a schedule or sensor paused, resumed, or ticked now, through
 * `assetline dev` (its loops do the ticking; without one they say how to start it).
 */
import { setPausedViaDaemon, tickNowViaDaemon } from "../../daemon/viaDaemon";
import { CliError, type Command, type CommandIO, type ParsedArgs } from "../command";
import { definitionsOption, failure, storeOption, workspacePaths } from "../workspaceArgs";
import { shortRunId } from "./runIds";

/** `NAME [dir]`: the instigator's name and the workspace whose daemon is asked. */
function target(args: ParsedArgs, io: CommandIO) {
  const name = args.positionals[0];
  if (name === undefined)
    throw new CliError("give the name of a schedule or sensor (`assetline schedules`, `assetline sensors`).");
  const { root, storeDir, definitionsFile } = workspacePaths(
    { ...args, positionals: args.positionals.slice(1) },
    io.cwd,
  );
  return { name, daemon: { root, storeDir, definitionsFile } };
}

function pausing(paused: boolean): Command {
  const verb = paused ? "pause" : "resume";
  return {
    name: verb,
    summary: paused
      ? "Pause a schedule or sensor: it does not tick until resumed (kept across restarts; needs `assetline dev`)"
      : "Resume a paused schedule or sensor (needs `assetline dev`)",
    args: "NAME [dir]",
    options: [definitionsOption, storeOption],
    async run(args, io) {
      try {
        const { name, daemon } = target(args, io);
        const result = await setPausedViaDaemon(daemon, name, paused);
        io.stdout(`${result.kind} ${name} ${paused ? "paused" : "resumed"}.\n`);
        return 0;
      } catch (error) {
        return failure(io, verb, error);
      }
    },
  };
}

export const pauseCommand = pausing(true);
export const resumeCommand = pausing(false);

export const tickCommand: Command = {
  name: "tick",
  summary: "Tick a schedule (a run now) or a sensor (a tick now), paused or not (needs `assetline dev`)",
  args: "NAME [dir]",
  options: [definitionsOption, storeOption],
  async run(args, io) {
    try {
      const { name, daemon } = target(args, io);
      const { kind, runIds } = await tickNowViaDaemon(daemon, name);
      const runs =
        runIds.length === 0
          ? "no run started"
          : `run${runIds.length > 1 ? "s" : ""} ${runIds.map(shortRunId).join(", ")}`;
      io.stdout(
        `${kind} ${name} ticked: ${runs}${kind === "sensor" ? " (`assetline sensors` shows the tick)" : ""}.\n`,
      );
      return 0;
    } catch (error) {
      return failure(io, "tick", error);
    }
  },
};
