import { versioned, type DryRun, type RunEvent, type RunOrigin } from "../../protocol";
import { WorkspaceErrors, materializeWorkspace, planWorkspace } from "../../run/workspaceRun";
import { stateTitle } from "../../status/describe";
import type { Command } from "../command";
import {
  definitionsHelp,
  definitionsOption,
  errorMessage,
  keysAndPaths,
  storeHelp,
  storeOption,
} from "../workspaceArgs";
import { formatDiagnostic } from "./check";
import { createOutputBuffer } from "./outputBuffer";
import { createProgressPrinter } from "./runProgress";

export const materializeCommand: Command = {
  name: "materialize",
  summary: "Materialize assets in dependency order and record them in the store",
  usage:
    "[--select SEL | --job NAME | --stale | KEY...] [--dry-run] [--concurrency N] [--json] [--origin cli|editor] [--definitions FILE] [--store DIR] [dir]",
  help: [
    '--select SEL      assets in the selection syntax, e.g. "+key:revenue_by_segment"',
    "--job NAME        the assets of a job defined with defineAssetJob",
    "--stale           only what is never materialized, stale or failed",
    "--dry-run         print the steps a run would take and each asset's state; run nothing",
    "--concurrency N   steps at once (default: the number of cores)",
    "--json            print one run event per line on stdout",
    "--origin O        who started the run: cli (default) or editor",
    definitionsHelp,
    storeHelp,
  ],
  options: {
    select: { type: "string" },
    job: { type: "string" },
    stale: { type: "boolean" },
    "dry-run": { type: "boolean" },
    concurrency: { type: "string" },
    json: { type: "boolean" },
    origin: { type: "string" },
    ...definitionsOption,
    ...storeOption,
  },
  async run(args, io) {
    const { root, storeDir, definitionsFile, keys } = keysAndPaths(args, io.cwd);
    const { select, job, stale, json } = args.values as {
      select?: string;
      job?: string;
      stale?: boolean;
      json?: boolean;
    };
    const chosen = [select !== undefined, job !== undefined, stale === true, keys.length > 0].filter(Boolean).length;
    if (chosen > 1) {
      io.stderr("assetline materialize: give only one of --select, --job, --stale or asset keys.\n");
      return 2;
    }
    const concurrency = Number(args.values.concurrency ?? 0);
    if (!Number.isInteger(concurrency) || concurrency < 0) {
      io.stderr(
        `assetline materialize: --concurrency must be a whole number (0 = number of cores), not "${String(args.values.concurrency)}".\n`,
      );
      return 2;
    }
    const origin = (args.values.origin ?? "cli") as RunOrigin;
    if (origin !== "cli" && origin !== "editor") {
      io.stderr(`assetline materialize: --origin must be cli or editor, not "${String(origin)}".\n`);
      return 2;
    }
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
        const plan = await planWorkspace({ root, storeDir, definitionsFile, target: { select, job, stale, keys } });
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
      io.stderr(`assetline materialize: ${errorMessage(error)}\n`);
      if (error instanceof WorkspaceErrors)
        for (const diagnostic of error.diagnostics) io.stderr(`${formatDiagnostic(diagnostic, io.cwd)}\n`);
      return 1;
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
