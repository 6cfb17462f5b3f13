/**
 * Each run event once: while a daemon runs, the editor's own runs go through it, so their events arrive twice (the
 * CLI's output and the daemon's notification); a repeat, late, would show a finished step running again.
 */
import type { RunEvent } from "assetline/protocol";

/** Enough for every event of the runs going on at once; the oldest are forgotten first. */
const REMEMBERED = 4096;

export class FirstSight {
  private readonly seen = new Set<string>();

  /** Whether this event (the same run, type, step, time and content) is new. */
  isNew(event: RunEvent): boolean {
    const id = canonical(event);
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    if (this.seen.size > REMEMBERED) this.seen.delete(this.seen.values().next().value!);
    return true;
  }
}

/** JSON with every object's keys in order: the two sources may write an event's keys in different orders. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  const entries = Object.entries(value).filter(([, item]) => item !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(",")}}`;
}
