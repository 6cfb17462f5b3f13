/**
 * When the server reads the statuses again on its own: just after the earliest deadline still to come of a fresh
 * asset, once, and never for overdue or unknown ones (nothing time alone changes about them). One wait at a time.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AssetStatus, FreshnessStatus } from "../../../sdk/src/protocol";
import { FreshnessDeadline } from "../../../server/src/freshnessDeadline";

const NOW = 1_000_000;
const policy = { maximumLag: "1h", maximumLagMs: 3_600_000 };

const status = (key: string, freshness?: Omit<FreshnessStatus, "policy" | "reason">): AssetStatus => ({
  key,
  state: "fresh",
  reasons: [],
  lastMaterialization: null,
  ...(freshness && { freshness: { policy, reason: "", ...freshness } }),
});

describe("the freshness deadline timer", () => {
  let reads: number;
  let deadline: FreshnessDeadline;

  beforeEach(() => {
    vi.useFakeTimers({ now: NOW });
    reads = 0;
    deadline = new FreshnessDeadline(() => reads++);
  });
  afterEach(() => {
    deadline.clear();
    vi.useRealTimers();
  });

  it.each<[string, AssetStatus[], number | null]>([
    ["no policy", [status("a")], null],
    ["a fresh asset due in 5 s: a second after", [status("a", { state: "fresh", deadline: NOW + 5000 })], 6000],
    [
      "the earliest of two",
      [status("a", { state: "fresh", deadline: NOW + 9000 }), status("b", { state: "fresh", deadline: NOW + 2000 })],
      3000,
    ],
    ["an overdue asset: its deadline has passed", [status("a", { state: "overdue", deadline: NOW - 5000 })], null],
    ["never materialized", [status("a", { state: "unknown" })], null],
    ["a fresh one whose deadline the read already passed", [status("a", { state: "fresh", deadline: NOW - 1 })], null],
    ["a cron that never ticks again", [status("a", { state: "fresh" })], null],
  ])("%s", (_, statuses, readAfterMs) => {
    deadline.schedule(statuses);
    if (readAfterMs === null) {
      expect(vi.getTimerCount()).toBe(0);
      return;
    }
    vi.advanceTimersByTime(readAfterMs - 1);
    expect(reads).toBe(0);
    vi.advanceTimersByTime(1);
    expect(reads).toBe(1);
    vi.advanceTimersByTime(10 * 86_400_000);
    expect(reads).toBe(1);
  });

  it("keeps one wait: a new read replaces the old deadline, and clearing leaves none", () => {
    deadline.schedule([status("a", { state: "fresh", deadline: NOW + 2000 })]);
    deadline.schedule([status("a", { state: "fresh", deadline: NOW + 60_000 })]);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(10_000);
    expect(reads).toBe(0);
    deadline.clear();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("waits in steps Node's timers can hold for a deadline months away", () => {
    deadline.schedule([status("a", { state: "fresh", deadline: NOW + 90 * 86_400_000 })]);
    vi.advanceTimersByTime(2 ** 31 - 1);
    // Woken early: the read that follows schedules the rest of the wait.
    expect(reads).toBe(1);
  });
});
