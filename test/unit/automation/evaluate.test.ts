/**
 * The automation evaluator over several ticks, scenario by scenario: what each asset does at each tick and the words
 * it gives, as a user reads them in the daemon's log.
 */
import { describe, expect, it } from "vitest";
import type { Condition } from "../../../sdk/src/automation/evaluate";
import {
  anyDepsMissing,
  eager,
  expectedAndActual,
  graphOf,
  not,
  onCron,
  onMissing,
  since,
  type Step,
  without,
} from "./evaluateFixtures";

interface Scenario {
  name: string;
  edges: string;
  conditions: Record<string, Condition>;
  steps: Step[];
}

const NOTHING_CHANGED = "not now: nothing changed since the last request";

const scenarios: Scenario[] = [
  {
    name: "eager runs once per upstream update, then not until the next one",
    edges: "orders_raw->orders, customers->orders",
    conditions: { orders: eager() },
    steps: [
      {
        at: "2026-03-01T10:00",
        materialize: ["orders_raw", "customers", "orders"],
        expect: { orders: "not now: nothing changed yet" },
      },
      {
        at: "2026-03-01T10:05",
        materialize: ["orders"],
        expect: { orders: "not now: nothing changed since this asset's last materialization" },
      },
      {
        at: "2026-03-01T10:10",
        materialize: ["orders_raw"],
        expect: { orders: "will run: upstream orders_raw was updated since this asset's last materialization" },
      },
      { at: "2026-03-01T10:15", running: ["orders"], expect: { orders: NOTHING_CHANGED } },
      {
        at: "2026-03-01T10:20",
        materialize: ["orders"],
        expect: { orders: "not now: nothing changed since this asset's last materialization" },
      },
      {
        at: "2026-03-01T10:25",
        materialize: ["customers"],
        expect: { orders: "will run: upstream customers was updated since this asset's last materialization" },
      },
      { at: "2026-03-01T10:30", expect: { orders: NOTHING_CHANGED } },
    ],
  },
  {
    name: "eager waits while an upstream is missing or in progress, and while it runs itself",
    edges: "orders_raw->orders, customers->orders",
    conditions: { orders: eager() },
    steps: [
      {
        at: "2026-03-01T10:00",
        materialize: ["orders_raw"],
        expect: { orders: "waits: upstream customers is missing" },
      },
      { at: "2026-03-01T10:05", running: ["customers"], expect: { orders: "waits: upstream customers is missing" } },
      {
        at: "2026-03-01T10:10",
        materialize: ["customers"],
        running: ["orders_raw"],
        expect: { orders: "waits: upstream orders_raw is in progress" },
      },
      { at: "2026-03-01T10:15", running: ["orders"], expect: { orders: "not now: already in progress" } },
      { at: "2026-03-01T10:20", expect: { orders: "will run: upstream customers was updated" } },
      { at: "2026-03-01T10:25", materialize: ["orders"], expect: { orders: NOTHING_CHANGED } },
    ],
  },
  {
    name: "eager downstream of an eager asset runs in the same tick (willBeRequested)",
    edges: "raw->clean, clean->report",
    conditions: { clean: eager(), report: eager() },
    steps: [
      {
        at: "2026-03-01T10:00",
        materialize: ["raw", "clean", "report"],
        expect: { clean: "not now: nothing changed yet", report: "not now: nothing changed yet" },
      },
      {
        at: "2026-03-01T10:05",
        materialize: ["raw"],
        expect: { clean: "will run: upstream raw was updated", report: "will run: upstream clean will be requested" },
      },
      { at: "2026-03-01T10:10", expect: { clean: NOTHING_CHANGED, report: NOTHING_CHANGED } },
    ],
  },
  {
    name: "eager on a missing asset runs on the first tick, as Dagster's newly missing",
    edges: "raw->clean",
    conditions: { clean: eager() },
    steps: [
      { at: "2026-03-01T10:00", materialize: ["raw"], expect: { clean: "will run: it is missing" } },
      { at: "2026-03-01T10:05", expect: { clean: NOTHING_CHANGED } },
    ],
  },
  {
    name: "onCron runs once per tick, after every upstream updated since it",
    edges: "orders_raw->orders",
    conditions: { orders: onCron("0 6 * * *") },
    steps: [
      {
        at: "2026-03-01T05:00",
        materialize: ["orders_raw", "orders"],
        expect: { orders: 'not now: no tick of "0 6 * * *" passed yet' },
      },
      { at: "2026-03-01T06:01", expect: { orders: "waits: upstream orders_raw has not updated since the 06:00 tick" } },
      {
        at: "2026-03-01T06:30",
        materialize: ["orders_raw"],
        expect: { orders: "will run: the 06:00 tick passed and every upstream was updated since" },
      },
      {
        at: "2026-03-01T07:00",
        materialize: ["orders_raw"],
        expect: { orders: 'not now: no tick of "0 6 * * *" passed since the last request' },
      },
      // The next morning's tick passed while no evaluation ran: an update in the same interval counts for neither
      // side, as in Dagster (the tick resets "updated since").
      {
        at: "2026-03-02T09:00",
        materialize: ["orders_raw"],
        expect: { orders: "waits: upstream orders_raw has not updated since the 06:00 tick" },
      },
      {
        at: "2026-03-02T09:05",
        materialize: ["orders_raw"],
        expect: { orders: "will run: the 06:00 tick passed and every upstream was updated since" },
      },
    ],
  },
  {
    name: "onCron in a time zone names the tick in that zone",
    edges: "orders_raw->orders",
    conditions: { orders: onCron("0 6 * * *", "Europe/Lisbon") },
    steps: [
      {
        at: "2026-07-01T04:00",
        materialize: ["orders_raw"],
        expect: { orders: 'not now: no tick of "0 6 * * *" passed yet' },
      },
      { at: "2026-07-01T05:05", expect: { orders: "waits: upstream orders_raw has not updated since the 06:00 tick" } },
    ],
  },
  {
    name: "onMissing runs a missing asset once its upstreams exist",
    edges: "raw->clean",
    conditions: { clean: onMissing() },
    steps: [
      { at: "2026-03-01T10:00", expect: { clean: "waits: upstream raw is missing" } },
      { at: "2026-03-01T10:05", materialize: ["raw"], expect: { clean: "will run: it is missing" } },
      { at: "2026-03-01T10:10", expect: { clean: NOTHING_CHANGED } },
      { at: "2026-03-01T10:15", materialize: ["clean", "raw"], expect: { clean: NOTHING_CHANGED } },
    ],
  },
  {
    name: "eager without ~anyDepsMissing runs beside a missing upstream",
    edges: "raw->clean, lookup->clean",
    conditions: { clean: without(eager(), not(anyDepsMissing)) },
    steps: [{ at: "2026-03-01T10:00", materialize: ["raw"], expect: { clean: "will run: it is missing" } }],
  },
  {
    name: "since: true from the trigger until the reset; a reset at the same tick wins",
    edges: "raw->clean",
    conditions: { clean: since({ type: "executionFailed" }, { type: "newlyUpdated" }) },
    steps: [
      { at: "2026-03-01T10:00", materialize: ["clean"], expect: { clean: "not now: nothing changed yet" } },
      { at: "2026-03-01T10:05", failed: ["clean"], expect: { clean: "will run: it failed in its latest run" } },
      { at: "2026-03-01T10:10", expect: { clean: "will run: it failed in its latest run" } },
      {
        at: "2026-03-01T10:15",
        materialize: ["clean"],
        failed: ["clean"],
        expect: { clean: "not now: nothing changed since this asset's last materialization" },
      },
    ],
  },
  {
    name: "newlyTrue: true only at the tick its operand turns true (the first tick included)",
    edges: "raw->clean",
    conditions: { clean: { type: "newlyTrue", operand: { type: "executionFailed" } } },
    steps: [
      { at: "2026-03-01T10:00", failed: ["clean"], expect: { clean: "will run: it failed in its latest run" } },
      {
        at: "2026-03-01T10:05",
        failed: ["clean"],
        expect: { clean: "not now: it failed in its latest run, as at the previous evaluation" },
      },
      { at: "2026-03-01T10:10", expect: { clean: "not now: it did not fail in its latest run" } },
      { at: "2026-03-01T10:15", failed: ["clean"], expect: { clean: "will run: it failed in its latest run" } },
    ],
  },
  {
    name: "codeVersionChanged: against the previous evaluation's code version",
    edges: "raw->clean",
    conditions: { clean: { type: "codeVersionChanged" } },
    steps: [
      {
        at: "2026-03-01T10:00",
        codeVersions: { clean: "v1" },
        expect: { clean: "not now: it has the same code version as at the previous evaluation" },
      },
      {
        at: "2026-03-01T10:05",
        codeVersions: { clean: "v2" },
        expect: { clean: "will run: it has a new code version (was v1)" },
      },
      {
        at: "2026-03-01T10:10",
        expect: { clean: "not now: it has the same code version as at the previous evaluation" },
      },
    ],
  },
  {
    name: "dep selections: ignore leaves an upstream out, allow keeps only the ones named",
    edges: "raw->clean, lookup->clean, raw->other, lookup->other",
    conditions: {
      clean: {
        type: "and",
        operands: [
          { type: "missing" },
          not({ type: "anyDepsMatch", condition: { type: "missing" }, ignore: "key:lookup" }),
        ],
      },
      other: {
        type: "and",
        operands: [
          { type: "missing" },
          not({ type: "anyDepsMatch", condition: { type: "missing" }, allow: "key:lookup" }),
        ],
      },
    },
    steps: [
      {
        at: "2026-03-01T10:00",
        materialize: ["raw"],
        expect: { clean: "will run: it is missing", other: "waits: upstream lookup is missing" },
      },
    ],
  },
];

describe("evaluateAutomation over ticks", () => {
  it.each(scenarios)("$name", ({ edges, conditions, steps }) => {
    const { expected, actual } = expectedAndActual(graphOf(edges), conditions, steps);
    expect(actual).toEqual(expected);
  });

  it("says which selection is wrong instead of failing the tick", () => {
    const conditions: Record<string, Condition> = {
      clean: { type: "anyDepsMatch", condition: { type: "missing" }, allow: "key:(" },
      other: { type: "missing" },
    };
    const { expected, actual } = expectedAndActual(graphOf("raw->clean, raw->other"), conditions, [
      {
        at: "2026-03-01T10:00",
        expect: {
          clean: expect.stringMatching(/^not now: the dep selection "key:\(" does not parse/) as unknown as string,
          other: "will run: it is missing",
        },
      },
    ]);
    expect(actual).toEqual(expected);
  });
});
