/**
 * A cron and its time zone as schedules and `cronTickPassed` take them, judged once for the define API and the
 * analyzer: which of the two is wrong (the zone first, so a cron is read in a zone that exists), and why.
 */
import { cronProblem } from "../checks/cron";

export function cronFieldProblem(
  cron: unknown,
  timezone: string | undefined,
): { field: "cron" | "timezone"; problem: string } | undefined {
  const zoneProblem = timezone !== undefined && cronProblem("* * * * *", timezone);
  if (zoneProblem) return { field: "timezone", problem: zoneProblem };
  if (typeof cron !== "string") return { field: "cron", problem: 'it must be a cron string, such as "0 6 * * *"' };
  const problem = cronProblem(cron);
  return problem === undefined ? undefined : { field: "cron", problem };
}
