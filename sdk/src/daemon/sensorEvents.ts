/**
 * What an asset or run-status sensor reacts to, read from the store after its cursor: the daemon's part of their tick
 * (no user code). Each starts watching from its first tick on: the history before it fires nothing.
 */
import type { SensorInfo } from "../protocol/automation";
import type { RunSummary } from "../protocol";
import type { FinishedRunData, MaterializationEventData } from "../protocol/sensorTick";
import type { Store } from "../store/store";

/** At most this many events per tick: the rest are the next tick's. */
export const EVENTS_PER_TICK = 100;

export type EventStore = Pick<Store, "newestMaterializationId" | "materializationsAfter" | "finishedRunsAfter">;

export type SensorEvents =
  /** The first tick: where it starts watching; nothing fires. */
  | { kind: "start"; cursor: string; reason: string }
  | {
      kind: "events";
      /** After the events it read (unchanged when none). */
      cursor: string;
      materializations?: MaterializationEventData[];
      runs?: FinishedRunData[];
      /** One per event, in order, never reused by the store: a function-less sensor's run key for it. */
      runKeys: string[];
      /** Why nothing fires, when no event matched. */
      none?: string;
    };

export function sensorEvents(
  sensor: SensorInfo,
  cursor: string | undefined,
  store: EventStore,
  now: number,
): Promise<SensorEvents> {
  return sensor.kind === "asset" ? assetEvents(sensor.asset!, cursor, store) : runEvents(sensor, cursor, store, now);
}

/** Cursor: the newest materialization id of the asset it saw. */
async function assetEvents(asset: string, cursor: string | undefined, store: EventStore): Promise<SensorEvents> {
  if (cursor === undefined || !/^\d+$/.test(cursor))
    return {
      kind: "start",
      cursor: String(await store.newestMaterializationId(asset)),
      reason: `watching new materializations of ${asset} from now on`,
    };
  const read = await store.materializationsAfter(asset, Number(cursor), EVENTS_PER_TICK);
  return {
    kind: "events",
    cursor: read.length === 0 ? cursor : String(read.at(-1)!.id),
    materializations: read.map(({ materialization: { key, partition, runId, timestamp } }) => ({
      key,
      ...(partition !== undefined && { partition }),
      runId,
      timestamp,
    })),
    runKeys: read.map(({ id }) => `materialization:${id}`),
    ...(read.length === 0 && { none: `no new materialization of ${asset}` }),
  };
}

/** Cursor: `<end time>/<run id>` of the newest finished run it saw. */
async function runEvents(
  sensor: SensorInfo,
  cursor: string | undefined,
  store: EventStore,
  now: number,
): Promise<SensorEvents> {
  const at = cursor?.match(/^(\d+)\/(.*)$/);
  if (!at) return { kind: "start", cursor: `${now}/`, reason: "watching runs that finish from now on" };
  const read = await store.finishedRunsAfter({ endedAt: Number(at[1]), id: at[2]! }, EVENTS_PER_TICK);
  const last = read.at(-1);
  const status = sensor.status ?? "success";
  const runs = read
    .filter((run) => (run.status === "success" ? "success" : "failure") === status)
    .map((run) => ({ run, job: jobOf(run) }))
    .filter(
      ({ job }) => sensor.monitoredJobs === undefined || (job !== undefined && sensor.monitoredJobs.includes(job)),
    )
    .map(({ run, job }) => ({
      runId: run.id,
      status,
      ...(job !== undefined && { job }),
      startedAt: run.startedAt,
      finishedAt: run.endedAt!,
    }));
  return {
    kind: "events",
    cursor: last === undefined ? cursor! : `${last.endedAt}/${last.id}`,
    runs,
    runKeys: runs.map(({ runId }) => `run:${runId}`),
    ...(runs.length === 0 && { none: `no run finished with status ${status}` }),
  };
}

/** A job run's selection reads `job <name> (<its selection>)` (run/chooseAssets.ts). */
function jobOf(run: RunSummary): string | undefined {
  return run.selection.match(/^job (\S+) \(/)?.[1];
}
