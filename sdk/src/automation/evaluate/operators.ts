/** `and`, `or`, `not`: sets combined as Dagster does, each operand evaluated only where it can still matter. */
import type { Condition } from "./condition";
import { type Evaluate, type Evaluated, keep } from "./node";
import type { Scope } from "./scope";
import { joinTrue } from "./words";

type Of<T extends Condition["type"]> = Extract<Condition, { type: T }>;

export function evaluateAnd(
  condition: Of<"and">,
  scope: Scope,
  candidates: ReadonlySet<string>,
  evaluate: Evaluate,
): Evaluated {
  const operands: Evaluated[] = [];
  let holding = candidates;
  condition.operands.forEach((operand, index) => {
    const result = evaluate(operand, scope.child(index), holding);
    operands.push(result);
    holding = result.trueSet;
  });
  return {
    trueSet: holding,
    words: (partition, value) =>
      value
        ? joinTrue(operands.map((operand) => operand.words(partition, true)))
        : operands.find((operand) => !operand.trueSet.has(partition))!.words(partition, false),
  };
}

export function evaluateOr(
  condition: Of<"or">,
  scope: Scope,
  candidates: ReadonlySet<string>,
  evaluate: Evaluate,
): Evaluated {
  const operands: Evaluated[] = [];
  const trueSet = new Set<string>();
  let open = candidates;
  condition.operands.forEach((operand, index) => {
    const result = evaluate(operand, scope.child(index), open);
    operands.push(result);
    for (const partition of result.trueSet) trueSet.add(partition);
    if (result.trueSet.size > 0) open = keep(open, (partition) => !result.trueSet.has(partition));
  });
  const firstTrue = (partition: string) => operands.find((operand) => operand.trueSet.has(partition));
  return {
    trueSet,
    words: (partition, value) =>
      value ? firstTrue(partition)!.words(partition, true) : operands[0]!.words(partition, false),
    event: (partition) => firstTrue(partition)?.event?.(partition),
  };
}

export function evaluateNot(
  condition: Of<"not">,
  scope: Scope,
  candidates: ReadonlySet<string>,
  evaluate: Evaluate,
): Evaluated {
  const operand = evaluate(condition.operand, scope.child(0), candidates);
  return {
    trueSet: keep(candidates, (partition) => !operand.trueSet.has(partition)),
    words: (partition, value) =>
      value ? { ...operand.words(partition, false), quiet: true } : { ...operand.words(partition, true), quiet: false },
  };
}
