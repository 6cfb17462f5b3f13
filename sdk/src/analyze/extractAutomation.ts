/**
 * Reads schedules, sensors and automation conditions as written: option literals, top-level consts and
 * `AutomationCondition.*` chains. Plain data with spans; the link phase builds them with the SDK's own code.
 */
import ts from "typescript";
import type { AutomationFact, BindingRef, ConditionCallFact, ConditionFact } from "./facts";
import { readSelection } from "./extractSelection";
import { dynamicFact, propertyName, readKeyRef, readRef, readString, unwrap, type SdkNames } from "./extractOptions";

export const AUTOMATION_CALLS = new Set(["schedule", "sensor", "assetSensor", "runStatusSensor"]);

/** The schedule or sensor a call defines, when it is one. */
export function readAutomation(
  call: ts.CallExpression,
  source: ts.SourceFile,
  sdk: SdkNames,
): AutomationFact | undefined {
  const callee = sdk.calleeName(call.expression);
  if (!callee || !AUTOMATION_CALLS.has(callee)) return undefined;
  const span = { start: call.getStart(source), end: call.end };
  const written = call.arguments[0];
  const options = written && unwrap(written);
  const fact: AutomationFact = {
    call: callee as AutomationFact["call"],
    local: "",
    hasFunction: call.arguments.length > 1,
    optionsSpan: options ? { start: options.getStart(source), end: options.end } : span,
    span,
  };
  if (!options || !ts.isObjectLiteralExpression(options)) return fact;
  for (const property of options.properties) {
    const name =
      ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property)
        ? propertyName(property.name)
        : undefined;
    if (name === undefined) continue;
    const value = ts.isPropertyAssignment(property) ? property.initializer : (property.name as ts.Identifier);
    switch (name) {
      case "name":
      case "cron":
      case "minimumInterval":
      case "job":
      case "asset":
        fact[name] = readKeyRef(value, source);
        break;
      case "timezone":
      case "executionTimezone":
        fact.timezone = readKeyRef(value, source);
        break;
      case "selection":
        fact.selection = readSelection(value, source, sdk);
        break;
      case "status":
        fact.status = readString(value, source);
        break;
      case "description":
        fact.description = readString(value, source)?.value;
        break;
      case "monitoredJobs": {
        const list = unwrap(value);
        if (ts.isArrayLiteralExpression(list)) fact.monitoredJobs = list.elements.map((e) => readKeyRef(e, source));
        break;
      }
      case "partitions": {
        const node = unwrap(value);
        if (readString(node, source)?.value === "latest") fact.partitions = "latest";
        else if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) fact.partitions = "function";
        break;
      }
    }
  }
  return fact;
}

/**
 * An `automationCondition` value: a chain from `AutomationCondition` or from a name (a const holding a condition, told
 * in the link phase), or what the analyzer cannot follow.
 */
export function readCondition(expr: ts.Expression, source: ts.SourceFile, sdk: SdkNames): ConditionFact {
  const node = unwrap(expr);
  const span = { start: expr.getStart(source), end: expr.end };
  const ref = readRef(node, source);
  if (ref?.type === "handle") return { type: "chain", base: ref.ref, calls: [], span };
  const chain = conditionChain(node, source, sdk, true);
  return chain ? { ...chain, span } : { type: "dynamic", ...dynamicFact(expr, source) };
}

/** A top-level const's condition: only a chain from `AutomationCondition` (any other `x.y()` may be anything). */
export function readConditionConst(
  expr: ts.Expression,
  source: ts.SourceFile,
  sdk: SdkNames,
): ConditionFact | undefined {
  const chain = conditionChain(unwrap(expr), source, sdk, false);
  return chain && { ...chain, span: { start: expr.getStart(source), end: expr.end } };
}

/** `AutomationCondition.a(x).b(y)` as [a(x), b(y)]; with `fromName`, `base.b(y)` as base and [b(y)]. */
function conditionChain(
  expr: ts.Expression,
  source: ts.SourceFile,
  sdk: SdkNames,
  fromName: boolean,
): { type: "chain"; base?: BindingRef; calls: ConditionCallFact[] } | undefined {
  const node = unwrap(expr);
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return undefined;
  const { expression: receiver, name } = node.expression;
  let head: { base?: BindingRef; calls: ConditionCallFact[] } | undefined;
  if (sdk.calleeName(receiver) === "AutomationCondition") head = { calls: [] };
  else {
    const ref = fromName ? readRef(receiver, source) : undefined;
    head = ref?.type === "handle" ? { base: ref.ref, calls: [] } : conditionChain(receiver, source, sdk, fromName);
  }
  if (!head) return undefined;
  const args = node.arguments.map((arg): ConditionCallFact["args"][number] => {
    const nested = conditionChain(arg, source, sdk, false);
    return nested
      ? { type: "condition", condition: { ...nested, span: { start: arg.getStart(source), end: arg.end } } }
      : readKeyRef(arg, source);
  });
  return {
    type: "chain",
    ...(head.base && { base: head.base }),
    calls: [...head.calls, { method: name.text, args, span: { start: name.getStart(source), end: name.end } }],
  };
}
