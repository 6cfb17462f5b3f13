/** `materialize --executor queue`: which executor a run asks for, and the launch then the follow of a queued run. */
import type { RunEvent } from "../../protocol";
import type { WorkspaceRunOptions } from "../../run/workspaceRun";
import { CliError, type CommandIO, type OptionSpec, type ParsedArgs } from "../command";

export const EXECUTOR_VARIABLE = "ASSETLINE_EXECUTOR";
const EXECUTORS = ["local", "queue"] as const;
export type Executor = (typeof EXECUTORS)[number];

export const EXECUTOR_OPTIONS: OptionSpec[] = [
  {
    flags: "--executor <local|queue>",
    description: `where the steps run: local (this process, the default) or queue (\`assetline worker\` processes on any machine, through a PostgreSQL --store); also ${EXECUTOR_VARIABLE}`,
  },
  {
    flags: "--detach",
    description:
      "with --executor queue: print the run's id and exit once it is queued (follow it with `assetline logs RUN`)",
  },
];

/** `--executor`, else `ASSETLINE_EXECUTOR`, else local; anything else is a mistake in the call. */
export function executorOf(values: ParsedArgs["values"]): Executor {
  const given = values.executor ?? process.env[EXECUTOR_VARIABLE]?.trim();
  const from = values.executor === undefined ? EXECUTOR_VARIABLE : "--executor";
  if (given === undefined || given === "") return "local";
  if (!EXECUTORS.includes(given as Executor))
    throw new CliError(`${from} must be local or queue, not "${String(given)}".`);
  if (values.detach && given !== "queue")
    throw new CliError("--detach leaves a queued run to its workers: give it with --executor queue.");
  return given as Executor;
}

/**
 * Launches the run on the queue, then prints its events as the workers record them and exits with a local run's code;
 * `--detach` exits once it is queued. Ctrl-C cancels the run and follows it until it ends cancelled.
 */
export async function materializeQueued(
  options: Omit<WorkspaceRunOptions, "onEvent" | "warm">,
  output: { detach: boolean; json: boolean },
  io: CommandIO,
  onEvent: (event: RunEvent) => void,
): Promise<number> {
  // Loaded only here: a local run never loads the queue.
  const { launchQueuedRun } = await import("../../run/queuedRun");
  const { followQueuedRun } = await import("../../run/followQueuedRun");
  const { store, runId, events, steps } = await launchQueuedRun(options);
  try {
    if (output.detach) {
      // --json keeps its shape: the run's events so far, the first of which names it.
      if (output.json) for (const event of events) onEvent(event);
      else
        io.stdout(
          `Run ${runId} queued: ${steps} step${steps === 1 ? "" : "s"}; follow it with \`assetline logs ${runId}\`.\n`,
        );
      return 0;
    }
    const finished = await followQueuedRun(store, runId, { signal: options.signal, onEvent });
    return finished.status === "success" ? 0 : finished.status === "cancelled" ? 130 : 1;
  } finally {
    await store.close();
  }
}
