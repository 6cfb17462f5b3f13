/**
 * The schedules and sensors of a loaded workspace (run time): each exported from a loaded module and each the
 * Definitions list (one handle exported and listed is one), named by their `name` or export name, as the graph's
 * `schedules` and `sensors` and the definitions the daemon runs.
 */
import { namedKey, type DefinitionInfo } from "../define/definition";
import type { AutomationTarget, ScheduleInfo as ScheduleData, SensorInfo as SensorData } from "../protocol/automation";
import { scheduleInfoOf, type Schedule, type ScheduleInfo } from "./schedule";
import { isSensor, sensorInfoOf, type Sensor, type SensorInfo } from "./sensor";
import { targetData, type WrittenTarget } from "./target";

export interface WorkspaceAutomation {
  /** Each exported schedule or sensor with the export name that names it. */
  exported: ReadonlyMap<Schedule | Sensor, string>;
  /** `Definitions({ schedules, sensors })`, empty without Definitions. */
  schedules: readonly Schedule[];
  sensors: readonly Sensor[];
  /** The graph's assets: an asset sensor about any other key is an error. */
  byKey: ReadonlyMap<string, DefinitionInfo>;
  /** The workspace's job names: a target naming another is an error. */
  jobs: readonly string[];
}

/** Definitions with their names filled in: what the daemon ticks. */
export interface RepositoryAutomation {
  schedules: (ScheduleInfo & { name: string })[];
  sensors: (SensorInfo & { name: string })[];
  graph: { schedules: ScheduleData[]; sensors: SensorData[] };
}

export function collectAutomation(workspace: WorkspaceAutomation): RepositoryAutomation {
  const named = <H extends Schedule | Sensor, I extends { name: string | undefined }>(
    listed: readonly H[],
    handles: H[],
    infoOf: (handle: H) => I,
    noun: "schedule" | "sensor",
  ): (I & { name: string })[] => {
    const seen = new Set<string>();
    return [...new Set([...handles, ...listed])].map((handle) => {
      const info = infoOf(handle);
      const name = info.name ?? workspace.exported.get(handle);
      if (name === undefined)
        throw new Error(
          `The ${noun} at \`${noun}s[${listed.indexOf(handle)}]\` of the Definitions has no name: export it, or give it a \`name\` option.`,
        );
      if (seen.has(name)) throw new Error(`Two ${noun}s are named "${name}": give one a different \`name\` option.`);
      seen.add(name);
      return { ...info, name };
    });
  };
  const exported = [...workspace.exported.keys()];
  const schedules = named(
    workspace.schedules,
    exported.filter((handle): handle is Schedule => !isSensor(handle)),
    scheduleInfoOf,
    "schedule",
  );
  const sensors = named(workspace.sensors, exported.filter(isSensor), sensorInfoOf, "sensor");
  return {
    schedules,
    sensors,
    graph: {
      schedules: schedules.map((info) => ({
        name: info.name,
        cron: info.cron,
        timezone: info.timezone,
        target: knownTarget(info.target, `Schedule "${info.name}"`, workspace.jobs),
        ...(info.partitions !== undefined && {
          partitions: typeof info.partitions === "function" ? "function" : info.partitions,
        }),
        ...(info.description !== undefined && { description: info.description }),
      })),
      sensors: sensors.map((info) => sensorData(info, workspace)),
    },
  };
}

function sensorData(info: SensorInfo & { name: string }, workspace: WorkspaceAutomation): SensorData {
  const asset = info.asset === undefined ? undefined : namedKey(info.asset, `The asset of sensor "${info.name}"`);
  if (asset !== undefined && !workspace.byKey.has(asset))
    throw new Error(
      `Sensor "${info.name}" watches "${asset}", which is no asset of the workspace: name an asset the Definitions include.`,
    );
  return {
    name: info.name,
    kind: info.kind,
    minimumInterval: info.minimumInterval,
    minimumIntervalMs: info.minimumIntervalMs,
    ...(info.target && { target: knownTarget(info.target, `Sensor "${info.name}"`, workspace.jobs) }),
    ...(asset !== undefined && { asset }),
    ...(info.status && { status: info.status }),
    ...(info.monitoredJobs && { monitoredJobs: info.monitoredJobs.map((job) => job.name) }),
    hasFunction: info.evaluate !== undefined,
    ...(info.description !== undefined && { description: info.description }),
  };
}

/** The target as data; a job named by a string must be one of the workspace's (a job itself counts anyway). */
function knownTarget(target: WrittenTarget, owner: string, jobs: readonly string[]): AutomationTarget {
  const data = targetData(target);
  if ("job" in target && typeof target.job === "string" && !jobs.includes(target.job))
    throw new Error(
      `${owner} runs job "${target.job}", which is no job of the workspace (${jobs.length > 0 ? `its jobs: ${jobs.map((job) => `"${job}"`).join(", ")}` : "it has none"}): list the job in the Definitions' \`jobs\`, or export it.`,
    );
  return data;
}
