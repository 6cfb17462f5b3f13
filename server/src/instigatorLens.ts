/**
 * Lenses above each `schedule(...)` and each sensor: when it ticks next (or its interval), how its latest tick went,
 * and whether a daemon runs at all; then Tick now and Pause/Resume, which the server carries out over the daemon's
 * socket (instigatorCommands.ts). Times are the user's local clock.
 */
import type { CodeLens } from "vscode-languageserver/node";
import type { AssetGraph, Range, ScheduleInfo, ScheduleTicks, SensorInfo, SensorState, Tick } from "assetline/protocol";
import { nextTick } from "assetline/daemon";
import type { InstigatorStates } from "./instigatorStates";
import { lens } from "./lens";

export const InstigatorCommands = { tickNow: "assetline.tickNow", setPaused: "assetline.setPaused" } as const;

interface Located {
  name: string;
  location: { range: Range };
}

/** The schedules and sensors defined in `file` (of the folder at `root`), each with its lenses. */
export function instigatorPlaces(
  graph: AssetGraph,
  file: string,
  root: string,
  states: InstigatorStates,
  now: number,
): { range: Range; lenses: () => CodeLens[] }[] {
  const here = <T extends { name: string; location?: { file: string; range: Range } }>(list: T[] | undefined) =>
    (list ?? []).filter((item): item is T & Located => item.location?.file === file);
  // Each one's title, and the Tick now and Pause/Resume actions with the arguments the commands take.
  const place = ({ name, location: { range } }: Located, title: string, paused: boolean) => ({
    range,
    lenses: () => [
      lens(range, title, "", []),
      lens(range, "▶ Tick now", InstigatorCommands.tickNow, [{ folder: root, name }]),
      lens(range, paused ? "Resume" : "Pause", InstigatorCommands.setPaused, [{ folder: root, name, paused: !paused }]),
    ],
  });
  return [
    ...here(graph.schedules).map((schedule) => {
      const ticks = states.schedules.find((candidate) => candidate.name === schedule.name);
      return place(schedule, scheduleTitle(schedule, ticks, states.daemon, now), ticks?.paused === true);
    }),
    ...here(graph.sensors).map((sensor) => {
      const state = states.sensors.find((candidate) => candidate.name === sensor.name);
      return place(sensor, sensorTitle(sensor, state, states.daemon, now), state?.paused === true);
    }),
  ];
}

/** `⏱ next 06:00 · last tick ✓ 05:00 (run 1a2b3c4d)`, `⏱ paused · …`, `⏱ next 06:00 · automation off`. */
export function scheduleTitle(
  schedule: ScheduleInfo,
  ticks: ScheduleTicks | undefined,
  daemon: boolean,
  now: number,
): string {
  const next = nextTickOf(schedule, now);
  const when = ticks?.paused ? "paused" : next === undefined ? "no next tick" : `next ${clock(next, now, false)}`;
  const last = ticks?.lastTick;
  const lastWords = last
    ? `last tick ${tickWords(last.status, last.tickAt, now, false)}${last.runId ? ` (run ${last.runId.slice(0, 8)})` : ""}`
    : undefined;
  return title([when, lastWords ?? (daemon ? "no tick yet" : undefined), daemon ? undefined : "automation off"]);
}

/** `⏱ every 30s · last tick ✓ 05:59:30 (2 runs)`, `⏱ every 5m · paused · …`, `⏱ every 30s · automation off`. */
export function sensorTitle(sensor: SensorInfo, state: SensorState | undefined, daemon: boolean, now: number): string {
  const last = state?.lastTick;
  const runs = last?.runIds.length ?? 0;
  const lastWords = last
    ? `last tick ${tickWords(last.status, last.tickAt, now, true)}${runs > 0 ? ` (${runs} run${runs === 1 ? "" : "s"})` : ""}`
    : undefined;
  return title([
    `every ${sensor.minimumInterval}`,
    state?.paused ? "paused" : undefined,
    lastWords ?? (daemon ? "no tick yet" : undefined),
    daemon ? undefined : "automation off",
  ]);
}

function title(parts: (string | undefined)[]): string {
  return `⏱ ${parts.filter(Boolean).join(" · ")}`;
}

/** A cron the analyzer could not read has its diagnostic; its lens only says it never ticks. */
function nextTickOf(schedule: ScheduleInfo, now: number): number | undefined {
  try {
    return nextTick(schedule.cron, schedule.timezone, now);
  } catch {
    return undefined;
  }
}

const TICK_MARKS: Record<Tick["status"], string> = { succeeded: "✓", failed: "✗", skipped: "skipped", started: "▶" };

function tickWords(status: Tick["status"], at: number, now: number, seconds: boolean): string {
  return `${TICK_MARKS[status]} ${clock(at, now, seconds)}`;
}

/** `06:00` (`05:59:30` with seconds) in the local zone; another day than today's is named: `Dec 8 06:00`. */
export function clock(at: number, now: number, seconds: boolean): string {
  const date = new Date(at);
  const pad = (n: number) => String(n).padStart(2, "0");
  const time = [date.getHours(), date.getMinutes(), ...(seconds ? [date.getSeconds()] : [])].map(pad).join(":");
  if (date.toDateString() === new Date(now).toDateString()) return time;
  return `${date.toLocaleDateString("en-US", { month: "short", day: "numeric" })} ${time}`;
}
