import {
  versioned,
  RunOriginSchema,
  type DryRun,
  type PlannedStep,
  type RunEvent,
  type RunOrigin,
} from "../../protocol";
import { partitionsFlag, type PartitionRequest } from "../../run/choosePartitions";
import { WorkspaceErrors, materializeWorkspace, planWorkspace } from "../../run/workspaceRun";
import { partitionStepId } from "../../run/plan";
import { stateTitle } from "../../status/describe";
import { CliError, type Command, type CommandIO, type OptionSpec, type ParsedArgs } from "../command";
import { definitionsOption, failure, keysAndPaths, storeOption } from "../workspaceArgs";
import { formatDiagnostic } from "./check";
import { createOutputBuffer } from "./outputBuffer";
import { createProgressPrinter } from "./runProgress";
import { EXECUTOR_OPTIONS, executorOf, materializeQueued } from "./queuedMaterialize";
import { readRunConfig } from "../../config/readRunConfig";
import { RunConfigError } from "../../config/validateRunConfig";
import { materializeViaDaemon } from "../../daemon/viaDaemon";

/** The options every run command takes after its own. */
export const RUN_OPTIONS: OptionSpec[] = [
  { flags: "--concurrency <N>", description: "steps at once (default: the number of cores)" },
  { flags: "--json", description: "print one run event per line on stdout" },
  {
    flags: "--origin <WHO>",
    description: "who started the run: cli (default), editor, schedule, sensor or automation",
  },
  {
    flags: "--instigator <NAME>",
    description: "the schedule or sensor that started the run (the daemon passes it with --origin schedule|sensor)",
  },
];

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
    { flags: "--stale", description: "only what is never materialized, stale or failed (partitions too)" },
    {
      flags: "--partition <KEY>",
      description: "one partition of each selected partitioned asset, e.g. 2026-03-01",
    },
    {
      flags: "--partitions <SEL>",
      description:
        "partitions: a range 2026-03-01...2026-03-31 (inclusive), a list a,b, or missing, failed or stale; an asset with another partitions definition runs the partitions its mappings connect to these",
    },
    {
      flags: "--config <FILE>",
      description:
        "run config from a .json or .yaml file: { \"<asset key>\": { ...that asset's config } }, validated with each asset's config schema before any step runs",
    },
    { flags: "--config-json <JSON>", description: "run config as JSON, as --config takes it" },
    {
      flags: "--dry-run",
      description:
        "print the steps a run would take and each asset's state, planned from the code as the analyzer reads it: no workspace code is loaded or run, nothing is recorded",
    },
    ...RUN_OPTIONS,
    ...EXECUTOR_OPTIONS,
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
    const { partitions, concurrency, origin, instigator } = runFlags(args.values);
    const executor = executorOf(args.values);
    // After the flags' own checks, so a bad value is reported even outside a workspace.
    const { root, storeDir, definitionsFile, keys } = keysAndPaths(args, io.cwd);
    const chosen = [select !== undefined, job !== undefined, stale === true, keys.length > 0].filter(Boolean).length;
    if (chosen > 1) throw new CliError("give only one of --select, --job, --stale or asset keys.");
    const onEvent = runOutput(io, json === true, createProgressPrinter);
    try {
      if (!args.values["dry-run"] && executor === "local") {
        const code = await materializeViaDaemon({ root, storeDir, definitionsFile }, keys, args.values, io, onEvent);
        if (code !== undefined) return code;
      }
      const config = readRunConfig(
        args.values.config as string | undefined,
        args.values["config-json"] as string | undefined,
        io.cwd,
      );
      if (args.values["dry-run"]) {
        if (config !== undefined)
          throw new CliError("--dry-run loads no code, so it cannot check a run config: drop --config or --dry-run.");
        const plan = await planWorkspace({
          root,
          storeDir,
          definitionsFile,
          target: { select, job, stale, keys, partitions },
        });
        io.stdout(json ? `${JSON.stringify(versioned(plan))}\n` : dryRunText(plan));
        return 0;
      }
      const run = {
        root,
        storeDir,
        definitionsFile,
        target: { select, job, stale, keys, partitions },
        concurrency,
        origin,
        ...(instigator !== undefined && { instigator }),
        signal: io.signal,
        ...(config !== undefined && { config }),
      };
      if (executor === "queue")
        return await materializeQueued(run, { detach: args.values.detach === true, json: json === true }, io, onEvent);
      const result = await materializeWorkspace({ ...run, onEvent, ...(io.warm !== undefined && { warm: io.warm }) });
      return result.status === "success" ? 0 : result.status === "cancelled" ? 130 : 1;
    } catch (error) {
      return runFailure(io, "materialize", error, 1);
    }
  },
};

/** Where a run's events go: one JSON line each (`--json`), else the command's printer for people. */
export function runOutput(
  io: CommandIO,
  json: boolean,
  printer: (write: (text: string) => void) => (event: RunEvent) => void,
): (event: RunEvent) => void {
  const output = createOutputBuffer(io.stdout);
  const print = json
    ? (event: RunEvent) => output.write(`${JSON.stringify(versioned(event))}\n`)
    : printer(output.write);
  return (event) => {
    print(event);
    if (event.type === "run_finished") output.flush();
  };
}

/** A run command's failure as one line (and the analyzer's errors as `check` prints them); returns the exit code. */
export function runFailure(io: CommandIO, command: string, error: unknown, otherwise: number): number {
  if (error instanceof RunConfigError) {
    for (const problem of error.problems) io.stderr(`assetline ${command}: ${problem}\n`);
    return 2;
  }
  const code = failure(io, command, error, otherwise);
  if (error instanceof WorkspaceErrors)
    for (const diagnostic of error.diagnostics) io.stderr(`${formatDiagnostic(diagnostic, io.cwd)}\n`);
  return code;
}

/** The flags every run command takes: `--partition(s)`, `--concurrency`, `--origin`, `--instigator`. */
export function runFlags(values: ParsedArgs["values"]): {
  partitions: PartitionRequest | undefined;
  concurrency: number;
  origin: RunOrigin;
  instigator?: string;
} {
  const partitions = partitionRequest(values.partition, values.partitions);
  const concurrency = Number(values.concurrency ?? 0);
  if (!Number.isInteger(concurrency) || concurrency < 0)
    throw new CliError(
      `--concurrency must be a whole number (0 = number of cores), not "${String(values.concurrency)}".`,
    );
  const origin = values.origin ?? "cli";
  if (!RunOriginSchema.options.includes(origin as RunOrigin))
    throw new CliError(`--origin must be one of ${RunOriginSchema.options.join(", ")}, not "${String(origin)}".`);
  const instigator = typeof values.instigator === "string" ? values.instigator : undefined;
  return { partitions, concurrency, origin: origin as RunOrigin, ...(instigator !== undefined && { instigator }) };
}

/** `--partition` and `--partitions` as one request; both at once is a mistake in the call. */
function partitionRequest(partition: unknown, partitions: unknown): PartitionRequest | undefined {
  if (partition !== undefined && partitions !== undefined)
    throw new CliError("give --partition or --partitions, not both (--partitions takes a list: a,b).");
  if (typeof partition === "string") {
    if (partition.trim() === "") throw new CliError("--partition needs a partition key, e.g. --partition 2026-03-01.");
    return { keys: [partition.trim()] };
  }
  if (typeof partitions !== "string") return undefined;
  if (partitions.trim() === "")
    throw new CliError("--partitions needs partitions: a range a...b, a list a,b, or missing, failed or stale.");
  return partitionsFlag(partitions);
}

/** Consecutive partitions of the same assets print as one line from this many on. */
const SUMMARISED_PARTITIONS = 4;

/** What a dry run lists for a step: its assets, or a check step's checks (`check:orders:unique_order_id`). */
function members(step: PlannedStep): string[] {
  return step.checks ? step.checks.map((key) => `check:${key}`) : step.assets;
}

/** Steps in plan order, consecutive partitioned steps of the same assets grouped: a backfill prints as a few lines. */
function stepGroups(steps: PlannedStep[]): PlannedStep[][] {
  const groups: PlannedStep[][] = [];
  for (const step of steps) {
    const last = groups.at(-1)?.at(-1);
    if (last?.partitions && step.partitions && members(last).join() === members(step).join()) groups.at(-1)!.push(step);
    else groups.push([step]);
  }
  return groups.flatMap((group) => (group.length >= SUMMARISED_PARTITIONS ? [group] : group.map((step) => [step])));
}

/**
 * `Would run 3 steps (…); nothing was run:` then each step in order with its assets' states now (a check step: its
 * checks); a run of partitions of one asset is one line (`[2026-03-01 … 2026-03-31] 31 partitions`).
 */
export function dryRunText({ selection, steps, statuses }: DryRun): string {
  if (steps.length === 0) return `Nothing to run (${selection || "no stale assets or partitions"}).\n`;
  const state = new Map(statuses.map((status) => [status.key, stateTitle(status)]));
  const groups = stepGroups(steps);
  const label = (group: PlannedStep[]) => {
    if (group.length === 1) return group[0]!.partitions ? partitionStepId("", group[0]!.partitions) : "";
    const partitions = group.flatMap((step) => step.partitions!);
    return `[${partitions[0]} … ${partitions.at(-1)}] ${partitions.length} partitions, ${group.length} steps`;
  };
  const names = groups.map((group) => members(group[0]!).map((key) => `${key}${label(group)}`));
  const width = Math.max(...names.flat().map((name) => name.length));
  const counters: string[] = [];
  let number = 0;
  for (const group of groups) {
    counters.push(group.length === 1 ? `${number + 1}.` : `${number + 1}-${number + group.length}.`);
    number += group.length;
  }
  const counterWidth = Math.max(4, ...counters.map((counter) => counter.length));
  const lines = groups.flatMap((group, i) =>
    members(group[0]!).map((key, j) =>
      `${(j === 0 ? counters[i]! : "").padStart(counterWidth)} ${names[i]![j]!.padEnd(width)}  ${state.get(key) ?? ""}`.trimEnd(),
    ),
  );
  return `Would run ${steps.length} step${steps.length === 1 ? "" : "s"} (${selection}); nothing was run:\n${lines.join("\n")}\n`;
}
