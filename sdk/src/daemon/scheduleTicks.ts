/**
 * The daemon's schedule ticks: a timer to the next due tick of any schedule (re-planned when the graph changes), and
 * at each, every due tick recorded in the store BEFORE its run starts: the store takes a tick once, so a daemon killed
 * and restarted (or a second daemon) never runs it twice. The run is the schedule's target as a `materialize` run.
 */
import type { ScheduleInfo } from "../protocol/automation";
import type { TickStatus } from "../protocol/daemon";
import type { Store } from "../store/store";
import { SerialJob } from "./serialJob";
import { dueTicks, MISSED_REASON, nextDueTick, tickable } from "./tickPlan";

/** Timers wake at least this often, so a clock moved (or a machine woken) is noticed within it. */
const MAX_SLEEP_MS = 60 * 60 * 1000;
const RETRY_MS = 60 * 1000;

export interface TickerDeps {
  /** The warm graph's schedules. */
  schedules(): ScheduleInfo[];
  store: Pick<Store, "recordTick" | "updateTick" | "latestTicks" | "instigatorStates">;
  /** Starts the schedule's run for this tick; resolves when it ended. */
  startRun(schedule: ScheduleInfo, tickAt: number): Promise<{ exitCode: number; runId?: string }>;
  log(line: string): void;
  now?: () => number;
}

export class ScheduleTicker {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** When each schedule was first seen: a schedule never ticked counts its ticks from then, not from the epoch. */
  private readonly firstSeen = new Map<string, number>();
  private readonly running = new Set<Promise<void>>();
  private readonly now: () => number;
  private readonly planning = new SerialJob(() => this.planNow());

  constructor(private readonly deps: TickerDeps) {
    this.now = deps.now ?? Date.now;
  }

  /**
   * Ticks what is due now, then sleeps until the next tick of any schedule. Call again when the graph changes; asked
   * for while it plans, it plans again after. Resolves when planned.
   */
  plan(): Promise<void> {
    return this.planning.run();
  }

  private async planNow(): Promise<void> {
    if (this.stopped) return;
    clearTimeout(this.timer);
    const now = this.now();
    let next: number | undefined;
    try {
      const states = await this.deps.store.instigatorStates();
      // A paused schedule does not tick; resumed, it counts its ticks from then (none missed while paused).
      const schedules = tickable(this.deps.schedules()).filter((schedule) => !states.get(schedule.name)?.paused);
      const latest = await this.deps.store.latestTicks();
      for (const schedule of schedules) {
        if (!this.firstSeen.has(schedule.name)) this.firstSeen.set(schedule.name, now);
        const since = Math.max(
          latest.get(schedule.name)?.tickAt ?? this.firstSeen.get(schedule.name)!,
          states.get(schedule.name)?.updatedAt ?? 0,
        );
        await this.tick(schedule, since, now);
      }
      next = nextDueTick(schedules, now);
    } catch (error) {
      // The store busy past its timeout, say: the daemon keeps serving and tries again.
      this.deps.log(
        `assetline dev: could not tick the schedules (${(error as Error).message}); trying again in a minute.\n`,
      );
      next = now + RETRY_MS;
    }
    if (next === undefined) return;
    this.timer = setTimeout(() => this.plan(), Math.min(next - now, MAX_SLEEP_MS));
  }

  /** Stops planning and waits for the outcomes of the runs it started to be recorded. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.planning.idle();
    await Promise.all(this.running);
  }

  private async tick(schedule: ScheduleInfo, since: number, now: number): Promise<void> {
    const { store } = this.deps;
    const due = dueTicks(schedule, since, now);
    for (const tickAt of due.skipped)
      await store.recordTick({ schedule: schedule.name, tickAt, status: "skipped", reason: MISSED_REASON });
    if (due.run === undefined) return;
    // Recorded by another daemon (or before a restart): not ours to run.
    if (!(await store.recordTick({ schedule: schedule.name, tickAt: due.run, status: "started" }))) return;
    // Tracked, so stop() waits for it; run() logs its own failures.
    void this.track(this.run(schedule, due.run));
  }

  /** A run of `schedule` now (`tickNow`), recorded as its tick at now; resolves with the run's id when it ended. */
  async tickNow(schedule: ScheduleInfo): Promise<string | undefined> {
    const tickAt = this.now();
    await this.deps.store.recordTick({ schedule: schedule.name, tickAt, status: "started" });
    return this.track(this.run(schedule, tickAt));
  }

  private track<T>(run: Promise<T>): Promise<T> {
    const running = run.finally(() => this.running.delete(done));
    const done = running.then(() => undefined);
    this.running.add(done);
    return running;
  }

  private async run(schedule: ScheduleInfo, tickAt: number): Promise<string | undefined> {
    const at = new Date(tickAt).toISOString();
    let status: TickStatus = "failed";
    let runId: string | undefined;
    try {
      const result = await this.deps.startRun(schedule, tickAt);
      status = result.exitCode === 0 ? "succeeded" : "failed";
      runId = result.runId;
    } catch (error) {
      this.deps.log(
        `assetline dev: schedule ${schedule.name}'s ${at} tick could not start: ${(error as Error).message}\n`,
      );
    }
    try {
      await this.deps.store.updateTick(schedule.name, tickAt, { status, ...(runId !== undefined && { runId }) });
    } catch (error) {
      // The tick stays `started`: it is still never run again.
      this.deps.log(
        `assetline dev: could not record schedule ${schedule.name}'s ${at} tick: ${(error as Error).message}\n`,
      );
    }
    this.deps.log(
      `assetline dev: schedule ${schedule.name}'s ${at} tick: run ${runId ?? "(none started)"} ${status}.\n`,
    );
    return runId;
  }
}

/**
 * The `materialize` options of a schedule's run: its job or its selection, the tick's partition if it has one, and the
 * schedule as the run's origin.
 */
export function scheduleRunOptions(schedule: ScheduleInfo, partition: string | undefined): Record<string, string> {
  const target: Record<string, string> = {
    ...("job" in schedule.target ? { job: schedule.target.job } : { select: schedule.target.selection }),
    origin: "schedule",
    instigator: schedule.name,
  };
  return partition === undefined ? target : { ...target, partition };
}
