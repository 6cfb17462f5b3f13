/**
 * The state the daemon stores between ticks: plain JSON that gives the same answers as the objects it came from, and
 * that starts a changed condition afresh.
 */
import { describe, expect, it } from "vitest";
import type { Condition } from "../../../sdk/src/automation/evaluate";
import { eager, expectedAndActual, graphOf, onCron, runTicks, type Step } from "./evaluateFixtures";

const steps: Step[] = [
  { at: "2026-03-01T05:00", materialize: ["raw"], expect: {} },
  { at: "2026-03-01T06:05", expect: {} },
  { at: "2026-03-01T06:10", materialize: ["raw"], running: ["raw"], expect: {} },
  { at: "2026-03-01T06:15", materialize: ["clean"], expect: {} },
  { at: "2026-03-01T06:20", materialize: ["raw"], expect: {} },
];
const graph = graphOf("raw->clean, clean->report");
const conditions = { clean: eager(), report: onCron("0 6 * * *") };

describe("automation state", () => {
  it("round-trips through JSON without changing a single answer", () => {
    const throughJson = runTicks(graph, conditions, steps);
    const objects = runTicks(graph, conditions, steps, true);
    expect(throughJson.reasons).toEqual(objects.reasons);
    for (const state of objects.states) expect(JSON.parse(JSON.stringify(state))).toStrictEqual(state);
  });

  it("keeps per node what since and newlyTrue need, and what was requested", () => {
    const { states } = runTicks(graph, conditions, steps.slice(0, 1));
    const { evaluatedAt, assets } = states[0]!;
    expect(evaluatedAt).toBe(Date.parse("2026-03-01T05:00Z"));
    expect(assets.clean!.requested).toEqual([""]);
    expect(Object.entries(assets.clean!.since)).toEqual([
      [
        expect.stringMatching(/^0\.1:since:[0-9a-f]{8}$/),
        { "": { on: true, trigger: { subject: "it", predicate: "is missing" } } },
      ],
    ]);
    expect(Object.entries(assets.clean!.newlyTrue)).toEqual([[expect.stringMatching(/^0\.1\.0\.0:newlyTrue:/), [""]]]);
    expect(assets.report).toEqual({ requested: [], since: {}, newlyTrue: {} });
  });

  it("starts a node afresh when its condition changed, as Dagster keys a node's state by the node", () => {
    const failedSince = (reset: Condition): Condition => ({
      type: "since",
      trigger: { type: "executionFailed" },
      reset,
    });
    const { expected, actual } = expectedAndActual(graph, { clean: failedSince({ type: "newlyUpdated" }) }, [
      { at: "2026-03-01T10:00", failed: ["clean"], expect: { clean: "will run: it failed in its latest run" } },
      { at: "2026-03-01T10:05", expect: { clean: "will run: it failed in its latest run" } },
      {
        at: "2026-03-01T10:10",
        conditions: { clean: failedSince({ type: "codeVersionChanged" }) },
        expect: { clean: "not now: nothing changed yet" },
      },
    ]);
    expect(actual).toEqual(expected);
  });
});
