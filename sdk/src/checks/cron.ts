/** Cron expressions of freshness policies, read with croner (five fields, or six with seconds), in an IANA zone. */
import { Cron } from "croner";
import { isTimeZone } from "../partitions/civil";

/** Why `expression` (in `timezone`, UTC when absent) cannot be used, in words; undefined when it can. */
export function cronProblem(expression: string, timezone?: string): string | undefined {
  if (timezone !== undefined && !isTimeZone(timezone))
    return `"${timezone}" is not an IANA time zone: write one like "Europe/Paris" or "UTC"`;
  try {
    cronOf(expression, timezone);
    return undefined;
  } catch (error) {
    return `"${expression}" is not a cron expression (${(error as Error).message.replace(/^CronPattern: /, "")}): write five fields, as "0 6 * * *" (06:00 every day)`;
  }
}

/** The latest tick of `expression` at or before `now`; undefined when it never ticked before. */
export function previousTick(expression: string, timezone: string | undefined, now: number): number | undefined {
  const cron = cronOf(expression, timezone);
  // previousRuns looks strictly before its reference: a tick exactly at `now` counts as passed.
  const [tick] = cron.previousRuns(1, new Date(now + 1));
  return tick?.getTime();
}

/** The first tick of `expression` strictly after `after`; undefined when it never ticks again. */
export function nextTick(expression: string, timezone: string | undefined, after: number): number | undefined {
  return cronOf(expression, timezone).nextRun(new Date(after))?.getTime();
}

/** The latest `limit` ticks of `expression` strictly after `after` and at or before `until`, oldest first. */
export function ticksBetween(
  expression: string,
  timezone: string | undefined,
  after: number,
  until: number,
  limit: number,
): number[] {
  const newestFirst = cronOf(expression, timezone).previousRuns(limit, new Date(until + 1));
  return newestFirst
    .map((tick) => tick.getTime())
    .filter((tick) => tick > after)
    .reverse();
}

function cronOf(expression: string, timezone: string | undefined): Cron {
  return new Cron(expression, { paused: true, timezone: timezone ?? "UTC" });
}
