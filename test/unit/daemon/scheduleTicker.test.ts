/**
 * The tick loop on a fake clock and an in-memory tick store: it sleeps until the next tick (no polling), records each
 * tick before its run starts and then the run's outcome, runs no tick another daemon recorded, and re-plans when the
 * graph changes.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ScheduleInfo } from "../../../sdk/src/protocol/automation";
import type { Tick } from "../../../sdk/src/protocol/daemon";
import { ScheduleTicker } from "../../../sdk/src/daemon/scheduleTicks";
import type { NewTick } from "../../../sdk/src/store/store";
import type { InstigatorState } from "../../../sdk/src/store/instigatorTables";

const START = Date.parse("2026-03-01T10:00:30Z");
const minutely: ScheduleInfo = { name: "minutely", cron: "* * * * *", timezone: "UTC", target: { job: "refresh" } };

beforeEach(() => vi.useFakeTimers({ now: START }));
afterEach(() => vi.useRealTimers());

function memoryStore() {
  const ticks = new Map<string, Tick>();
  const id = (schedule: string, tickAt: number) => `${schedule}@${tickAt}`;
  const states = new Map<string, InstigatorState>();
  return {
    ticks,
    states,
    async recordTick(tick: NewTick) {
      if (ticks.has(id(tick.schedule, tick.tickAt))) return false;
      ticks.set(id(tick.schedule, tick.tickAt), { ...tick, recordedAt: Date.now() });
      return true;
    },
    async updateTick(schedule: string, tickAt: number, update: { status: Tick["status"]; runId?: string }) {
      Object.assign(ticks.get(id(schedule, tickAt))!, update);
    },
    instigatorStates: async () => states,
    async latestTicks() {
      const latest = new Map<string, Tick>();
      for (const tick of ticks.values())
        if ((latest.get(tick.schedule)?.tickAt ?? -1) < tick.tickAt) latest.set(tick.schedule, tick);
      return latest;
    },
  };
}

function ticker(schedules: () => ScheduleInfo[], store = memoryStore()) {
  const started: [string, string, boolean][] = [];
  let runs = 0;
  const loop = new ScheduleTicker({
    schedules,
    store,
    startRun: async (schedule, tickAt) => {
      // The tick is in the store before its run starts.
      started.push([schedule.name, new Date(tickAt).toISOString(), store.ticks.has(`${schedule.name}@${tickAt}`)]);
      return { exitCode: 0, runId: `run-${++runs}` };
    },
    log: () => {},
    now: Date.now,
  });
  return { loop, store, started };
}

describe("ScheduleTicker", () => {
  it("sleeps until each tick, records it before its run, then the run's id and outcome", async () => {
    const { loop, store, started } = ticker(() => [minutely]);
    await loop.plan();
    expect(started).toEqual([]);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(30_000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(started).toEqual([
      ["minutely", "2026-03-01T10:01:00.000Z", true],
      ["minutely", "2026-03-01T10:02:00.000Z", true],
    ]);
    expect([...store.ticks.values()].map((tick) => [tick.status, tick.runId])).toEqual([
      ["succeeded", "run-1"],
      ["succeeded", "run-2"],
    ]);
    await loop.stop();
  });

  it("ticks the other schedules when one's cron cannot be read (the analyzer reports it)", async () => {
    const broken = { ...minutely, name: "broken", cron: "every morning" };
    const { loop, started } = ticker(() => [broken, minutely]);
    await loop.plan();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(started.map(([name]) => name)).toEqual(["minutely"]);
    await loop.stop();
  });

  it("does not run a tick another daemon recorded first", async () => {
    const store = memoryStore();
    await store.recordTick({ schedule: "minutely", tickAt: Date.parse("2026-03-01T10:01:00Z"), status: "started" });
    const { loop, started } = ticker(() => [minutely], store);
    await loop.plan();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(started).toEqual([]);
    await loop.stop();
  });

  it("re-plans when the graph changes: a schedule added counts its ticks from when it appeared", async () => {
    let schedules: ScheduleInfo[] = [];
    const { loop, started } = ticker(() => schedules);
    await loop.plan();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(120_000);
    schedules = [minutely];
    await loop.plan();
    // 10:02:30 now: the ticks before it appeared are neither run nor skipped.
    await vi.advanceTimersByTimeAsync(30_000);
    expect(started.map(([, at]) => at)).toEqual(["2026-03-01T10:03:00.000Z"]);
    await loop.stop();
  });

  it("does not tick a paused schedule; resumed, it runs its next tick and none it missed while paused", async () => {
    const { loop, store, started } = ticker(() => [minutely]);
    store.states.set("minutely", { name: "minutely", kind: "schedule", paused: true, updatedAt: Date.now() });
    await loop.plan();
    await vi.advanceTimersByTimeAsync(150_000);
    expect(started).toEqual([]);
    // 10:03:00: resumed, the ticks of 10:01 to 10:03 are neither run nor skipped.
    store.states.set("minutely", { name: "minutely", kind: "schedule", paused: false, updatedAt: Date.now() });
    await loop.plan();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(started.map(([, at]) => at)).toEqual(["2026-03-01T10:04:00.000Z"]);
    expect(store.ticks.size).toBe(1);
    await loop.stop();
  });
});
