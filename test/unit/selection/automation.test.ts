/**
 * Dagster's automation attributes: `automation_type:` (the top-level label of an asset's condition), and
 * `schedule:NAME` / `sensor:NAME` (the assets its job or selection picks).
 */
import { describe, expect, it } from "vitest";
import { AutomationCondition } from "../../../sdk/src/automation/condition";
import {
  formatSelection,
  parseSelection,
  type SelectionGraph,
  SelectionNeedsFacts,
  type SelectionNode,
  selectAssets,
} from "../../../sdk/src/selection";

function node(key: string, condition?: AutomationCondition): SelectionNode {
  return {
    key,
    group: "default",
    tags: {},
    kinds: [],
    owners: [],
    ...(condition && { automationCondition: condition.data }),
  };
}

/** raw ─> orders ─> revenue ─> report; manual */
const graph: SelectionGraph = {
  nodes: [
    node("raw", AutomationCondition.onMissing()),
    node("orders", AutomationCondition.onCron("0 6 * * *")),
    node("revenue", AutomationCondition.eager()),
    node("report", AutomationCondition.eager().without(AutomationCondition.inLatestTimeWindow()).withLabel("all")),
    node("manual"),
  ],
  edges: [
    { from: "raw", to: "orders" },
    { from: "orders", to: "revenue" },
    { from: "revenue", to: "report" },
  ],
  jobs: [{ name: "gold", selection: "key:revenue+" }],
  schedules: [
    { name: "nightly", target: { job: "gold" } },
    { name: "hourly", target: { selection: "+key:orders" } },
    { name: "loop", target: { selection: "schedule:loop" } },
  ],
  sensors: [{ name: "new_files", target: { selection: "key:raw" } }, { name: "on_failure" }],
};

const cases: [selection: string, keys: string[]][] = [
  ["automation_type:eager", ["revenue"]],
  ["automation_type:on_cron", ["orders"]],
  ["automation_type:on_missing", ["raw"]],
  // A relabeled composite is no longer Dagster's own: custom.
  ["automation_type:custom", ["report"]],
  ["automation_type:<null>", ["manual"]],
  ["automation_type:EAGER", ["revenue"]],
  ["not automation_type:<null>", ["raw", "orders", "revenue", "report"]],
  // Through the job's selection.
  ["schedule:nightly", ["revenue", "report"]],
  ["schedule:hourly", ["raw", "orders"]],
  ["schedule:hourly+", ["raw", "orders", "revenue", "report"]],
  ["sensor:new_files", ["raw"]],
  // A sensor that requests no run, or a name no schedule has, selects nothing, as job: does.
  ["sensor:on_failure", []],
  ["schedule:nope", []],
];

describe("automation attributes select", () => {
  it.each(cases)("%s", (selection, keys) => {
    const parsed = parseSelection(selection);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect([...selectAssets(parsed.expr, graph)]).toEqual(keys);
    // The canonical spelling reads back to the same selection.
    const again = parseSelection(formatSelection(parsed.expr));
    expect(again.ok && again.expr).toEqual(parsed.expr);
  });

  it("refuses a schedule whose selection reaches itself", () => {
    const parsed = parseSelection("schedule:loop");
    expect(() => parsed.ok && selectAssets(parsed.expr, graph)).toThrow(
      'schedule "loop" selects itself through schedule:loop -> schedule:loop',
    );
  });

  it("needs the graph's schedules and sensors", () => {
    const parsed = parseSelection("sensor:new_files");
    const { sensors: _sensors, ...withoutSensors } = graph;
    expect(() => parsed.ok && selectAssets(parsed.expr, withoutSensors)).toThrow(SelectionNeedsFacts);
  });
});

describe("malformed automation attributes", () => {
  const errors: [selection: string, message: string, offset: number][] = [
    [
      "automation_type:sometimes",
      'unknown automation type "sometimes" at column 17: use automation_type:eager, automation_type:on_cron, automation_type:on_missing, automation_type:custom',
      16,
    ],
    [
      "schedule:<null>",
      '"schedule:" takes no <null> (column 10): tag:, group:, kind:, owner:, code_location:, automation_type: do',
      9,
    ],
  ];
  it.each(errors)("%s", (selection, message, offset) => {
    const parsed = parseSelection(selection);
    expect(parsed.ok ? undefined : { message: parsed.error.message, offset: parsed.error.offset }).toEqual({
      message,
      offset,
    });
  });
});
