/**
 * Freshness as Dagster's FreshnessPolicy means it, and the duration and cron strings a policy is written with: what
 * `status` and the editor will say of an asset ("overdue by 3 h") rests on these answers.
 */
import { describe, expect, it } from "vitest";
import { cronProblem, nextTick, previousTick } from "../../../sdk/src/checks/cron";
import { parseDuration } from "../../../sdk/src/checks/duration";
import { freshnessStatus } from "../../../sdk/src/checks/freshness";
import type { FreshnessPolicy } from "../../../sdk/src/protocol";

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

describe("parseDuration", () => {
  it.each([
    ["24h", 24 * HOUR],
    ["90m", 90 * 60_000],
    ["1d 6h", 30 * HOUR],
    ["1w", 7 * 24 * HOUR],
    ["1h30m", 90 * 60_000],
    ["500ms", 500],
    [" 2d ", 48 * HOUR],
  ])("reads %j as %d ms", (text, ms) => {
    expect(parseDuration(text)).toEqual({ ms });
  });

  it.each([
    ["24", 0, "not a duration"],
    ["1 day", 0, "not a duration"],
    ["1d six", 3, "not a duration"],
    ["", 0, "cannot be empty"],
    ["0h", 0, "zero"],
    ["-1h", 0, "not a duration"],
  ])("refuses %j at offset %d, saying %j", (text, offset, words) => {
    const read = parseDuration(text);
    expect(read).toMatchObject({ offset });
    expect("problem" in read && read.problem).toContain(words);
  });
});

describe("cron", () => {
  it("accepts five fields and refuses what croner refuses, in words with an example", () => {
    expect(cronProblem("0 6 * * *")).toBeUndefined();
    expect(cronProblem("0 6 * * *", "Europe/Paris")).toBeUndefined();
    expect(cronProblem("61 * * * *")).toMatch(/not a cron expression.*minute.*"0 6 \* \* \*"/);
    expect(cronProblem("0 6 * *")).toContain("not a cron expression");
    expect(cronProblem("0 6 * * *", "Mars/Base")).toContain('"Mars/Base" is not an IANA time zone');
  });

  it("finds the ticks around a moment in the policy's zone, a tick at that moment counting as passed", () => {
    expect(previousTick("0 6 * * *", "Europe/Paris", at("2026-12-06T10:00:00Z"))).toBe(at("2026-12-06T05:00:00Z"));
    expect(previousTick("0 6 * * *", undefined, at("2026-12-06T06:00:00Z"))).toBe(at("2026-12-06T06:00:00Z"));
    expect(nextTick("0 6 * * *", undefined, at("2026-12-06T06:00:00Z"))).toBe(at("2026-12-07T06:00:00Z"));
  });
});

describe("freshnessStatus", () => {
  const daily: FreshnessPolicy = { maximumLag: "24h", maximumLagMs: 24 * HOUR };
  const atSix: FreshnessPolicy = { ...daily, maximumLag: "1h", maximumLagMs: HOUR, cron: "0 6 * * *" };
  const now = at("2026-12-06T12:00:00Z");

  it("is unknown for an asset never materialized: missing is not late", () => {
    expect(freshnessStatus(daily, undefined, now)).toMatchObject({ state: "unknown" });
  });

  it.each([
    ["materialized 23 h ago", daily, "2026-12-05T13:00:00Z", "fresh", "2026-12-06T13:00:00Z", undefined],
    ["materialized 27 h ago", daily, "2026-12-05T09:00:00Z", "overdue", "2026-12-06T09:00:00Z", 3 * HOUR],
    // With a cron the promise holds at the ticks: data from 05:30 met 06:00's (lag 1 h) and is fine until tomorrow's.
    ["before today's tick, within its lag", atSix, "2026-12-06T05:30:00Z", "fresh", "2026-12-07T06:00:00Z", undefined],
    // Data from 04:00 missed today's 06:00 tick (needed after 05:00): overdue since the tick, 6 h ago.
    ["before today's tick, beyond its lag", atSix, "2026-12-06T04:00:00Z", "overdue", "2026-12-06T06:00:00Z", 6 * HOUR],
    // Between ticks nothing turns overdue, however old the lag says the data is.
    ["after today's tick", atSix, "2026-12-06T07:00:00Z", "fresh", "2026-12-07T06:00:00Z", undefined],
  ])("%s", (_, policy, last, state, deadline, overdueByMs) => {
    const status = freshnessStatus(policy, at(last), now);
    expect(status).toMatchObject({ state, deadline: at(deadline) });
    expect(status.overdueByMs).toBe(overdueByMs);
  });

  it("says how late, how old and what was promised", () => {
    expect(freshnessStatus(daily, at("2026-12-05T09:00:00Z"), now).reason).toBe(
      "overdue by 3 h: last materialized 1 day ago, maximum lag 1 d",
    );
    expect(freshnessStatus(atSix, at("2026-12-06T04:00:00Z"), now).reason).toBe(
      'overdue by 6 h: last materialized 8 h ago, maximum lag 1 h at each tick of "0 6 * * *"',
    );
  });
});
