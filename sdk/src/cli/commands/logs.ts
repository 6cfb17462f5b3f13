import { versioned, type RunEvent } from "../../protocol";
import { checkVerdict, formatDuration } from "../../status/describe";
import { readStore } from "../../store/openStore";
import type { Command } from "../command";
import { argumentAndStore, storeOption } from "../workspaceArgs";
import { resolveRunId } from "./runIds";
import { runConfigLine } from "../../config/validateRunConfig";
import { logsViaDaemon } from "../../daemon/viaDaemon";
import { sharedAttempts } from "../sharedQueue";
import { lostAttemptLines, withWorkers } from "./runAttempts";

function describeEvent(event: RunEvent): string {
  switch (event.type) {
    case "run_started":
      return `run started: ${event.plan.length} steps (${event.selection})\n${runConfigLine(event.config)}`.trimEnd();
    case "step_started":
      return `${event.stepId}: started${event.attempt > 0 ? ` (attempt ${event.attempt + 1})` : ""}${event.worker ? ` on ${event.worker}` : ""}`;
    case "step_succeeded":
      return `${event.stepId}: succeeded in ${formatDuration(event.durationMs)}`;
    case "step_failed":
      return `${event.stepId}: failed: ${event.error.stack ?? event.error.message}`;
    case "step_retrying":
      return `${event.stepId}: retrying in ${formatDuration(event.delayMs)} after: ${event.error.message}`;
    case "step_skipped":
      return `${event.stepId}: skipped: ${event.reason}`;
    case "log":
      return `${event.stepId || "run"}: ${event.level}: ${event.message}`;
    case "materialization":
      return `${event.stepId}: materialized ${event.materialization.key} (data version ${event.materialization.dataVersion})`;
    case "check_evaluated": {
      const { checkKey, partition } = event.evaluation;
      return `${event.stepId}: check ${checkKey}${partition === undefined ? "" : `[${partition}]`} ${checkVerdict(event.evaluation)}`;
    }
    case "run_finished":
      return `run finished: ${event.status} in ${formatDuration(event.durationMs)}`;
  }
}

export const logsCommand: Command = {
  name: "logs",
  summary: "Print a run's events and log lines",
  args: "RUN_ID [dir]",
  options: [{ flags: "--json", description: "print the run's events, one per line" }, storeOption],
  async run(args, io) {
    const target = argumentAndStore(args, io.cwd, "give a run id, or the start of one (see `assetline runs`)");
    const recorded =
      (await logsViaDaemon(target.storeDir, target.arg)) ??
      (await readStore(target.storeDir, async (store) => store.events(await resolveRunId(store, target.arg))));
    const runId = recorded[0]?.runId;
    const attempts = (runId !== undefined && (await sharedAttempts([runId]))) || [];
    const events = withWorkers(recorded, attempts);
    if (args.values.json) {
      for (const event of events) io.stdout(`${JSON.stringify(versioned(event))}\n`);
      return 0;
    }
    const lines = [
      ...events.map((event) => ({ timestamp: event.timestamp, text: describeEvent(event) })),
      ...lostAttemptLines(attempts),
    ].sort((a, b) => a.timestamp - b.timestamp);
    for (const line of lines) io.stdout(`${new Date(line.timestamp).toISOString()} ${line.text}\n`);
    return 0;
  },
};
