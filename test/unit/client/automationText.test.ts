import type { DaemonInfo, ScheduleTicks } from "assetline/protocol";
import { describe, expect, it } from "vitest";
import { automationText, scheduleLine } from "../../../client/src/automation/automationText";

const at = (day: number, hours: number, minutes = 0) => new Date(2026, 11, day, hours, minutes).getTime();
const now = at(7, 5, 30);
const info: DaemonInfo = { daemonProtocolVersion: 3, pid: 4242, started: now, root: "/shop" };

const nightly: ScheduleTicks = {
  name: "nightly",
  cron: "0 6 * * *",
  timezone: "UTC",
  nextTick: at(7, 6),
  lastTick: {
    schedule: "nightly",
    tickAt: at(7, 5),
    status: "succeeded",
    runId: "1a2b3c4d5e6f",
    recordedAt: at(7, 5),
  },
};
const weekly: ScheduleTicks = { name: "weekly", cron: "0 9 * * 1", timezone: "UTC", nextTick: at(14, 9) };

describe("the automation status bar item", () => {
  it("says off when no daemon runs", () => {
    expect(automationText(undefined, "shop", now).text).toBe("$(circle-slash) Automation off");
  });

  it("says on with the soonest next tick of the schedules that are not paused", () => {
    const state = { info, schedules: [weekly, nightly] };
    expect(automationText(state, "shop", now)).toMatchObject({
      text: "$(sync) Automation on · next 06:00",
      tooltip: expect.stringContaining("pid 4242"),
    });
    const paused = { info, schedules: [weekly, { ...nightly, paused: true }] };
    expect(automationText(paused, "shop", now).text).toBe("$(sync) Automation on · next Dec 14 09:00");
    expect(automationText({ info, schedules: [] }, "shop", now).text).toBe("$(sync) Automation on");
  });

  it("lists each schedule's next and last tick with its run, as the schedule lens words it", () => {
    expect(scheduleLine(nightly, now)).toBe("next 06:00 · last tick ✓ 05:00 (run 1a2b3c4d)");
    expect(scheduleLine({ ...weekly, paused: true }, now)).toBe("paused");
    const skipped = {
      ...nightly,
      lastTick: {
        ...nightly.lastTick!,
        status: "skipped" as const,
        runId: undefined,
        reason: "missed while the daemon was down",
      },
    };
    expect(scheduleLine(skipped, now)).toBe("next 06:00 · last tick ↷ 05:00 (missed while the daemon was down)");
  });
});
