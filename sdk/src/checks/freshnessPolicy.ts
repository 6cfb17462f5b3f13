/** `freshness: { maximumLag, cron?, cronTimezone? }` as written on an asset or `checks.freshness`, checked into protocol data. */
import type { FreshnessPolicy } from "../protocol/checks";
import { cronProblem } from "./cron";
import { parseDuration } from "./duration";

export interface FreshnessOptions {
  /** How old the newest materialization may be: `"24h"`, `"90m"`, `"1d 6h"`. */
  maximumLag: string;
  /** With a cron, the lag holds at each tick (`"0 6 * * *"`: data at most `maximumLag` old at 06:00 every day). */
  cron?: string;
  /** The IANA zone the cron is read in; default UTC. */
  cronTimezone?: string;
}

/** `where` names the definition in errors (`asset("orders"): freshness: …`). */
export function freshnessPolicyOf(options: FreshnessOptions, where: string): FreshnessPolicy {
  const at = `${where}: \`freshness\``;
  const field = (name: string) => `${where}: \`freshness.${name}\``;
  if (typeof options !== "object" || options === null)
    throw new Error(`${at} must be an object such as { maximumLag: "24h" }.`);
  const { maximumLag, cron, cronTimezone } = options;
  if (typeof maximumLag !== "string")
    throw new Error(`${at} needs a \`maximumLag\` string such as "24h" (got ${JSON.stringify(maximumLag)}).`);
  const lag = parseDuration(maximumLag);
  if ("problem" in lag) throw new Error(`${field("maximumLag")}: ${lag.problem}.`);
  if (cron === undefined && cronTimezone !== undefined)
    throw new Error(
      `${field("cronTimezone")} applies to a \`cron\` only: add a cron such as "0 6 * * *", or remove it.`,
    );
  if (cron !== undefined) {
    const problem = typeof cron === "string" ? cronProblem(cron, cronTimezone) : "the cron must be a string";
    if (problem) throw new Error(`${field("cron")}: ${problem}.`);
  }
  return {
    maximumLag,
    maximumLagMs: lag.ms,
    ...(cron !== undefined && { cron }),
    ...(cronTimezone !== undefined && { cronTimezone }),
  };
}
