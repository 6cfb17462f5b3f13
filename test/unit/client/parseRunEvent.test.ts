import { PROTOCOL_VERSION } from "assetline/protocol";
import { describe, expect, it } from "vitest";
import { parseRunEvent } from "../../../client/src/run/parseRunEvent";

const event = { type: "step_started", runId: "r1", stepId: "s1", assets: ["orders_raw"], attempt: 1, timestamp: 5 };
const line = (fields: object) => JSON.stringify({ protocolVersion: PROTOCOL_VERSION, ...fields });

describe("parseRunEvent", () => {
  it("reads a protocol event from its versioned JSON line, without the version", () => {
    expect(parseRunEvent(line(event))).toEqual({ kind: "event", event });
  });

  it("passes on lines that are not the CLI's, so a stray print cannot break the stream", () => {
    for (const text of ["Loading orders...", "{ not json", '{"type": "custom", "n": 1}', "", '{"type":"log"}'])
      expect(parseRunEvent(text), text).toEqual({ kind: "output" });
  });

  it("tells an event of another or no protocol version from a print", () => {
    expect(parseRunEvent(JSON.stringify(event))).toEqual({ kind: "mismatch", found: undefined });
    expect(parseRunEvent(line({ ...event, protocolVersion: PROTOCOL_VERSION + 1 }))).toEqual({
      kind: "mismatch",
      found: PROTOCOL_VERSION + 1,
    });
  });

  it("reports a line cut short or of the wrong shape, naming the field", () => {
    expect(parseRunEvent(line(event).slice(0, 30))).toMatchObject({ kind: "malformed", error: /^not JSON/ });
    const wrong = parseRunEvent(line({ ...event, assets: "orders_raw" }));
    expect(wrong).toMatchObject({ kind: "malformed", error: /assets/ });
    const unknown = parseRunEvent(line({ type: "unknown_event", runId: "r1" }));
    expect(unknown).toMatchObject({ kind: "malformed", error: /type/ });
  });
});
