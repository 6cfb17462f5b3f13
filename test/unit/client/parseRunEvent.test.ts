import { describe, expect, it } from "vitest";
import { parseRunEvent } from "../../../client/src/run/parseRunEvent";

describe("parseRunEvent", () => {
  it("reads a protocol event from its JSON line", () => {
    const line = JSON.stringify({
      type: "step_started",
      runId: "r1",
      stepId: "s1",
      assets: ["orders_raw"],
      attempt: 1,
      timestamp: 5,
    });
    expect(parseRunEvent(line)).toEqual({
      type: "step_started",
      runId: "r1",
      stepId: "s1",
      assets: ["orders_raw"],
      attempt: 1,
      timestamp: 5,
    });
  });

  it("ignores lines that are not events, so a stray print cannot break the stream", () => {
    expect(parseRunEvent("Loading orders...")).toBeUndefined();
    expect(parseRunEvent("{ not json")).toBeUndefined();
    expect(parseRunEvent(JSON.stringify({ type: "unknown_event", runId: "r1" }))).toBeUndefined();
    expect(parseRunEvent(JSON.stringify({ type: "log" }))).toBeUndefined();
    expect(parseRunEvent("")).toBeUndefined();
  });
});
