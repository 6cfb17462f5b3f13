/**
 * An automation condition as plain data, exactly the contract's union (docs/automation.md). The protocol's valibot
 * schema (`protocol/automation.ts`) produces this same shape; the evaluator reads nothing else.
 */
export type Condition = ConditionNode & { label?: string };

type ConditionNode =
  | { type: "missing" }
  | { type: "inProgress" }
  | { type: "executionFailed" }
  | { type: "newlyUpdated" }
  | { type: "newlyRequested" }
  | { type: "newlyMissing" }
  | { type: "codeVersionChanged" }
  | { type: "cronTickPassed"; cron: string; timezone: string }
  | { type: "inLatestTimeWindow"; lookback?: string }
  | { type: "willBeRequested" }
  | { type: "anyDepsMatch"; condition: Condition; ignore?: string; allow?: string }
  | { type: "allDepsMatch"; condition: Condition; ignore?: string; allow?: string }
  | { type: "and"; operands: Condition[] }
  | { type: "or"; operands: Condition[] }
  | { type: "not"; operand: Condition }
  | { type: "since"; trigger: Condition; reset: Condition }
  | { type: "newlyTrue"; operand: Condition };
