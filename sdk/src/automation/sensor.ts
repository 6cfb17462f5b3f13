/**
 * Sensors (Dagster's `@sensor`, `@asset_sensor`, `@run_status_sensor`): options checked where written, the function
 * only kept. It is user code: the daemon runs it in a run process, never the analyzer or the editor.
 */
import { parseDuration } from "../checks/duration";
import type { AssetRef } from "../define/definition";
import { callLabel, isDefinition } from "../define/definition";
import { isAssetJob, type AssetJob } from "../define/job";
import { DEFAULT_MINIMUM_INTERVAL, type SensorKind } from "../protocol/automation";
import type { RunRequest, SkipReason } from "./runRequest";
import { targetOption, type TargetOptions, type WrittenTarget } from "./target";

const SENSOR = Symbol.for("assetline.sensor");

/** A run-status sensor with neither would do nothing; the analyzer says the same. */
export const RUN_STATUS_NEEDS = "without a function it needs a `job` to run for each finished run.";

export interface SensorContext {
  /** What the previous tick stored with `updateCursor`; undefined on the first tick. */
  readonly cursor: string | undefined;
  /** Persisted per sensor once the tick ends without throwing. */
  updateCursor(value: string): void;
  /** When the previous tick ran; undefined on the first. */
  readonly lastTickAt: Date | undefined;
}

// biome-ignore lint/suspicious/noConfusingVoidType: a function body without `return` is `void`, which may mean "nothing to run".
export type SensorResult = RunRequest | RunRequest[] | SkipReason | undefined | void;

/** One new materialization of an asset sensor's asset. */
export interface MaterializationEvent {
  key: string;
  partition?: string;
  runId: string;
  /** Milliseconds since the epoch. */
  timestamp: number;
}

/** A finished run, as a run-status sensor sees it. */
export interface FinishedRun {
  runId: string;
  status: "success" | "failure";
  /** The job it ran, when it ran one. */
  job?: string;
  startedAt: number;
  finishedAt: number;
}

type Awaitable<T> = T | Promise<T>;

interface SensorCommon {
  /** Defaults to the export name. */
  name?: string;
  /** Shortest time between two ticks: `"30s"` (the default), `"5m"`. */
  minimumInterval?: string;
  description?: string;
}

export type SensorOptions = SensorCommon & TargetOptions;
export type AssetSensorOptions = SensorCommon & TargetOptions & { asset: AssetRef };
export type RunStatusSensorOptions = SensorCommon & {
  status: "success" | "failure";
  /** The job its run requests run (none: it only reacts, as a notification does). */
  job?: AssetJob;
  /** The jobs whose runs it watches; default every run. */
  monitoredJobs?: AssetJob[];
};

export interface SensorInfo {
  kind: SensorKind;
  /** Filled from the export name by the repository when no `name` is written. */
  name: string | undefined;
  minimumInterval: string;
  minimumIntervalMs: number;
  target?: WrittenTarget;
  asset?: AssetRef;
  status?: "success" | "failure";
  monitoredJobs?: AssetJob[];
  description?: string;
  /** The user's function, typed per kind at the call; the daemon calls it with what its kind receives. */
  evaluate?: (context: SensorContext, event: never) => Awaitable<SensorResult>;
}

export interface Sensor {
  readonly [SENSOR]: SensorInfo;
}

export function sensor(options: SensorOptions, fn: (context: SensorContext) => Awaitable<SensorResult>): Sensor {
  const where = callLabel("sensor", options.name);
  requireFunction(fn, where);
  return made({ ...common("sensor", options, where), target: targetOption(options, where), evaluate: fn });
}

/** Fires once per new materialization of `asset`; without a function, each one requests the target as is. */
export function assetSensor(
  options: AssetSensorOptions,
  fn?: (context: SensorContext, materialization: MaterializationEvent) => Awaitable<SensorResult>,
): Sensor {
  const where = callLabel("assetSensor", options.name);
  if (typeof options.asset !== "string" && !isDefinition(options.asset))
    throw new Error(`${where}: \`asset\` must be an asset or an asset key string.`);
  if (fn !== undefined) requireFunction(fn, where);
  return made({
    ...common("asset", options, where),
    target: targetOption(options, where),
    asset: options.asset,
    ...(fn && { evaluate: fn }),
  });
}

/**
 * Fires once per finished run with `status` (of `monitoredJobs`, default every job); without a function, each one
 * runs `job` as is.
 */
export function runStatusSensor(
  options: RunStatusSensorOptions,
  fn?: (context: SensorContext, run: FinishedRun) => Awaitable<SensorResult>,
): Sensor {
  const where = callLabel("runStatusSensor", options.name);
  if (options.status !== "success" && options.status !== "failure")
    throw new Error(`${where}: \`status\` must be "success" or "failure" (got ${JSON.stringify(options.status)}).`);
  if (fn !== undefined) requireFunction(fn, where);
  else if (options.job === undefined) throw new Error(`${where}: ${RUN_STATUS_NEEDS}`);
  const monitored = options.monitoredJobs;
  if (monitored !== undefined && !(Array.isArray(monitored) && monitored.every(isAssetJob)))
    throw new Error(`${where}: \`monitoredJobs\` must be a list of jobs made with defineAssetJob.`);
  return made({
    ...common("runStatus", options, where),
    ...(options.job !== undefined && { target: targetOption({ job: options.job }, where) }),
    status: options.status,
    ...(monitored !== undefined && { monitoredJobs: monitored }),
    ...(fn && { evaluate: fn }),
  });
}

export function isSensor(value: unknown): value is Sensor {
  return typeof value === "object" && value !== null && SENSOR in value;
}

export function sensorInfoOf(handle: Sensor): SensorInfo {
  return handle[SENSOR];
}

function made(info: SensorInfo): Sensor {
  return { [SENSOR]: info };
}

function requireFunction(fn: unknown, where: string): void {
  if (typeof fn !== "function")
    throw new Error(`${where}: the second argument must be the sensor's function (ctx) => RunRequest | SkipReason.`);
}

function common(kind: SensorKind, options: SensorCommon, where: string): SensorInfo {
  const interval = options.minimumInterval ?? DEFAULT_MINIMUM_INTERVAL;
  const read = typeof interval === "string" ? parseDuration(interval) : { problem: "it must be a duration string" };
  if ("problem" in read) throw new Error(`${where}: \`minimumInterval\`: ${read.problem}.`);
  return {
    kind,
    name: options.name,
    minimumInterval: interval,
    minimumIntervalMs: read.ms,
    ...(options.description !== undefined && { description: options.description }),
  };
}
