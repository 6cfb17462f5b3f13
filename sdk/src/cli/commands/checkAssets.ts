import { versioned, type CheckEvaluation, type RunEvent } from "../../protocol";
import { checkWorkspace, planCheckRun } from "../../run/checkAssetsRun";
import { CheckTargetMistake } from "../../run/chooseChecks";
import { formatDuration } from "../../status/describe";
import { CliError, type Command } from "../command";
import { definitionsOption, keysAndPaths, storeOption } from "../workspaceArgs";
import { dryRunText, RUN_OPTIONS, runFailure, runFlags, runOutput } from "./materialize";
import { evaluationLine } from "./runProgress";

/** A failed evaluation with severity `error`: what makes `check-assets` exit 1. */
function failedWithError(evaluation: CheckEvaluation): boolean {
  return !evaluation.passed && evaluation.severity === "error";
}

/** Human output of `check-assets`: a line per evaluation, skip and log, then how many passed, failed, warned. */
function createCheckPrinter(write: (text: string) => void): (event: RunEvent) => void {
  const counts = { passed: 0, failed: 0, warned: 0 };
  const evaluated = new Set<string>();
  return (event) => {
    switch (event.type) {
      case "run_started":
        write(
          event.plan.length === 0
            ? `Run ${event.runId}: no checks to run (${event.selection}): define one with assetCheck, or in an asset's checks option\n`
            : `Run ${event.runId}: ${event.plan.length} check step${event.plan.length === 1 ? "" : "s"} (${event.selection})\n`,
        );
        break;
      case "check_evaluated": {
        const { evaluation } = event;
        evaluated.add(event.stepId);
        counts[evaluation.passed ? "passed" : evaluation.severity === "warn" ? "warned" : "failed"]++;
        write(`${evaluationLine(evaluation)}\n`);
        break;
      }
      case "log":
        write(`  ${event.level.padEnd(7)} ${event.stepId || "run"}: ${event.message}\n`);
        break;
      case "step_skipped":
        write(`○ ${event.stepId} skipped: ${event.reason}\n`);
        break;
      case "step_failed":
        // A blocking check's failure is its evaluation's line already; anything else (cancelled) is said here.
        if (!evaluated.has(event.stepId)) write(`✖ ${event.stepId} failed: ${event.error.message}\n`);
        break;
      case "run_finished":
        write(
          `\nRun ${event.runId} ${event.status}: ${counts.passed} passed, ${counts.failed} failed, ${counts.warned} warned, ${event.skipped} skipped in ${formatDuration(event.durationMs)}\n`,
        );
        break;
    }
  };
}

export const checkAssetsCommand: Command = {
  name: "check-assets",
  summary: "Run asset checks against the stored values (nothing is materialized) and record the results",
  args: "[SELECTION] [dir]",
  options: [
    { flags: "--select <SEL>", description: "the assets whose checks run, as the SELECTION argument (default: *)" },
    {
      flags: "--check <KEY>",
      description: "a check to run, by its key asset:name (repeatable); instead of a selection",
      repeatable: true,
    },
    { flags: "--partition <KEY>", description: "check this partition of each partitioned asset" },
    {
      flags: "--partitions <SEL>",
      description: "check these partitions: a range a...b or a list a,b (default: every partition with a stored value)",
    },
    {
      flags: "--dry-run",
      description: "print the check steps a run would take; no workspace code is loaded or run, nothing is recorded",
    },
    ...RUN_OPTIONS,
    definitionsOption,
    storeOption,
  ],
  async run(args, io) {
    const { select, json } = args.values as { select?: string; json?: boolean };
    const checks = (args.values.check as string[] | undefined) ?? [];
    const { partitions, concurrency, origin, instigator } = runFlags(args.values);
    const { root, storeDir, definitionsFile, keys } = keysAndPaths(args, io.cwd);
    if (keys.length > 1)
      throw new CliError(`give one selection, quoted if it has spaces ("${keys.join(" ")}"), not ${keys.length}.`);
    const written = [select, keys[0]].filter((text) => text !== undefined);
    if (written.length > 1) throw new CliError("give the selection as an argument or with --select, not both.");
    if (written.length > 0 && checks.length > 0)
      throw new CliError("give --check keys or a selection, not both: --check runs exactly the checks it names.");
    const target = { ...(written[0] !== undefined && { select: written[0] }), checks, partitions };
    try {
      if (args.values["dry-run"]) {
        const plan = await planCheckRun({ root, storeDir, definitionsFile, target });
        io.stdout(json ? `${JSON.stringify(versioned(plan))}\n` : dryRunText(plan));
        return 0;
      }
      let failed = false;
      const print = runOutput(io, json === true, createCheckPrinter);
      const result = await checkWorkspace({
        root,
        storeDir,
        definitionsFile,
        target,
        concurrency,
        origin,
        ...(instigator !== undefined && { instigator }),
        signal: io.signal,
        onEvent: (event) => {
          if (event.type === "check_evaluated" && failedWithError(event.evaluation)) failed = true;
          print(event);
        },
      });
      if (result.status === "cancelled") return 130;
      return failed || result.status === "failed" ? 1 : 0;
    } catch (error) {
      return runFailure(
        io,
        "check-assets",
        error instanceof CheckTargetMistake ? new CliError(error.message) : error,
        1,
      );
    }
  },
};
