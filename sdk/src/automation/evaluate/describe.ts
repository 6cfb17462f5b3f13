/** A condition in a few words, for reasons that speak of a condition rather than of one upstream's answer. */
import type { Condition } from "./condition";

const LEAVES: Partial<Record<Condition["type"], string>> = {
  missing: "is missing",
  inProgress: "is in progress",
  executionFailed: "failed in its latest run",
  newlyUpdated: "was updated",
  newlyRequested: "was requested",
  newlyMissing: "went missing",
  codeVersionChanged: "has a new code version",
  inLatestTimeWindow: "is in the latest time window",
  willBeRequested: "will be requested",
};

/** A predicate for "upstream X …": the label when there is one. */
export function describe(condition: Condition): string {
  if (condition.label !== undefined) return `matches ${condition.label}`;
  const leaf = LEAVES[condition.type];
  if (leaf !== undefined) return leaf;
  switch (condition.type) {
    case "and":
      return condition.operands.map(describe).join(" and ");
    case "or":
      return condition.operands.map(describe).join(" or ");
    case "not":
      return `is not one that ${describe(condition.operand)}`;
    default:
      return `matches its ${condition.type} condition`;
  }
}
