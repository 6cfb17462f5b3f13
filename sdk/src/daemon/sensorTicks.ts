/**
 * The daemon's sensor ticks: each sensor every `minimumInterval` (counted from its latest recorded tick, so a restart
 * keeps the rhythm), never two of its ticks at once, none while paused. A tick is recorded `started`, then its outcome:
 * the function's requests (run in a run process, sensorProcess.ts), or for an asset or run-status sensor the store's
 * new events after its cursor first (without a function, one request per event and no process). The requests, the new cursor and the run keys they claim commit together; only
 * requests with new run keys start runs. Errors and timeouts are the tick's, never the daemon's.
 */
import type { SensorInfo } from "../protocol/automation";
import type { SensorTick } from "../protocol/daemonInstigators";
import type { RunRequestData, SensorTickInput, SensorTickOutput } from "../protocol/sensorTick";
import { type InstigatorState, type NewSensorTick, skipReasonOf } from "../store/instigatorTables";
import type { Store } from "../store/store";
import { type EventStore, sensorEvents } from "./sensorEvents";

const RETRY_MS = 60 * 1000;

type Claimed = { runKey: string; runId: string };

type PlanFacts =
  | { states: ReadonlyMap<string, InstigatorState>; ticks: ReadonlyMap<string, SensorTick> }
  | { error: Error };

/** What the sensor loop, pause and tick-now use of the store. */
export type InstigatorStore = Pick<
  Store,
  "instigatorStates" | "latestSensorTicks" | "recordSensorTick" | "commitSensorEvaluation" | "setPaused"
> &
  EventStore;

export interface SensorTickerDeps {
  /** The warm graph's sensors. */
  sensors(): SensorInfo[];
  store: InstigatorStore;
  /** Runs the sensor's function in its own process (time-limited); aborted when the daemon stops. */
  evaluate(name: string, input: SensorTickInput, signal: AbortSignal): Promise<SensorTickOutput>;
  /** Starts a run; resolves with its id once it started (undefined: it did not start). */
  startRun(ticket: string, options: Record<string, string>): Promise<string | undefined>;
  log(line: string): void;
  now?: () => number;
}

export class SensorTicker {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** When each sensor's timer fires: the `sensors` answer's next tick. */
  private readonly due = new Map<string, number>();
  private readonly ticking = new Map<string, Promise<SensorTick>>();
  private readonly stopping = new AbortController();
  private readonly now: () => number;

  constructor(private readonly deps: SensorTickerDeps) {
    this.now = deps.now ?? Date.now;
  }

  /**
   * Sets each sensor's timer to its next tick. Call again when the graph changes or a sensor is paused or resumed;
   * resolves when the timers are set.
   */
  async plan(): Promise<void> {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.due.clear();
    const known = await this.readTicks();
    for (const sensor of this.deps.sensors()) this.setTimer(sensor.name, known);
  }

  /** The time each unpaused sensor ticks next. */
  nextTicks(): ReadonlyMap<string, number> {
    return this.due;
  }

  /** A tick of `name` now, after the one running if there is one; resolves with its recorded outcome. */
  async tickNow(name: string): Promise<SensorTick> {
    await this.ticking.get(name);
    const sensor = this.deps.sensors().find((candidate) => candidate.name === name);
    if (sensor === undefined) throw new Error(`the workspace has no sensor named "${name}".`);
    clearTimeout(this.timers.get(name));
    return this.tick(sensor);
  }

  /** No more ticks; a running function is killed (its tick failed) and the outcomes are recorded before it resolves. */
  async stop(): Promise<void> {
    this.stopping.abort();
    for (const timer of this.timers.values()) clearTimeout(timer);
    await Promise.all(this.ticking.values());
  }

  /** The sensors' pause states and latest ticks, or why the store could not say. */
  private async readTicks(): Promise<PlanFacts> {
    try {
      const { store } = this.deps;
      const [states, ticks] = await Promise.all([store.instigatorStates(), store.latestSensorTicks()]);
      return { states, ticks };
    } catch (error) {
      return { error: error as Error };
    }
  }

  private async planSensor(name: string): Promise<void> {
    this.setTimer(name, await this.readTicks());
  }

  /** The sensor's one timer, to its next tick by what the store said (set synchronously: timers never double). */
  private setTimer(name: string, known: PlanFacts): void {
    clearTimeout(this.timers.get(name));
    this.timers.delete(name);
    this.due.delete(name);
    if (this.stopping.signal.aborted || this.ticking.has(name)) return;
    const sensor = this.deps.sensors().find((candidate) => candidate.name === name);
    if (sensor === undefined) return;
    const now = this.now();
    let at: number;
    if ("error" in known) {
      // The store busy past its timeout, say: try again later.
      this.deps.log(`assetline dev: could not plan sensor ${name} (${known.error.message}); retrying.\n`);
      at = now + RETRY_MS;
    } else {
      if (known.states.get(name)?.paused) return;
      const last = known.ticks.get(name)?.tickAt;
      at = last === undefined ? now : Math.max(now, last + sensor.minimumIntervalMs);
    }
    this.due.set(name, at);
    this.timers.set(
      name,
      setTimeout(() => {
        const current = this.deps.sensors().find((candidate) => candidate.name === name);
        if (current !== undefined) void this.tick(current);
      }, at - now),
    );
  }

  private tick(sensor: SensorInfo): Promise<SensorTick> {
    const { name } = sensor;
    this.due.delete(name);
    const running = (async () => {
      try {
        return await this.evaluateTick(sensor);
      } finally {
        this.ticking.delete(name);
        await this.planSensor(name);
      }
    })();
    this.ticking.set(name, running);
    return running;
  }

  private async evaluateTick(sensor: SensorInfo): Promise<SensorTick> {
    const { store } = this.deps;
    const { name } = sensor;
    const tickAt = this.now();
    let tick: NewSensorTick = { sensor: name, tickAt, status: "failed", runIds: [] };
    let claimed: Claimed[] = [];
    try {
      const cursor = (await store.instigatorStates()).get(name)?.cursor;
      const lastTickAt = (await store.latestSensorTicks()).get(name)?.tickAt;
      tick = { ...tick, ...(cursor !== undefined && { cursor }) };
      await store.recordSensorTick({ ...tick, status: "started" });
      const outcome = await this.outcome(sensor, cursor, lastTickAt, tickAt);
      if (outcome.error !== undefined) tick = { ...tick, status: "failed", error: outcome.error };
      else [tick, claimed] = await this.request(sensor, tick, outcome);
    } catch (error) {
      tick = { ...tick, status: "failed", error: (error as Error).message };
    }
    try {
      await store.recordSensorTick(tick, claimed);
    } catch (error) {
      this.deps.log(`assetline dev: could not record sensor ${name}'s tick: ${(error as Error).message}\n`);
    }
    this.deps.log(`assetline dev: sensor ${name}: ${describeTick(tick)}\n`);
    return { ...tick, recordedAt: this.now() };
  }

  /**
   * What the tick asks for: the function's answer, after the store's new events for an asset or run-status sensor
   * (one request per event, keyed by it, when that sensor has no function).
   */
  private async outcome(
    sensor: SensorInfo,
    cursor: string | undefined,
    lastTickAt: number | undefined,
    now: number,
  ): Promise<SensorTickOutput> {
    const input: SensorTickInput = {
      ...(cursor !== undefined && { cursor }),
      ...(lastTickAt !== undefined && { lastTickAt }),
    };
    if (sensor.kind === "sensor") return this.deps.evaluate(sensor.name, input, this.stopping.signal);
    const events = await sensorEvents(sensor, cursor, this.deps.store, now);
    if (events.kind === "start" || events.none !== undefined)
      return { requests: [], skipReason: events.kind === "start" ? events.reason : events.none, cursor: events.cursor };
    // Without a function the daemon requests the target once per event itself: no user code, so no run process.
    if (sensor.hasFunction === false)
      return { requests: events.runKeys.map((runKey) => ({ runKey })), cursor: events.cursor };
    const { materializations, runs } = events;
    const output = await this.deps.evaluate(
      sensor.name,
      { ...input, ...(materializations && { materializations }), ...(runs && { runs }) },
      this.stopping.signal,
    );
    // The daemon keeps these sensors' cursors: the function sees it, and its own is not kept.
    return output.error !== undefined ? output : { ...output, cursor: events.cursor };
  }

  /** Commits the evaluation (cursor, run keys) and starts the runs whose run key is new; the tick and its run keys. */
  private async request(
    sensor: SensorInfo,
    tick: NewSensorTick,
    outcome: SensorTickOutput,
  ): Promise<[NewSensorTick, Claimed[]]> {
    const untargeted = outcome.requests.some((request) => request.selection === undefined) && !sensor.target;
    if (untargeted) {
      const error = `sensor "${sensor.name}" requested a run but has no job: give it a \`job\`, or give the RunRequest a \`selection\`.`;
      return [{ ...tick, status: "failed", error }, []];
    }
    const fresh = await this.deps.store.commitSensorEvaluation({
      sensor: sensor.name,
      tickAt: tick.tickAt,
      cursor: outcome.cursor,
      requests: outcome.requests,
      ...(outcome.skipReason !== undefined && { skipReason: outcome.skipReason }),
    });
    const cursor = outcome.cursor ?? tick.cursor;
    const settled = { ...tick, ...(cursor !== undefined && { cursor }) };
    if (fresh.length === 0)
      return [{ ...settled, status: "skipped", reason: skipReasonOf(outcome.requests, outcome.skipReason) }, []];
    const runIds = await Promise.all(
      fresh.map((request, i) =>
        this.deps.startRun(`sensor:${sensor.name}:${tick.tickAt}:${i}`, sensorRunOptions(sensor, request)),
      ),
    );
    const started = runIds.filter((runId): runId is string => runId !== undefined);
    const claimed = fresh.flatMap((request, i) =>
      request.runKey !== undefined && runIds[i] !== undefined ? [{ runKey: request.runKey, runId: runIds[i] }] : [],
    );
    const result: NewSensorTick = {
      ...settled,
      status: started.length === fresh.length ? "succeeded" : "failed",
      runIds: started,
      ...(started.length < fresh.length && {
        error: `${fresh.length - started.length} of its ${fresh.length} runs did not start: the daemon's output says why.`,
      }),
    };
    return [result, claimed];
  }
}

/**
 * The `materialize` options of a sensor's run: the request's selection or the sensor's target, its partition and
 * config, and the sensor as the run's origin.
 */
export function sensorRunOptions(sensor: SensorInfo, request: RunRequestData): Record<string, string> {
  const target: Record<string, string> =
    request.selection !== undefined
      ? { select: request.selection }
      : sensor.target !== undefined && "job" in sensor.target
        ? { job: sensor.target.job }
        : { select: sensor.target!.selection };
  return {
    ...target,
    origin: "sensor",
    instigator: sensor.name,
    ...(request.partitionKey !== undefined && { partition: request.partitionKey }),
    ...(request.config !== undefined && { "config-json": JSON.stringify(request.config) }),
  };
}

function describeTick(tick: NewSensorTick): string {
  if (tick.status === "failed") return `failed: ${tick.error}`;
  if (tick.status === "skipped") return `skipped${tick.reason ? `: ${tick.reason}` : ""}`;
  return `requested ${tick.runIds.length} run${tick.runIds.length === 1 ? "" : "s"} (${tick.runIds.join(", ")})`;
}
