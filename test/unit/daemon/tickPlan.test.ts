/**
 * The tick planner, on an injected clock: which ticks are due since a schedule's latest recorded tick, Dagster's rule
 * for ticks missed while no daemon ran (the latest runs, the earlier are skipped), and ticks in a zone across DST.
 */
import { describe, expect, it } from "vitest";
import { dueTicks, MAX_SKIPPED, nextDueTick, scheduleTicks } from "../../../sdk/src/daemon/tickPlan";

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const hourly = { cron: "0 * * * *", timezone: "UTC" };

describe("dueTicks", () => {
  it.each([
    {
      why: "nothing passed since the latest tick",
      since: "2026-03-01T10:00:00Z",
      now: "2026-03-01T10:59:59Z",
      run: undefined,
      skipped: [],
    },
    {
      why: "the next tick, exactly at its time",
      since: "2026-03-01T10:00:00Z",
      now: "2026-03-01T11:00:00Z",
      run: "2026-03-01T11:00:00.000Z",
      skipped: [],
    },
    {
      why: "ticks missed while down: the latest runs once, the earlier are skipped",
      since: "2026-03-01T10:00:00Z",
      now: "2026-03-01T13:30:00Z",
      run: "2026-03-01T13:00:00.000Z",
      skipped: ["2026-03-01T11:00:00.000Z", "2026-03-01T12:00:00.000Z"],
    },
  ])("$why", ({ since, now, run, skipped }) => {
    const plan = dueTicks(hourly, at(since), at(now));
    expect(plan.run === undefined ? undefined : iso(plan.run)).toBe(run);
    expect(plan.skipped.map(iso)).toEqual(skipped);
  });

  it("records at most the latest missed ticks skipped after a long downtime", () => {
    const plan = dueTicks(
      { cron: "* * * * * *", timezone: "UTC" },
      at("2026-03-01T00:00:00Z"),
      at("2026-03-02T00:00:00Z"),
    );
    expect(iso(plan.run!)).toBe("2026-03-02T00:00:00.000Z");
    expect(plan.skipped).toHaveLength(MAX_SKIPPED);
    expect(iso(plan.skipped.at(-1)!)).toBe("2026-03-01T23:59:59.000Z");
  });

  it("ticks at the zone's wall-clock time across a DST change (Europe/Lisbon, 29 March 2026)", () => {
    const daily = { cron: "0 6 * * *", timezone: "Europe/Lisbon" };
    // 06:00 Lisbon is 06:00Z in winter (WET) and 05:00Z in summer (WEST).
    const plan = dueTicks(daily, at("2026-03-28T06:00:00Z"), at("2026-03-30T12:00:00Z"));
    expect(plan.skipped.map(iso)).toEqual(["2026-03-29T05:00:00.000Z"]);
    expect(iso(plan.run!)).toBe("2026-03-30T05:00:00.000Z");
  });
});

describe("nextDueTick and scheduleTicks", () => {
  it("sleeps until the soonest tick of any schedule and lists each schedule's next and latest tick", () => {
    const now = at("2026-03-01T10:20:00Z");
    const schedules = [
      { name: "hourly", target: { job: "j" }, ...hourly },
      { name: "quarter", target: { selection: "*" }, cron: "*/15 * * * *", timezone: "UTC" },
    ];
    expect(iso(nextDueTick(schedules, now)!)).toBe("2026-03-01T10:30:00.000Z");
    const last = {
      schedule: "hourly",
      tickAt: at("2026-03-01T10:00:00Z"),
      status: "succeeded" as const,
      runId: "r1",
      recordedAt: now,
    };
    expect(scheduleTicks(schedules, new Map([["hourly", last]]), now)).toEqual([
      { name: "hourly", cron: "0 * * * *", timezone: "UTC", nextTick: at("2026-03-01T11:00:00Z"), lastTick: last },
      { name: "quarter", cron: "*/15 * * * *", timezone: "UTC", nextTick: at("2026-03-01T10:30:00Z") },
    ]);
  });
});
