/** One condition node on a set of candidate partitions: the dispatch every composite recurses through. */
import type { Condition } from "./condition";
import { evaluateDeps } from "./deps";
import { evaluateLeaf } from "./leaves";
import { evaluateNewlyTrue, evaluateSince } from "./memory";
import type { Evaluated } from "./node";
import { evaluateAnd, evaluateNot, evaluateOr } from "./operators";
import type { Scope } from "./scope";

const MISSING: Condition = { type: "missing" };

export function evaluateNode(condition: Condition, scope: Scope, candidates: ReadonlySet<string>): Evaluated {
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
