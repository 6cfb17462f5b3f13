/** Reads a job's `selection`: a string as written, an `AssetSelection` builder chain kept as data, or a name to follow. */
import ts from "typescript";
import { dynamicFact, readRef, readString, unwrap, type SdkNames } from "./extractOptions";
import type { BuilderArg, BuilderCall, SelectionFact } from "./facts";

export function readSelection(expr: ts.Expression, source: ts.SourceFile, sdk: SdkNames): SelectionFact {
  const text = readString(expr, source);
  if (text) return { type: "string", text };
  const span = { start: expr.getStart(source), end: expr.end };
  const chain = readChain(unwrap(expr), source, sdk);
  if (chain) return { type: "builder", chain, span };
  const ref = readRef(expr, source);
  return ref?.type === "handle" ? { type: "handle", ref: ref.ref } : { type: "dynamic", ...dynamicFact(expr, source) };
}

/** `AssetSelection.groups("a").downstream()` -> calls in order; undefined when any link is not a plain builder call. */
function readChain(expr: ts.Expression, source: ts.SourceFile, sdk: SdkNames): BuilderCall[] | undefined {
  if (!ts.isCallExpression(expr) || !ts.isPropertyAccessExpression(expr.expression)) return undefined;
  const target = unwrap(expr.expression.expression);
  const args: BuilderArg[] = [];
  for (const arg of expr.arguments) {
    const value = readArg(unwrap(arg), source, sdk);
    if (!value) return undefined;
    args.push(value);
  }
  const call = { method: expr.expression.name.text, args };
  if (sdk.calleeName(target) === "AssetSelection") return [call];
  const before = readChain(target, source, sdk);
  return before && [...before, call];
}

function readArg(node: ts.Expression, source: ts.SourceFile, sdk: SdkNames): BuilderArg | undefined {
  if (ts.isNumericLiteral(node)) return { type: "literal", value: Number(node.text) };
  if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword)
    return { type: "literal", value: node.kind === ts.SyntaxKind.TrueKeyword };
  const chain = readChain(node, source, sdk);
  if (chain) return { type: "builder", chain };
  const ref = readRef(node, source);
  if (ref?.type === "key") return { type: "literal", value: ref.key.value, span: ref.key.span };
  return ref && { type: "handle", ref: ref.ref };
}
