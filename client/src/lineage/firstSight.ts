/**
 * Each run event once: while a daemon runs, the editor's own runs go through it, so their events arrive twice (the
 * CLI's output and the daemon's notification); a repeat, late, would show a finished step running again.
 */
import type { RunEvent } from "assetline/protocol";

/** Enough for every event of the runs going on at once; the oldest are forgotten first. */
const REMEMBERED = 4096;

export class FirstSight {
  private readonly seen = new Set<string>();

  /** Whether this event (the same run, type, step and time) is new. */
  isNew(event: RunEvent): boolean {
    const id = JSON.stringify(event);
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    if (this.seen.size > REMEMBERED) this.seen.delete(this.seen.values().next().value!);
    return true;
  }
}
