/**
 * Reads partitions as written: definitions and mappings (the SDK's constructor calls, their literal options, names of
 * consts), `AssetIn`/`AssetDep` entries, and the partition properties an asset's function reads from its context.
 * Values stay as written (`WrittenValue`); the link phase evaluates them once names are resolved.
 */
import ts from "typescript";
import { dynamicFact, propertyName, propertyValue, readKeyRef, readRef, unwrap, type SdkNames } from "./extractOptions";
import type { ContextReadFact, DefinitionFact, UpstreamFact, WrittenValue } from "./facts";

/** The SDK's partitions definition constructors. */
export const DEFINITION_CALLS = [
  "TimeWindowPartitionsDefinition",
  "HourlyPartitionsDefinition",
  "DailyPartitionsDefinition",
  "WeeklyPartitionsDefinition",
  "MonthlyPartitionsDefinition",
  "StaticPartitionsDefinition",
  "DynamicPartitionsDefinition",
  "MultiPartitionsDefinition",
];

/** The SDK's partition mapping constructors. */
export const MAPPING_CALLS = [
  "IdentityPartitionMapping",
  "TimeWindowPartitionMapping",
  "AllPartitionMapping",
  "LastPartitionMapping",
  "StaticPartitionMapping",
  "SpecificPartitionsPartitionMapping",
  "MultiToSingleDimensionPartitionMapping",
];

export const PARTITION_CALLS = new Set([...DEFINITION_CALLS, ...MAPPING_CALLS]);

/** `AssetIn(x, options)` in `ins`, `AssetDep(x, options)` in `deps`. */
export const UPSTREAM_CALLS = ["AssetIn", "AssetDep"];

/** A value as written: literals, arrays, objects, names and the SDK's partition constructors; anything else is dynamic. */
export function readWritten(expr: ts.Expression, source: ts.SourceFile, sdk: SdkNames): WrittenValue {
  const node = unwrap(expr);
  const span = { start: node.getStart(source), end: node.end };
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
    return { type: "string", value: node.text, span: { start: span.start + 1, end: span.end - 1 } };
  if (ts.isNumericLiteral(node)) return { type: "number", value: Number(node.text), span };
  if (
    ts.isPrefixUnaryExpression(node) &&
    node.operator === ts.SyntaxKind.MinusToken &&
    ts.isNumericLiteral(node.operand)
  )
    return { type: "number", value: -Number(node.operand.text), span };
  if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword)
    return { type: "boolean", value: node.kind === ts.SyntaxKind.TrueKeyword, span };
  if (ts.isArrayLiteralExpression(node))
    return { type: "array", items: node.elements.map((e) => readWritten(e, source, sdk)), span };
  if (ts.isObjectLiteralExpression(node)) {
    const entries: [string, WrittenValue][] = [];
    for (const property of node.properties) {
      const name =
        ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property)
          ? propertyName(property.name)
          : undefined;
      // A spread or a computed name: only running the code would tell the object's content.
      if (name === undefined) return { type: "dynamic", ...dynamicFact(node, source) };
      const value = ts.isPropertyAssignment(property)
        ? property.initializer
        : (property as ts.ShorthandPropertyAssignment).name;
      entries.push([name, readWritten(value, source, sdk)]);
    }
    return { type: "object", entries, span };
  }
  if (ts.isCallExpression(node)) {
    const callee = sdk.calleeName(node.expression);
    if (callee && PARTITION_CALLS.has(callee))
      return { type: "call", callee, args: node.arguments.map((a) => readWritten(a, source, sdk)), span };
  }
  const ref = ts.isIdentifier(node) || ts.isPropertyAccessExpression(node) ? readRef(node, source) : undefined;
  if (ref?.type === "handle") return { type: "handle", ref: ref.ref };
  return { type: "dynamic", ...dynamicFact(node, source) };
}

/**
 * An `ins` value or `deps` element: `AssetIn(x, { partitionMapping })`, `AssetDep(...)`, `{ asset: x, partitionMapping }`,
 * or the upstream itself.
 */
export function readUpstream(expr: ts.Expression, source: ts.SourceFile, sdk: SdkNames): UpstreamFact {
  const node = unwrap(expr);
  let target: ts.Expression | undefined;
  let options: ts.Expression | undefined;
  if (ts.isCallExpression(node) && UPSTREAM_CALLS.includes(sdk.calleeName(node.expression) ?? "")) {
    target = node.arguments[0];
    options = node.arguments[1];
  } else if (ts.isObjectLiteralExpression(node)) {
    target = propertyValue(node, "asset");
    options = node;
  }
  if (!target) return readKeyRef(expr, source);
  const upstream: UpstreamFact = readKeyRef(target, source);
  const optionsNode = options && unwrap(options);
  const mapping =
    optionsNode && ts.isObjectLiteralExpression(optionsNode) && propertyValue(optionsNode, "partitionMapping");
  if (mapping) upstream.mapping = readWritten(mapping, source, sdk);
  else if (optionsNode && !ts.isObjectLiteralExpression(optionsNode))
    upstream.mapping = { type: "dynamic", ...dynamicFact(optionsNode, source) };
  return upstream;
}

/** What the runtime refuses outside a partitioned asset (the runner's context throws, naming the asset). */
const PARTITION_READS = new Set(["partitionKey", "partitionKeys", "partitionKeyRange", "partitionTimeWindow"]);
/** Reading this is how a function guards its partition reads: then it may run unpartitioned too. */
const GUARD = "hasPartitionKey";

/**
 * The partition properties `fn` reads from its context parameter (`ctx.partitionKey`, `const { partitionKey } = ctx`,
 * `({ partitionKey }) => …`). `contextIndex`: the context's parameter position (1 after `ins`, else 0).
 */
export function contextReads(
  fn: ts.Expression,
  contextIndex: number,
  source: ts.SourceFile,
): DefinitionFact["contextReads"] {
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
  const parameter = fn.parameters[contextIndex]?.name;
  if (!parameter) return undefined;
  const reads: ContextReadFact[] = [];
  let guarded = false;
  const destructured = (pattern: ts.ObjectBindingPattern) => {
    for (const element of pattern.elements) {
      const name = element.propertyName ? propertyName(element.propertyName) : (element.name as ts.Identifier).text;
      if (name === GUARD) guarded = true;
      else if (name && PARTITION_READS.has(name))
        reads.push({ name, span: { start: element.getStart(source), end: element.end } });
    }
  };
  if (ts.isObjectBindingPattern(parameter)) destructured(parameter);
  else if (ts.isIdentifier(parameter)) {
    const context = parameter.text;
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === context) {
        const name = node.name.text;
        if (name === GUARD) guarded = true;
        else if (PARTITION_READS.has(name)) reads.push({ name, span: { start: node.getStart(source), end: node.end } });
      } else if (
        ts.isVariableDeclaration(node) &&
        ts.isObjectBindingPattern(node.name) &&
        node.initializer &&
        ts.isIdentifier(unwrap(node.initializer)) &&
        (unwrap(node.initializer) as ts.Identifier).text === context
      )
        destructured(node.name);
      ts.forEachChild(node, visit);
    };
    visit(fn.body);
  }
  return reads.length > 0 ? { reads, guarded } : undefined;
}
