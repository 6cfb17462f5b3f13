/**
 * Reads schedules, sensors and automation conditions as written: option literals, top-level consts and
 * `AutomationCondition.*` chains. Plain data with spans; the link phase builds them with the SDK's own code.
 */
import ts from "typescript";
import type { AutomationFact, ConditionCallFact, ConditionFact } from "./facts";
import { readSelection } from "./extractSelection";
import { dynamicFact, propertyName, readKeyRef, readString, unwrap, type SdkNames } from "./extractOptions";

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

/** An `automationCondition` value: a chain from `AutomationCondition`, or what the analyzer cannot follow. */
export function readCondition(expr: ts.Expression, source: ts.SourceFile, sdk: SdkNames): ConditionFact {
  const calls = conditionCalls(expr, source, sdk);
  return calls
    ? { type: "chain", calls, span: { start: expr.getStart(source), end: expr.end } }
    : { type: "dynamic", ...dynamicFact(expr, source) };
}

/** `AutomationCondition.a(x).b(y)` as [a(x), b(y)]; undefined when the chain does not start at `AutomationCondition`. */
function conditionCalls(expr: ts.Expression, source: ts.SourceFile, sdk: SdkNames): ConditionCallFact[] | undefined {
  const node = unwrap(expr);
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return undefined;
  const { expression: receiver, name } = node.expression;
  const head = sdk.calleeName(receiver) === "AutomationCondition" ? [] : conditionCalls(receiver, source, sdk);
  if (!head) return undefined;
  const args = node.arguments.map((arg) => {
    const nested = conditionCalls(arg, source, sdk);
    return nested
      ? {
          type: "condition" as const,
          condition: { type: "chain" as const, calls: nested, span: { start: arg.getStart(source), end: arg.end } },
        }
      : readKeyRef(arg, source);
  });
  return [...head, { method: name.text, args, span: { start: name.getStart(source), end: name.end } }];
}
