/**
 * Scenarios for the automation evaluator: a small store the ticks write to, the contract's composites as data (the
 * define API's builders produce the same), and a runner that evaluates tick after tick, the state going through JSON
 * in between as the daemon stores it.
 */
import type { PartitionsDefinitionData } from "../../../sdk/src/protocol/partitions";
import {
  type AutomationFacts,
  type AutomationGraph,
  type AutomationResult,
  type AutomationState,
  type Condition,
  evaluateAutomation,
} from "../../../sdk/src/automation/evaluate";

const missing: Condition = { type: "missing" };
const inProgress: Condition = { type: "inProgress" };
const willBeRequested: Condition = { type: "willBeRequested" };
export const not = (operand: Condition): Condition => ({ type: "not", operand });
const or = (...operands: Condition[]): Condition => ({ type: "or", operands });
export const since = (trigger: Condition, reset: Condition): Condition => ({ type: "since", trigger, reset });
const cronTickPassed = (cron: string, timezone: string): Condition => ({ type: "cronTickPassed", cron, timezone });

export const anyDepsUpdated: Condition = {
  type: "anyDepsMatch",
  condition: or({ type: "newlyUpdated" }, willBeRequested),
};
export const anyDepsMissing: Condition = {
  type: "anyDepsMatch",
  condition: { type: "and", operands: [missing, not(willBeRequested)] },
};
const anyDepsInProgress: Condition = { type: "anyDepsMatch", condition: inProgress };
const allDepsUpdatedSinceCron = (cron: string, timezone: string): Condition => ({
  type: "allDepsMatch",
  condition: or(since({ type: "newlyUpdated" }, cronTickPassed(cron, timezone)), willBeRequested),
});

export const eager = (): Condition => ({
  type: "and",
  label: "eager",
  operands: [
    { type: "inLatestTimeWindow" },
    since(or({ type: "newlyMissing" }, anyDepsUpdated), or({ type: "newlyRequested" }, { type: "newlyUpdated" })),
    not(anyDepsMissing),
    not(anyDepsInProgress),
    not(inProgress),
  ],
});

export const onCron = (cron: string, timezone = "UTC"): Condition => ({
  type: "and",
  label: "on_cron",
  operands: [
    { type: "inLatestTimeWindow" },
    since(cronTickPassed(cron, timezone), { type: "newlyRequested" }),
    allDepsUpdatedSinceCron(cron, timezone),
  ],
});

export const onMissing = (): Condition => ({
  type: "and",
  label: "on_missing",
  operands: [
    { type: "inLatestTimeWindow" },
    since({ type: "newlyMissing" }, { type: "newlyRequested" }),
    not(anyDepsMissing),
  ],
});

/** `.without(c)` as the define API does it: the top-level `and` minus the operand equal to `c`. */
export function without(condition: Condition, operand: Condition): Condition {
  if (condition.type !== "and") throw new Error("without() applies to an and");
  const kept = condition.operands.filter((each) => JSON.stringify(each) !== JSON.stringify(operand));
  if (kept.length === condition.operands.length) throw new Error("without(): no operand matches");
  return { ...condition, operands: kept };
}

/** `"a->b, c->b"`, with partitions for some nodes. */
export function graphOf(edges: string, partitions: Record<string, PartitionsDefinitionData> = {}): AutomationGraph {
  const pairs = edges
    .split(",")
    .map((edge) => edge.trim())
    .filter(Boolean)
    .map((edge) => edge.split("->").map((key) => key.trim()) as [string, string]);
  const keys = [...new Set(pairs.flat())];
  return {
    nodes: keys.map((key) => ({ key, group: "default", tags: {}, kinds: [], owners: [], partitions: partitions[key] })),
    edges: pairs.map(([from, to]) => ({ from, to })),
  };
}

/** What changes before a tick; `key` or `key@partition`. */
export interface Step {
  at: string;
  /** Materialized a minute before the tick. */
  materialize?: string[];
  /** Queued or running at the tick. */
  running?: string[];
  /** Whose latest attempt failed, at the tick. */
  failed?: string[];
  codeVersions?: Record<string, string>;
  /** The conditions from this tick on (an edited definition). */
  conditions?: Record<string, Condition>;
  /** `key` or `key@partition` → the reason; only the results named are checked. */
  expect: Record<string, string>;
}

class Store implements AutomationFacts {
  readonly materialized = new Map<string, number>();
  running = new Set<string>();
  failed = new Set<string>();
  codeVersions: Record<string, string> = {};
  latestMaterialization = (key: string, partition: string | undefined) => this.materialized.get(id(key, partition));
  codeVersion = (key: string) => this.codeVersions[key];
  inProgress = (key: string, partition: string | undefined) => this.running.has(id(key, partition));
  latestAttemptFailed = (key: string, partition: string | undefined) => this.failed.has(id(key, partition));
  dynamicKeys = () => undefined;
}

const id = (key: string, partition: string | undefined) => (partition === undefined ? key : `${key}@${partition}`);

/** Every tick's results by `key[@partition]`; the state crosses JSON between ticks unless `keepObjects`. */
export function runTicks(
  graph: AutomationGraph,
  conditions: Record<string, Condition>,
  steps: readonly Step[],
  keepObjects = false,
): { reasons: Record<string, string>[]; states: AutomationState[] } {
  const store = new Store();
  let state: AutomationState | undefined;
  let current = conditions;
  const reasons: Record<string, string>[] = [];
  const states: AutomationState[] = [];
  for (const step of steps) {
    const now = new Date(`${step.at}Z`);
    for (const target of step.materialize ?? []) store.materialized.set(target, now.getTime() - 60_000);
    store.running = new Set(step.running);
    store.failed = new Set(step.failed);
    store.codeVersions = { ...store.codeVersions, ...step.codeVersions };
    current = step.conditions ?? current;
    const evaluation = evaluateAutomation(graph, current, store, state, now);
    state = keepObjects ? evaluation.state : (JSON.parse(JSON.stringify(evaluation.state)) as AutomationState);
    states.push(evaluation.state);
    reasons.push(byTarget(evaluation.results));
  }
  return { reasons, states };
}

function byTarget(results: readonly AutomationResult[]): Record<string, string> {
  return Object.fromEntries(results.map((result) => [id(result.key, result.partition), result.reason]));
}

/** The reasons a scenario expects, tick by tick, beside what the evaluator said for the same results. */
export function expectedAndActual(
  graph: AutomationGraph,
  conditions: Record<string, Condition>,
  steps: readonly Step[],
): { expected: Record<string, string>[]; actual: Record<string, string>[] } {
  const { reasons } = runTicks(graph, conditions, steps);
  const actual = steps.map((step, tick) =>
    Object.fromEntries(Object.keys(step.expect).map((target) => [target, reasons[tick]![target] ?? "(no result)"])),
  );
  return { expected: steps.map((step) => step.expect), actual };
}
