/** How the editor reads what the CLI prints for machines: version first, then the declared shape. */
import { describe, expect, it } from "vitest";
import { protocolMismatchMessage, readCliOutput, RunsOutputSchema, PROTOCOL_VERSION } from "../../../sdk/src/protocol";

const run = { id: "r1", status: "success", startedAt: 1, endedAt: 2, selection: "*", origin: "cli" };

describe("reading a machine output", () => {
  it("reads its own version's output, with exactly the declared fields", () => {
    const text = JSON.stringify({ protocolVersion: PROTOCOL_VERSION, runs: [{ ...run, extra: true }] });
    expect(readCliOutput(RunsOutputSchema, text)).toEqual({ ok: true, value: { runs: [run] } });
  });

  it("tells an old or newer output from a broken one", () => {
    // Before versioning, `runs --json` printed a bare list.
    expect(readCliOutput(RunsOutputSchema, JSON.stringify([run]))).toEqual({
      ok: false,
      mismatch: { found: undefined },
    });
    expect(readCliOutput(RunsOutputSchema, JSON.stringify({ protocolVersion: 7, runs: "soon" }))).toEqual({
      ok: false,
      mismatch: { found: 7 },
    });
    const wrong = readCliOutput(
      RunsOutputSchema,
      JSON.stringify({ protocolVersion: PROTOCOL_VERSION, runs: [{ ...run, endedAt: "2" }] }),
    );
    expect(wrong).toMatchObject({ ok: false, error: expect.stringContaining("runs.0.endedAt") });
    const cut = readCliOutput(RunsOutputSchema, `{"protocolVersion":${PROTOCOL_VERSION},"runs":[{"id":"r`);
    expect(cut).toMatchObject({ ok: false, error: expect.stringMatching(/^not JSON/) });
  });

  it("names both versions and the way to align them, whichever side is behind", () => {
    const facts = { command: "assetline status --json", root: "/ws", cliVersion: "0.0.9", editorVersion: "0.1.0" };
    const old = protocolMismatchMessage({ ...facts, found: undefined });
    expect(old).toContain("assetline 0.0.9 prints no protocol version");
    expect(old).toContain(`this editor reads version ${PROTOCOL_VERSION}`);
    expect(old).toContain("run `npm install assetline@0.1.0` in /ws");
    const newer = protocolMismatchMessage({ ...facts, cliVersion: "9.0.0", found: PROTOCOL_VERSION + 1 });
    expect(newer).toContain(`speaks protocol version ${PROTOCOL_VERSION + 1}`);
    expect(newer).toContain("Update the Assetline extension");
  });
});
