/**
 * `schedule({ cron, job | selection, … })`: Dagster's ScheduleDefinition. Checked where it is written; the daemon
 * ticks it. Named by its `name`, else by the export name (as assets and checks are).
 */
import { callLabel } from "../define/definition";
import { cronFieldProblem } from "./cronFields";
import { targetOption, type TargetOptions, type WrittenTarget } from "./target";

const SCHEDULE = Symbol.for("assetline.schedule");

/** Which partitions a tick runs: the partition whose window the tick closes, or the keys a function returns. */
export type SchedulePartitions = "latest" | ((tick: Date) => string | string[]);

export type ScheduleOptions = TargetOptions & {
  /** Defaults to the export name. */
  name?: string;
  /** Five fields (or six with seconds): `"0 6 * * *"` is 06:00 every day. */
  cron: string;
  /** The IANA zone the cron ticks in (Dagster's `execution_timezone`); default UTC. */
  timezone?: string;
  /** An alias of `timezone`, Dagster's name. */
  executionTimezone?: string;
  /** For a partitioned target; default `"latest"`. */
  partitions?: SchedulePartitions;
  description?: string;
};

export interface ScheduleInfo {
  /** Filled from the export name by the repository when no `name` is written. */
  name: string | undefined;
  cron: string;
  timezone: string;
  target: WrittenTarget;
  partitions?: SchedulePartitions;
  description?: string;
}

export interface Schedule {
  readonly [SCHEDULE]: ScheduleInfo;
}

export function schedule(options: ScheduleOptions): Schedule {
  const where = callLabel("schedule", options.name);
  const { cron, timezone, executionTimezone, partitions, description } = options;
  if (timezone !== undefined && executionTimezone !== undefined && timezone !== executionTimezone)
    throw new Error(`${where}: \`timezone\` and \`executionTimezone\` are the same option: give one.`);
  const zone = timezone ?? executionTimezone;
  const bad = cronFieldProblem(cron, zone);
  if (bad) throw new Error(`${where}: \`${bad.field}\`: ${bad.problem}.`);
  if (partitions !== undefined && partitions !== "latest" && typeof partitions !== "function")
    throw new Error(`${where}: \`partitions\` must be "latest" or a function (tick) => partition key(s).`);
  const info: ScheduleInfo = {
    name: options.name,
    cron,
    timezone: zone ?? "UTC",
    target: targetOption(options, where),
    ...(partitions !== undefined && { partitions }),
    ...(description !== undefined && { description }),
  };
  return { [SCHEDULE]: info };
}

export function isSchedule(value: unknown): value is Schedule {
  return typeof value === "object" && value !== null && SCHEDULE in value;
}

export function scheduleInfoOf(handle: Schedule): ScheduleInfo {
  return handle[SCHEDULE];
}
