import type { RunEvent } from "assetline/protocol";
import { describe, expect, it } from "vitest";
import { FirstSight } from "../../../client/src/lineage/firstSight";

const started: RunEvent = {
  type: "step_started",
  runId: "r1",
  stepId: "s1",
  assets: ["clean"],
  timestamp: 1000,
  attempt: 1,
};

describe("the lineage's run events while a daemon runs the editor's runs", () => {
  it("shows an event once when it arrives from the CLI and from the daemon, whatever its keys' order", () => {
    const seen = new FirstSight();
    const reordered = Object.fromEntries(Object.entries(started).reverse()) as RunEvent;
    expect([seen.isNew(started), seen.isNew(reordered)]).toEqual([true, false]);
  });

  it("shows every distinct event: the next step, the next attempt", () => {
    const seen = new FirstSight();
    const events: RunEvent[] = [
      started,
      { ...started, attempt: 2, timestamp: 1001 },
      { type: "step_succeeded", runId: "r1", stepId: "s1", assets: ["clean"], timestamp: 1002, durationMs: 2 },
    ];
    expect(events.map((event) => seen.isNew(event))).toEqual([true, true, true]);
  });
});
