/** Reads the literal parts of a definition's options object: keys, metadata-like fields, `ins`, `deps`, `specs`. */
import ts from "typescript";
import { readCheckEntries, readFreshness } from "./extractChecks";
import { readCondition } from "./extractAutomation";
import { readUpstream, readWritten } from "./extractPartitions";
import { readRequestedResources } from "./extractResources";
import type { DefinitionFact, DynamicFact, RefFact, StringFact } from "./facts";

/** How one file names the SDK's exports (imports under another name, `import * as`). */
export interface SdkNames {
  calleeName(expr: ts.Expression): string | undefined;
  /** How this file can write a call of these SDK functions: local names (aliases too) and `namespace.name`. */
  spellings(imported: readonly string[]): string[];
}

export function propertyName(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) ? name.text : undefined;
}

/** The value of `name` in an object literal (`name: value` or the shorthand `name`). */
export function propertyValue(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property) && propertyName(property.name) === name) return property.initializer;
    if (ts.isShorthandPropertyAssignment(property) && property.name.text === name) return property.name;
  }
  return undefined;
}

export function unwrap(expr: ts.Expression): ts.Expression {
  while (
    ts.isParenthesizedExpression(expr) ||
    ts.isAsExpression(expr) ||
    ts.isSatisfiesExpression(expr) ||
    ts.isNonNullExpression(expr)
  )
    expr = expr.expression;
  return expr;
}

export function readString(expr: ts.Expression, source: ts.SourceFile): StringFact | undefined {
  const node = unwrap(expr);
  if (!ts.isStringLiteral(node) && !ts.isNoSubstitutionTemplateLiteral(node)) return undefined;
  return { value: node.text, span: { start: node.getStart(source) + 1, end: node.end - 1 } };
}

/** A key string, a handle (`orders`) or a namespaced handle (`ns.orders`); anything else cannot be followed. */
export function readRef(expr: ts.Expression, source: ts.SourceFile): Exclude<RefFact, { type: "dynamic" }> | undefined {
  const key = readString(expr, source);
  if (key) return { type: "key", key };
  const node = unwrap(expr);
  if (ts.isIdentifier(node))
    return { type: "handle", ref: { name: node.text, span: { start: node.getStart(source), end: node.end } } };
  if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
    return {
      type: "handle",
      ref: {
        name: node.expression.text,
        member: node.name.text,
        span: { start: node.getStart(source), end: node.end },
      },
    };
  }
  return undefined;
}

/** `readRef`, or, for any other expression, what it is: a key or upstream written there cannot be followed. */
export function readKeyRef(expr: ts.Expression, source: ts.SourceFile): RefFact {
  return readRef(expr, source) ?? { type: "dynamic", ...dynamicFact(expr, source) };
}

const MAX_TEXT = 40;

export function dynamicFact(expr: ts.Expression, source: ts.SourceFile): DynamicFact {
  const start = expr.getStart(source);
  const written = source.text.slice(start, expr.end).replace(/\s+/g, " ");
  // Messages quote it in backticks: a template's own would nest.
  const text =
    ts.isTemplateExpression(unwrap(expr)) && written.startsWith("`") && written.endsWith("`")
      ? written.slice(1, -1)
      : written;
  return {
    what: describeExpression(expr),
    text: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text,
    span: { start, end: expr.end },
  };
}

/** Completes "`x` is ...", for a value the analyzer cannot follow. */
export function describeExpression(expr: ts.Expression): string {
  const node = unwrap(expr);
  if (ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isTaggedTemplateExpression(node))
    return "a function call";
  if (ts.isAwaitExpression(node)) return "an awaited value";
  if (ts.isTemplateExpression(node)) return "a template with substitutions";
  if (ts.isSpreadElement(node)) return "a spread of values";
  if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) return "a property read";
  return "a computed value";
}

function readStrings(expr: ts.Expression): string[] | undefined {
  const node = unwrap(expr);
  if (!ts.isArrayLiteralExpression(node)) return undefined;
  return node.elements.flatMap((e) => (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) ? [e.text] : []));
}

function readStringRecord(expr: ts.Expression): Record<string, string> | undefined {
  const node = unwrap(expr);
  if (!ts.isObjectLiteralExpression(node)) return undefined;
  const record: Record<string, string> = {};
  for (const property of node.properties) {
    if (!ts.isPropertyAssignment(property)) continue;
    const name = propertyName(property.name);
    const value = unwrap(property.initializer);
    if (name !== undefined && (ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value)))
      record[name] = value.text;
  }
  return record;
}

/** Fills `definition` from its options; `inlineSpec` reads an `AssetSpec(...)` call inside `specs`. */
export function readOptions(
  options: ts.ObjectLiteralExpression,
  source: ts.SourceFile,
  definition: DefinitionFact,
  sdk: SdkNames,
  inlineSpec: (call: ts.CallExpression) => DefinitionFact | undefined,
): void {
  const facts = definition.options;
  for (const property of options.properties) {
    if (!ts.isPropertyAssignment(property)) continue;
    const value = property.initializer;
    switch (propertyName(property.name)) {
      case "key":
      case "name": {
        // `key` wins over its alias `name`, whichever comes first.
        if (!(facts.key && propertyName(property.name) === "name")) facts.key = readKeyRef(value, source);
        break;
      }
      case "group":
      case "description":
      case "codeVersion":
      case "pool": {
        const text = readString(value, source);
        if (text) facts[propertyName(property.name) as "group" | "description" | "codeVersion" | "pool"] = text.value;
        break;
      }
      case "tags":
        facts.tags = readStringRecord(value);
        break;
      case "canSubset": {
        const flag = unwrap(value).kind;
        if (flag === ts.SyntaxKind.TrueKeyword || flag === ts.SyntaxKind.FalseKeyword)
          facts.canSubset = flag === ts.SyntaxKind.TrueKeyword;
        break;
      }
      case "kinds":
      case "owners":
        facts[propertyName(property.name) as "kinds" | "owners"] = readStrings(value);
        break;
      case "freshness":
        facts.freshness = readFreshness(value, source);
        break;
      case "automationCondition":
        facts.automationCondition = readCondition(value, source, sdk);
        break;
      case "resources":
        facts.resources = readRequestedResources(value, source);
        break;
      case "io":
        facts.io = readKeyRef(value, source);
        break;
      case "checks":
        definition.checks = readCheckEntries(value, source, sdk);
        break;
      case "partitionsDef":
      case "backfillPolicy":
        facts[propertyName(property.name) as "partitionsDef" | "backfillPolicy"] = readWritten(value, source, sdk);
        break;
      case "ins": {
        const ins = unwrap(value);
        if (!ts.isObjectLiteralExpression(ins)) break;
        for (const entry of ins.properties) {
          const ref = ts.isShorthandPropertyAssignment(entry)
            ? readRef(entry.name, source)
            : ts.isPropertyAssignment(entry)
              ? readUpstream(entry.initializer, source, sdk)
              : undefined;
          if (ref) definition.ins.push(ref);
        }
        break;
      }
      case "deps": {
        const deps = unwrap(value);
        if (ts.isArrayLiteralExpression(deps))
          for (const element of deps.elements) definition.deps.push(readUpstream(element, source, sdk));
        break;
      }
      case "specs": {
        const specs = unwrap(value);
        if (!ts.isArrayLiteralExpression(specs)) break;
        for (const element of specs.elements) {
          const node = unwrap(element);
          const spec = ts.isCallExpression(node) ? inlineSpec(node) : undefined;
          if (spec) definition.specs.push({ type: "inline", spec });
          else {
            const ref = readKeyRef(element, source);
            // A key string is no spec; the runtime's check (and TypeScript's) says so.
            if (ref.type !== "key")
              definition.specs.push(ref.type === "handle" ? { type: "handle", ref: ref.ref } : ref);
          }
        }
        break;
      }
    }
  }
}
