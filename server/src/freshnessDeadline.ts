/**
 * Waits for the next moment a fresh asset turns overdue (its freshness `deadline`), so the statuses are read again
 * then: an idle editor shows the overdue warning when it becomes true, not at the next save or run.
 */
import type { AssetStatus } from "assetline/protocol";

/** Node's timers wait at most 2^31 - 1 ms (about 24.8 days); a later deadline is reached by waiting again. */
const MAX_DELAY_MS = 2 ** 31 - 1;
/** Past the deadline by this much, so the CLI's clock is surely past it too when it reads. */
const MARGIN_MS = 1000;

export class FreshnessDeadline {
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly due: () => void) {}

  /** Replaces any earlier wait by one for the earliest deadline still to come among these statuses. */
  schedule(statuses: Iterable<AssetStatus>, now = Date.now()): void {
    this.clear();
    let next = Number.POSITIVE_INFINITY;
    for (const { freshness } of statuses)
      if (freshness?.state === "fresh" && freshness.deadline !== undefined && freshness.deadline > now)
        next = Math.min(next, freshness.deadline);
    if (next === Number.POSITIVE_INFINITY) return;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.due();
      },
      Math.min(next - now + MARGIN_MS, MAX_DELAY_MS),
    );
    // The connection keeps the server alive; a pending deadline must not keep a closing one.
    this.timer.unref();
  }

  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
