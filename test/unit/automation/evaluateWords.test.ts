/**
 * The words of single nodes, one tick each: dep conditions over several upstreams, labels, time windows with a
 * lookback, and partition mappings that read another day.
 */
import { describe, expect, it } from "vitest";
import { DailyPartitionsDefinition, MultiPartitionsDefinition, StaticPartitionsDefinition } from "assetline";
import type { AutomationGraph, Condition } from "../../../sdk/src/automation/evaluate";
import type { PartitionsDefinitionData } from "../../../sdk/src/protocol/partitions";
import { expectedAndActual, graphOf, not, type Step } from "./evaluateFixtures";

const missing: Condition = { type: "missing" };
const days = DailyPartitionsDefinition({ startDate: "2026-02-26" }) as PartitionsDefinitionData;

const cases: { name: string; edges: string; condition: Condition; step: Omit<Step, "at"> }[] = [
  {
    name: "allDepsMatch true: every upstream, said once",
    edges: "a->t, b->t",
    condition: { type: "allDepsMatch", condition: missing },
    step: { expect: { t: "will run: every upstream is missing" } },
  },
  {
    name: "allDepsMatch false: the first upstream that does not match",
    edges: "a->t, b->t",
    condition: { type: "allDepsMatch", condition: missing },
    step: { materialize: ["b"], expect: { t: "waits: upstream b is materialized" } },
  },
  {
    name: "anyDepsMatch true: the first upstream that matches",
    edges: "a->t, b->t",
    condition: { type: "anyDepsMatch", condition: missing },
    step: { materialize: ["a"], expect: { t: "will run: upstream b is missing" } },
  },
  {
    name: "anyDepsMatch false: no upstream, in the condition's words",
    edges: "a->t, b->t",
    condition: { type: "anyDepsMatch", condition: missing },
    step: { materialize: ["a", "b"], expect: { t: "waits: no upstream is missing" } },
  },
  {
    name: "anyDepsMatch false with a labelled condition: the label",
    edges: "a->t",
    condition: { type: "anyDepsMatch", condition: { ...missing, label: "gone" } },
    step: { materialize: ["a"], expect: { t: "waits: no upstream matches gone" } },
  },
  {
    name: "an asset without upstreams",
    edges: "a->t",
    condition: { type: "anyDepsMatch", condition: missing },
    step: { expect: { a: "not now: it has no upstream" } },
  },
  {
    name: "and true: its telling operands joined, the quiet ones left out",
    edges: "a->t",
    condition: { type: "and", operands: [missing, not({ type: "inProgress" }), { type: "executionFailed" }] },
    step: { failed: ["t"], expect: { t: "will run: it is missing and it failed in its latest run" } },
  },
  {
    name: "or false: its first operand",
    edges: "a->t",
    condition: { type: "or", operands: [missing, { type: "executionFailed" }] },
    step: { materialize: ["t"], expect: { t: "not now: it is materialized" } },
  },
  {
    name: "not false: what its operand is",
    edges: "a->t",
    condition: not({ type: "inProgress" }),
    step: { running: ["t"], expect: { t: "not now: already in progress" } },
  },
];

describe("the words of each node", () => {
  it.each(cases)("$name", ({ edges, condition, step }) => {
    const target = Object.keys(step.expect)[0]!;
    const { expected, actual } = expectedAndActual(graphOf(edges), { [target]: condition }, [
      { at: "2026-03-01T10:00", ...step },
    ]);
    expect(actual).toEqual(expected);
  });
});

const byDay = MultiPartitionsDefinition({
  date: DailyPartitionsDefinition({ startDate: "2026-02-28" }),
  region: StaticPartitionsDefinition(["eu", "us"]),
}) as PartitionsDefinitionData;
const dayBefore = {
  type: "time-window",
  startOffset: -1,
  endOffset: -1,
  allowNonexistentUpstreamPartitions: true,
} as const;
const IN_LATEST = "will run: it is in the latest time window";

const windows: { name: string; graph: AutomationGraph; target: string; condition: Condition; step: Step }[] = [
  {
    name: "inLatestTimeWindow with a lookback takes every window ending within it",
    graph: graphOf("raw->daily", { raw: days, daily: days }),
    target: "daily",
    condition: { type: "inLatestTimeWindow", lookback: "2d" },
    step: {
      at: "2026-03-02T10:00",
      expect: {
        "daily@2026-03-01": IN_LATEST,
        "daily@2026-02-28": IN_LATEST,
        "daily@2026-02-27": "not now: partition 2026-02-27 is not in the latest time window",
      },
    },
  },
  {
    name: "a multi-partitioned asset is in the latest window by its time dimension",
    graph: graphOf("raw->sales", { sales: byDay }),
    target: "sales",
    condition: { type: "inLatestTimeWindow" },
    step: {
      at: "2026-03-02T10:00",
      expect: {
        "sales@2026-03-01|eu": IN_LATEST,
        "sales@2026-03-01|us": IN_LATEST,
        "sales@2026-02-28|us": "not now: partition 2026-02-28|us is not in the latest time window",
      },
    },
  },
  {
    name: "a dep condition reads the upstream partitions the mapping names (the day before)",
    graph: {
      ...graphOf("raw->daily", { raw: days, daily: days }),
      edges: [{ from: "raw", to: "daily", mapping: dayBefore }],
    },
    target: "daily",
    condition: { type: "anyDepsMatch", condition: missing },
    step: {
      at: "2026-03-02T10:00",
      materialize: ["raw@2026-03-01"],
      expect: {
        "daily@2026-03-01": "will run: upstream raw partition 2026-02-28 is missing",
        "daily@2026-02-26": "waits: no upstream is missing",
      },
    },
  },
];

describe("time windows and mappings", () => {
  it.each(windows)("$name", ({ graph, target, condition, step }) => {
    const { expected, actual } = expectedAndActual(graph, { [target]: condition }, [step]);
    expect(actual).toEqual(expected);
  });
});
