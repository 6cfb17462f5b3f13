/**
 * AutomationCondition: Dagster's composites operand for operand, the operators' shapes (`and` grows while unlabeled),
 * `.without` as Dagster's (label kept, throws when nothing matches), `.ignore`/`.allow` reaching every dep condition.
 */
import { describe, expect, it } from "vitest";
import { AutomationCondition as C } from "assetline";
import type { Condition } from "../../../sdk/src/protocol/automation";

const not = (operand: Condition): Condition => ({ type: "not", operand });
const anyDepsMissing: Condition = {
  type: "anyDepsMatch",
  condition: { type: "and", operands: [{ type: "missing" }, not({ type: "willBeRequested" })] },
  label: "any_deps_missing",
};
const anyDepsUpdated: Condition = {
  type: "anyDepsMatch",
  condition: { type: "or", operands: [{ type: "newlyUpdated" }, { type: "willBeRequested" }] },
  label: "any_deps_updated",
};
const anyDepsInProgress: Condition = {
  type: "anyDepsMatch",
  condition: { type: "inProgress" },
  label: "any_deps_in_progress",
};
const cron = (zone = "UTC"): Condition => ({ type: "cronTickPassed", cron: "0 6 * * *", timezone: zone });

describe("Dagster's composites", () => {
  it.each<[string, C, Condition]>([
    [
      "eager",
      C.eager(),
      {
        type: "and",
        operands: [
          { type: "inLatestTimeWindow" },
          {
            type: "since",
            trigger: { type: "or", operands: [{ type: "newlyMissing" }, anyDepsUpdated] },
            reset: { type: "or", operands: [{ type: "newlyRequested" }, { type: "newlyUpdated" }] },
          },
          not(anyDepsMissing),
          not(anyDepsInProgress),
          not({ type: "inProgress" }),
        ],
        label: "eager",
      },
    ],
    [
      "onCron",
      C.onCron("0 6 * * *", "Europe/Lisbon"),
      {
        type: "and",
        operands: [
          { type: "inLatestTimeWindow" },
          { type: "since", trigger: cron("Europe/Lisbon"), reset: { type: "newlyRequested" } },
          {
            type: "allDepsMatch",
            condition: {
              type: "or",
              operands: [
                { type: "since", trigger: { type: "newlyUpdated" }, reset: cron("Europe/Lisbon") },
                { type: "willBeRequested" },
              ],
            },
            label: "all_deps_updated_since_cron",
          },
        ],
        label: "on_cron",
      },
    ],
    [
      "onMissing",
      C.onMissing(),
      {
        type: "and",
        operands: [
          { type: "inLatestTimeWindow" },
          { type: "since", trigger: { type: "newlyMissing" }, reset: { type: "newlyRequested" } },
          not(anyDepsMissing),
        ],
        label: "on_missing",
      },
    ],
    ["anyDepsUpdated", C.anyDepsUpdated(), anyDepsUpdated],
    ["anyDepsMissing", C.anyDepsMissing(), anyDepsMissing],
    ["cronTickPassed defaults to UTC", C.cronTickPassed("0 6 * * *"), cron()],
    ["inLatestTimeWindow with a lookback", C.inLatestTimeWindow("1d"), { type: "inLatestTimeWindow", lookback: "1d" }],
  ])("%s", (_name, condition, data) => {
    expect(condition.data).toEqual(data);
  });

  it("is frozen data, all the way down", () => {
    const { data } = C.eager();
    expect(Object.isFrozen(data)).toBe(true);
    expect(data.type === "and" && Object.isFrozen(data.operands[1])).toBe(true);
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });
});

describe("operators", () => {
  it.each<[string, C, Condition]>([
    [
      "an unlabeled and grows, as Dagster's &",
      C.missing().and(C.inProgress()).and(C.newlyUpdated()),
      { type: "and", operands: [{ type: "missing" }, { type: "inProgress" }, { type: "newlyUpdated" }] },
    ],
    [
      "a labeled and is one operand",
      C.onMissing().and(C.inProgress()),
      { type: "and", operands: [C.onMissing().data, { type: "inProgress" }] },
    ],
    [
      "or, not, newlyTrue",
      C.executionFailed().or(C.codeVersionChanged().newlyTrue()).not(),
      not({
        type: "or",
        operands: [{ type: "executionFailed" }, { type: "newlyTrue", operand: { type: "codeVersionChanged" } }],
      }),
    ],
    ["withLabel", C.missing().withLabel("gone"), { type: "missing", label: "gone" }],
  ])("%s", (_name, condition, data) => {
    expect(condition.data).toEqual(data);
  });
});

describe(".without", () => {
  it("removes an equal operand and keeps the label", () => {
    const data = C.eager().without(C.inLatestTimeWindow()).without(C.anyDepsMissing().not()).data;
    expect(data.label).toBe("eager");
    expect(data.type === "and" && data.operands.map((operand) => operand.type)).toEqual(["since", "not", "not"]);
  });

  it.each<[string, () => unknown, string]>([
    [
      "no operand equals it",
      () => C.eager().without(C.missing()),
      'AutomationCondition.without: no operand equals {"type":"missing"}; the operands are inLatestTimeWindow, since, not, not, not.',
    ],
    [
      "a label makes it another condition",
      () => C.onMissing().without(C.inLatestTimeWindow().withLabel("x")),
      'AutomationCondition.without: no operand equals {"type":"inLatestTimeWindow","label":"x"}; the operands are inLatestTimeWindow, since, not.',
    ],
    [
      "it is no and",
      () => C.missing().without(C.missing()),
      "AutomationCondition.without: only an `and` (eager(), onCron(), a.and(b)) has operands to remove; this is `missing`.",
    ],
  ])("throws when %s", (_name, call, message) => {
    expect(call).toThrow(message);
  });
});

describe(".ignore and .allow", () => {
  it("reach every dep condition of a composite, and union when repeated", () => {
    const data = C.eager().ignore("key:raw").ignore("group:staging").allow("group:gold").data;
    const deps: Condition[] = [];
    const visit = (node: Condition) => {
      if (node.type === "anyDepsMatch" || node.type === "allDepsMatch") deps.push(node);
      if ("operands" in node) node.operands.forEach(visit);
      if ("operand" in node) visit(node.operand);
      if (node.type === "since") [node.trigger, node.reset].forEach(visit);
    };
    visit(data);
    expect(deps.map((dep) => "ignore" in dep && [dep.label, dep.ignore, dep.allow])).toEqual([
      ["any_deps_updated", "(key:raw) or (group:staging)", "group:gold"],
      ["any_deps_missing", "(key:raw) or (group:staging)", "group:gold"],
      ["any_deps_in_progress", "(key:raw) or (group:staging)", "group:gold"],
    ]);
  });
});

describe("arguments checked where they are written", () => {
  it.each<[string, () => unknown, string]>([
    [
      "a bad cron",
      () => C.onCron("0 25 * * *"),
      'AutomationCondition.cronTickPassed: cron: "0 25 * * *" is not a cron expression',
    ],
    [
      "an unknown time zone",
      () => C.cronTickPassed("0 6 * * *", "Mars/Base"),
      'AutomationCondition.cronTickPassed: timezone: "Mars/Base" is not an IANA time zone',
    ],
    ["a bad lookback", () => C.inLatestTimeWindow("1 day"), "AutomationCondition.inLatestTimeWindow: lookback"],
    [
      "a non-condition operand",
      () => C.missing().and("x" as never),
      "AutomationCondition.and: expected an AutomationCondition",
    ],
    [
      "an empty selection",
      () => C.eager().ignore(" "),
      'AutomationCondition.ignore: give a selection string, such as "group:raw".',
    ],
  ])("%s", (_name, call, message) => {
    expect(call).toThrow(message);
  });
});
