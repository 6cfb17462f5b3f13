/**
 * The daemon's `sensors`, `tickNow` and `setPaused` (protocol/daemonInstigators.ts): a schedule or sensor found by name
 * in the warm graph, its pause kept in the store, the tick loops re-planned.
 */
import type { SensorInfo } from "../protocol/automation";
import type { InstigatorKind, SensorState, SensorTick } from "../protocol/daemonInstigators";
import type { InstigatorState } from "../store/instigatorTables";
import { CliError } from "../cli/command";
import type { ScheduleTicker } from "./scheduleTicks";
import type { SensorTicker } from "./sensorTicks";
import type { WarmState } from "./warmState";

export interface Instigators {
  warm: WarmState;
  schedules: ScheduleTicker;
  sensors: SensorTicker;
}

/** Each sensor with its state, next tick (when the daemon runs and it is not paused) and latest tick. */
export function sensorStates(
  sensors: readonly SensorInfo[],
  states: ReadonlyMap<string, InstigatorState>,
  latest: ReadonlyMap<string, SensorTick>,
  next: ReadonlyMap<string, number> = new Map(),
): SensorState[] {
  return sensors.map(({ name, kind, minimumInterval }) => {
    const state = states.get(name);
    const paused = state?.paused === true;
    const nextTick = paused ? undefined : next.get(name);
    const lastTick = latest.get(name);
    return {
      name,
      kind,
      minimumInterval,
      paused,
      ...(state?.cursor !== undefined && { cursor: state.cursor }),
      ...(nextTick !== undefined && { nextTick }),
      ...(lastTick && { lastTick }),
    };
  });
}

export async function sensorsAnswer({ warm, sensors }: Instigators): Promise<{ sensors: SensorState[] }> {
  const store = warm.instigators;
  const [states, ticks] = await Promise.all([store.instigatorStates(), store.latestSensorTicks()]);
  return { sensors: sensorStates(warm.sensors(), states, ticks, sensors.nextTicks()) };
}

/** A schedule's run now (answered when it ended) or a sensor's tick now (answered when its runs started). */
export async function tickNow(
  instigators: Instigators,
  name: string,
): Promise<{ kind: InstigatorKind; runIds: string[] }> {
  const kind = kindOf(instigators.warm, name);
  if (kind === "sensor") {
    const tick = await instigators.sensors.tickNow(name);
    if (tick.status === "failed") throw new CliError(`sensor ${name}'s tick failed: ${tick.error}`, 1);
    return { kind, runIds: tick.runIds };
  }
  const schedule = instigators.warm.schedules().find((candidate) => candidate.name === name)!;
  const runId = await instigators.schedules.tickNow(schedule);
  return { kind, runIds: runId === undefined ? [] : [runId] };
}

export async function setPaused(
  { warm, schedules, sensors }: Instigators,
  name: string,
  paused: boolean,
): Promise<{ kind: InstigatorKind; paused: boolean }> {
  const kind = kindOf(warm, name);
  await warm.instigators.setPaused(name, kind, paused);
  await Promise.all([schedules.plan(), sensors.plan()]);
  return { kind, paused };
}

function kindOf(warm: WarmState, name: string): InstigatorKind {
  if (warm.schedules().some((schedule) => schedule.name === name)) return "schedule";
  if (warm.sensors().some((sensor) => sensor.name === name)) return "sensor";
  const names = [...warm.schedules(), ...warm.sensors()].map((instigator) => instigator.name);
  throw new CliError(
    `the workspace has no schedule or sensor named "${name}" (${names.length > 0 ? `it has ${names.join(", ")}` : "it has none"}): \`assetline schedules\` and \`assetline sensors\` list them.`,
    1,
  );
}
