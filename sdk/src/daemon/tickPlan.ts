/**
 * Which ticks of a schedule are due, as a pure function of the clock (the tick loop in scheduleTicks.ts acts on it).
 * Dagster's rule for ticks missed while no daemon ran: the latest runs once, the earlier ones are recorded skipped.
 */
import { cronProblem, nextTick, ticksBetween } from "../checks/cron";
import type { ScheduleInfo } from "../protocol/automation";
import type { ScheduleTicks, Tick } from "../protocol/daemon";

export const MISSED_REASON = "missed while the daemon was down";

/**
 * At most this many missed ticks are recorded skipped: a per-second schedule whose daemon was down for a day missed
 * 86,400, and listing them all says no more than the latest ones do.
 */
export const MAX_SKIPPED = 100;

export interface DuePlan {
  /** The tick to run now, if one is due. */
  run?: number;
  /** Earlier due ticks, oldest first: recorded skipped, never run. */
  skipped: number[];
}

export interface Cron {
  cron: string;
  timezone: string;
}

/** The schedules whose cron and zone can be read: one written wrong is an analyzer error, and does not tick. */
export function tickable<S extends Cron>(schedules: readonly S[]): S[] {
  return schedules.filter((schedule) => cronProblem(schedule.cron, schedule.timezone) === undefined);
}

/** The ticks of `schedule` after `since` (its latest recorded tick, or when the daemon first saw it) up to `now`. */
export function dueTicks(schedule: Cron, since: number, now: number): DuePlan {
  const due = ticksBetween(schedule.cron, schedule.timezone, since, now, MAX_SKIPPED + 1);
  const run = due.at(-1);
  return run === undefined ? { skipped: [] } : { run, skipped: due.slice(0, -1) };
}

/** The first tick of any of `schedules` strictly after `now`; undefined when none ticks again. */
export function nextDueTick(schedules: readonly Cron[], now: number): number | undefined {
  const next = schedules.flatMap((schedule) => nextTick(schedule.cron, schedule.timezone, now) ?? []);
  return next.length === 0 ? undefined : Math.min(...next);
}

/**
 * Each schedule with its next tick (none while paused) and latest recorded tick: the `ticks` request's answer and
 * `assetline schedules`.
 */
export function scheduleTicks(
  schedules: readonly ScheduleInfo[],
  latest: ReadonlyMap<string, Tick>,
  now: number,
  paused: (name: string) => boolean = () => false,
): ScheduleTicks[] {
  const valid = new Set(tickable(schedules));
  return schedules.map((schedule) => {
    const { name, cron, timezone } = schedule;
    const stopped = paused(name);
    const next = valid.has(schedule) && !stopped ? nextTick(cron, timezone, now) : undefined;
    const last = latest.get(name);
    return {
      name,
      cron,
      timezone,
      ...(next !== undefined && { nextTick: next }),
      ...(last && { lastTick: last }),
      ...(stopped && { paused: true }),
    };
  });
}
