import { versioned, type DryRun, type RunEvent, type RunOrigin } from "../../protocol";
import { WorkspaceErrors, materializeWorkspace, planWorkspace } from "../../run/workspaceRun";
import { stateTitle } from "../../status/describe";
import { CliError, type Command } from "../command";
import { definitionsOption, failure, keysAndPaths, storeOption } from "../workspaceArgs";
import { formatDiagnostic } from "./check";
import { createOutputBuffer } from "./outputBuffer";
import { createProgressPrinter } from "./runProgress";

export const materializeCommand: Command = {
  name: "materialize",
  summary: "Materialize assets in dependency order and record them in the store",
  args: "[KEY...] [dir]",
  options: [
    {
      flags: "--select <SEL>",
      description: 'assets in the selection syntax, e.g. "+key:revenue_by_segment"; one that matches nothing fails',
    },
    { flags: "--job <NAME>", description: "the assets of a job defined with defineAssetJob" },
    { flags: "--stale", description: "only what is never materialized, stale or failed" },
    {
      flags: "--dry-run",
      description:
        "print the steps a run would take and each asset's state, planned from the code as the analyzer reads it: no workspace code is loaded or run, nothing is recorded",
    },
    { flags: "--concurrency <N>", description: "steps at once (default: the number of cores)" },
    { flags: "--json", description: "print one run event per line on stdout" },
    { flags: "--origin <cli|editor>", description: "who started the run (default: cli)" },
    definitionsOption,
    storeOption,
  ],
  async run(args, io) {
    const { select, job, stale, json } = args.values as {
      select?: string;
      job?: string;
      stale?: boolean;
      json?: boolean;
    };
    const concurrency = Number(args.values.concurrency ?? 0);
    if (!Number.isInteger(concurrency) || concurrency < 0)
      throw new CliError(
        `--concurrency must be a whole number (0 = number of cores), not "${String(args.values.concurrency)}".`,
      );
    const origin = (args.values.origin ?? "cli") as RunOrigin;
    if (origin !== "cli" && origin !== "editor")
      throw new CliError(`--origin must be cli or editor, not "${String(origin)}".`);
    // After the flags' own checks, so a bad value is reported even outside a workspace.
    const { root, storeDir, definitionsFile, keys } = keysAndPaths(args, io.cwd);
    const chosen = [select !== undefined, job !== undefined, stale === true, keys.length > 0].filter(Boolean).length;
    if (chosen > 1) throw new CliError("give only one of --select, --job, --stale or asset keys.");
    const output = createOutputBuffer(io.stdout);
    const print = json
      ? (event: RunEvent) => output.write(`${JSON.stringify(versioned(event))}\n`)
      : createProgressPrinter(output.write);
    const onEvent = (event: RunEvent) => {
      print(event);
      if (event.type === "run_finished") output.flush();
    };
    try {
      if (args.values["dry-run"]) {
        const plan = planWorkspace({ root, storeDir, definitionsFile, target: { select, job, stale, keys } });
        io.stdout(json ? `${JSON.stringify(versioned(plan))}\n` : dryRunText(plan));
        return 0;
      }
      const result = await materializeWorkspace({
        root,
        storeDir,
        definitionsFile,
        target: { select, job, stale, keys },
        concurrency,
        origin,
        signal: io.signal,
        onEvent,
      });
      return result.status === "success" ? 0 : result.status === "cancelled" ? 130 : 1;
    } catch (error) {
      const code = failure(io, "materialize", error, 1);
      if (error instanceof WorkspaceErrors)
        for (const diagnostic of error.diagnostics) io.stderr(`${formatDiagnostic(diagnostic, io.cwd)}\n`);
      return code;
    }
  },
};

/** `Would run 3 steps (…); nothing was run:` then each step in order with its assets' states now. */
function dryRunText({ selection, steps, statuses }: DryRun): string {
  if (steps.length === 0) return `Nothing to run (${selection || "no stale assets"}).\n`;
  const state = new Map(statuses.map((status) => [status.key, stateTitle(status)]));
  const width = Math.max(...steps.flatMap((step) => step.assets.map((key) => key.length)));
  const lines = steps.flatMap((step, i) =>
    step.assets.map(
      (key, j) => `${j === 0 ? `${String(i + 1).padStart(3)}.` : "    "} ${key.padEnd(width)}  ${state.get(key) ?? ""}`,
    ),
  );
  return `Would run ${steps.length} step${steps.length === 1 ? "" : "s"} (${selection}); nothing was run:\n${lines.join("\n")}\n`;
}
