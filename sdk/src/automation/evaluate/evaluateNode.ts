/** One condition node on a set of candidate partitions: the dispatch every composite recurses through. */
import type { Condition } from "./condition";
import { evaluateDeps } from "./deps";
import { evaluateLeaf } from "./leaves";
import { evaluateNewlyTrue, evaluateSince } from "./memory";
import { type Evaluated, NOTHING } from "./node";
import { evaluateAnd, evaluateNot, evaluateOr } from "./operators";
import type { Scope } from "./scope";

const MISSING: Condition = { type: "missing" };

export function evaluateNode(condition: Condition, scope: Scope, candidates: ReadonlySet<string>): Evaluated {
  // Most nodes of a quiet asset get no candidates (an `and` past a false operand); only memory must still be kept.
  if (candidates.size === 0 && !remembers(condition)) return NOTHING;
  switch (condition.type) {
    case "and":
      return evaluateAnd(condition, scope, candidates, evaluateNode);
    case "or":
      return evaluateOr(condition, scope, candidates, evaluateNode);
    case "not":
      return evaluateNot(condition, scope, candidates, evaluateNode);
    case "since":
      return evaluateSince(condition, scope, candidates, evaluateNode);
    case "newlyTrue":
      return evaluateNewlyTrue(condition.operand, scope, candidates, evaluateNode);
    // Dagster's newly_missing is missing().newly_true(): true on the first evaluation for a missing asset.
    case "newlyMissing":
      return evaluateNewlyTrue(MISSING, scope, candidates, evaluateNode);
    case "anyDepsMatch":
    case "allDepsMatch":
      return evaluateDeps(condition, scope, candidates, evaluateNode);
    default:
      return evaluateLeaf(condition, scope, candidates);
  }
}

const remembering = new WeakMap<Condition, boolean>();
const LEAVES = new Set<Condition["type"]>([
  "missing",
  "inProgress",
  "executionFailed",
  "newlyUpdated",
  "newlyRequested",
  "codeVersionChanged",
  "cronTickPassed",
  "inLatestTimeWindow",
  "willBeRequested",
]);

/** Whether a `since` or `newlyTrue` is in the subtree: their memory changes even where nothing is a candidate. */
function remembers(condition: Condition): boolean {
  if (LEAVES.has(condition.type)) return false;
  let found = remembering.get(condition);
  if (found === undefined) {
    found = childrenOf(condition).some(remembers) || ["since", "newlyTrue", "newlyMissing"].includes(condition.type);
    remembering.set(condition, found);
  }
  return found;
}

function childrenOf(condition: Condition): readonly Condition[] {
  switch (condition.type) {
    case "and":
    case "or":
      return condition.operands;
    case "not":
    case "newlyTrue":
      return [condition.operand];
    case "since":
      return [condition.trigger, condition.reset];
    case "anyDepsMatch":
    case "allDepsMatch":
      return [condition.condition];
    default:
      return [];
  }
}
