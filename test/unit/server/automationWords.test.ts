/**
 * What the editor says of automation: the hover's section from `AssetStatus.automation`, and the lens titles above
 * schedules and sensors from the daemon's ticks. Times are built in the local zone, as the user reads them.
 */
import { describe, expect, it } from "vitest";
import type { ScheduleInfo, SensorInfo } from "../../../sdk/src/protocol";
import { automationMarkdown } from "../../../server/src/automationHover";
import { clock, scheduleTitle, sensorTitle } from "../../../server/src/instigatorLens";

const at = (hours: number, minutes: number, seconds = 0, day = 7) =>
  new Date(2026, 11, day, hours, minutes, seconds).getTime();
const NOW = at(12, 5);
const EAGER = { type: "missing", label: "eager" } as const;
const REASON = "will run: upstream orders_raw was updated since this asset's last materialization";

describe("the hover's automation section", () => {
  it("gives the latest answer, its reason, its time and the run it started", () => {
    const evaluation = {
      label: "eager",
      evaluatedAt: at(12, 3, 10),
      willRun: true,
      reason: REASON,
      runId: "1a2b3c4d5e6f",
    };
    expect(automationMarkdown(EAGER, evaluation, true, NOW)).toBe(
      "**Automation** eager · will run: upstream orders_raw was updated since this asset's last materialization (12:03:10) · run `1a2b3c4d`",
    );
  });

  it("counts a partitioned asset's partitions that will run", () => {
    const evaluation = {
      label: "on_cron",
      evaluatedAt: at(6, 0, 1),
      willRun: true,
      reason: "will run: cron tick",
      partitionsWillRun: 3,
    };
    expect(automationMarkdown(EAGER, evaluation, true, NOW)).toBe(
      "**Automation** on_cron · 3 partitions will run · newest: will run: cron tick (06:00:01)",
    );
  });

  it("says why there is no evaluation yet, and nothing for an asset without a condition", () => {
    expect(automationMarkdown(EAGER, undefined, false, NOW)).toBe(
      "**Automation** eager · not evaluated yet (automation is off)",
    );
    expect(automationMarkdown({ type: "missing" }, undefined, true, NOW)).toBe(
      "**Automation** custom · not evaluated yet (waiting for the daemon's first tick)",
    );
    expect(automationMarkdown(undefined, undefined, true, NOW)).toBe("");
  });
});

describe("schedule and sensor lens titles", () => {
  const daily: ScheduleInfo = { name: "daily", cron: "0 18 * * *", timezone: "UTC", target: { selection: "*" } };
  const sensor: SensorInfo = { name: "files", kind: "sensor", minimumInterval: "30s", minimumIntervalMs: 30_000 };
  const tick = (status: "succeeded" | "failed" | "skipped", runId?: string) => ({
    schedule: "daily",
    tickAt: at(5, 0),
    status,
    recordedAt: at(5, 0),
    ...(runId && { runId }),
  });
  const next = clock(new Date(Date.UTC(2026, 11, 7, 18)).getTime(), NOW, false);

  it("shows the next tick in local time and how the last one went", () => {
    const ticks = { name: "daily", cron: daily.cron, timezone: "UTC" };
    expect(scheduleTitle(daily, { ...ticks, lastTick: tick("succeeded", "1a2b3c4d5e") }, true, NOW)).toBe(
      `⏱ next ${next} · last tick ✓ 05:00 (run 1a2b3c4d)`,
    );
    expect(scheduleTitle(daily, { ...ticks, lastTick: tick("failed", "9f8e7d6c5b") }, true, NOW)).toBe(
      `⏱ next ${next} · last tick ✗ 05:00 (run 9f8e7d6c)`,
    );
    expect(scheduleTitle(daily, { ...ticks, paused: true, lastTick: tick("skipped") }, true, NOW)).toBe(
      "⏱ paused · last tick skipped 05:00",
    );
    expect(scheduleTitle(daily, undefined, false, NOW)).toBe(`⏱ next ${next} · automation off`);
  });

  it("shows a sensor's interval and its last tick's runs, with the seconds", () => {
    const state = {
      name: "files",
      kind: "sensor" as const,
      minimumInterval: "30s",
      paused: false,
      lastTick: {
        sensor: "files",
        tickAt: at(5, 59, 30),
        status: "succeeded" as const,
        runIds: ["a", "b"],
        recordedAt: 0,
      },
    };
    expect(sensorTitle(sensor, state, true, NOW)).toBe("⏱ every 30s · last tick ✓ 05:59:30 (2 runs)");
    expect(sensorTitle(sensor, undefined, false, NOW)).toBe("⏱ every 30s · automation off");
  });

  it("names the day of a time that is not today", () => {
    expect(clock(at(6, 0, 0, 8), NOW, false)).toBe("Dec 8 06:00");
  });
});
