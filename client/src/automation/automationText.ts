/** The automation status bar item's words, and each schedule's line in its menu, from the daemon's state. */
import type { ScheduleTicks, TickStatus } from "assetline/protocol";
import { type DaemonState, nextTick } from "./daemonLink";

export interface AutomationText {
  text: string;
  tooltip: string;
}

const pad = (n: number) => String(n).padStart(2, "0");
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `06:00` on the day of `now`, `Dec 8 06:00` on another, in the editor's local time. */
export function clock(at: number, now: number): string {
  const date = new Date(at);
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  return date.toDateString() === new Date(now).toDateString()
    ? time
    : `${MONTHS[date.getMonth()]} ${date.getDate()} ${time}`;
}

export function automationText(state: DaemonState | undefined, folder: string, now: number): AutomationText {
  const click = "Click to start or stop it and see the schedules.";
  if (state === undefined)
    return {
      text: "$(circle-slash) Automation off",
      tooltip: `Assetline: no daemon (assetline dev) runs for ${folder}, so schedules, sensors and automation conditions do not tick. ${click}`,
    };
  const next = nextTick(state.schedules);
  return {
    text: `$(sync) Automation on${next === undefined ? "" : ` · next ${clock(next, now)}`}`,
    tooltip: `Assetline: assetline dev (pid ${state.info.pid}) runs schedules, sensors and automation conditions for ${folder}. ${click}`,
  };
}

const TICK_MARKS: Record<TickStatus, string> = { started: "⟳", succeeded: "✓", failed: "✖", skipped: "↷" };

/** `next 06:00 · last tick ✓ 05:00 (run 1a2b3c4d)`, or `paused`. */
export function scheduleLine(schedule: ScheduleTicks, now: number): string {
  const next = schedule.paused
    ? "paused"
    : schedule.nextTick === undefined
      ? "no next tick"
      : `next ${clock(schedule.nextTick, now)}`;
  const last = schedule.lastTick;
  if (last === undefined) return next;
  const run = last.runId ? ` (run ${last.runId.slice(0, 8)})` : last.reason ? ` (${last.reason})` : "";
  return `${next} · last tick ${TICK_MARKS[last.status]} ${clock(last.tickAt, now)}${run}`;
}
