/**
 * Reads check definitions as written: `assetCheck(...)`, `multiAssetCheck(...)`, the builtins (`checks.unique(...)`),
 * `checks: [...]` lists, and freshness policies. Plain data with spans, as the rest of the file's facts.
 */
import ts from "typescript";
import type { CheckEntryFact, CheckFact, CheckNameFact, CheckSpecFact, FreshnessFact, UpstreamFact } from "./facts";
import { readUpstream } from "./extractPartitions";
import { readRequestedResources } from "./extractResources";
import {
  dynamicFact,
  propertyName,
  propertyValue,
  readKeyRef,
  readRef,
  readString,
  unwrap,
  type SdkNames,
} from "./extractOptions";

/** The builtins `checks.*` offers, with the name each gives its check (`column`: its first argument). */
const BUILTINS = new Map<string, (column: string) => string>([
  ["rowCount", () => "row_count"],
  ["notNull", (column) => `not_null_${column}`],
  ["unique", (column) => `unique_${column}`],
  ["freshness", () => "freshness"],
]);

/** The call a check definition is written with, however the file names the SDK; undefined for any other call. */
function checkCallee(
  expr: ts.Expression,
  sdk: SdkNames,
): "assetCheck" | "multiAssetCheck" | `checks.${string}` | undefined {
  const name = sdk.calleeName(expr);
  if (name === "assetCheck" || name === "multiAssetCheck") return name;
  if (
    ts.isPropertyAccessExpression(expr) &&
    BUILTINS.has(expr.name.text) &&
    sdk.calleeName(expr.expression) === "checks"
  )
    return `checks.${expr.name.text}`;
  return undefined;
}

/** The check a call defines, when it is one. */
export function readCheck(call: ts.CallExpression, source: ts.SourceFile, sdk: SdkNames): CheckFact | undefined {
  const callee = checkCallee(call.expression, sdk);
  if (!callee) return undefined;
  const span = { start: call.getStart(source), end: call.end };
  const args = call.arguments;
  if (callee === "multiAssetCheck") {
    const options = objectArg(args[0]);
    const specs = options && propertyValue(options, "specs");
    const list = specs && unwrap(specs);
    return {
      call: callee,
      local: "",
      specs:
        list && ts.isArrayLiteralExpression(list)
          ? list.elements.flatMap((element) => {
              const spec = objectArg(element);
              return spec ? [readSpec(spec, { start: element.getStart(source), end: element.end }, source)] : [];
            })
          : [],
      ...(options && readIns(options, source, sdk)),
      ...(options && readResources(options, source)),
      span,
    };
  }
  if (callee === "assetCheck") {
    const options = objectArg(args[0]);
    return {
      call: callee,
      local: "",
      specs: [options ? readSpec(options, span, source) : { blocking: false, span }],
      ...(options && readIns(options, source, sdk)),
      ...(options && readResources(options, source)),
      span,
    };
  }
  const builtin = callee.slice("checks.".length);
  const naming = BUILTINS.get(builtin)!;
  const withColumn = builtin === "notNull" || builtin === "unique";
  const options = objectArg(args[withColumn ? 1 : 0]);
  const spec = options ? readSpec(options, span, source) : { blocking: false, span };
  if (!spec.name) {
    const callee = { start: call.expression.getStart(source), end: call.expression.end };
    spec.name = withColumn
      ? readName(args[0] ?? call, source, naming(""))
      : { type: "string", value: naming(""), span: callee };
  }
  const check: CheckFact = { call: "assetCheck", local: "", specs: [spec], span };
  if (builtin === "freshness") check.freshness = readFreshness(args[0] ?? call, source);
  return check;
}

/** The entries of a `checks: [...]` list. */
export function readCheckEntries(expr: ts.Expression, source: ts.SourceFile, sdk: SdkNames): CheckEntryFact[] {
  const list = unwrap(expr);
  if (!ts.isArrayLiteralExpression(list)) return [{ type: "dynamic", ...dynamicFact(expr, source) }];
  return list.elements.map((element): CheckEntryFact => {
    const node = unwrap(element);
    const check = ts.isCallExpression(node) ? readCheck(node, source, sdk) : undefined;
    if (check) return { type: "inline", check };
    const ref = readRef(element, source);
    return ref?.type === "handle" ? ref : { type: "dynamic", ...dynamicFact(element, source) };
  });
}

/** `{ maximumLag, cron?, cronTimezone? }` as written. */
export function readFreshness(expr: ts.Expression, source: ts.SourceFile): FreshnessFact {
  const span = { start: expr.getStart(source), end: expr.end };
  const object = objectArg(expr);
  if (!object) return { span, dynamic: dynamicFact(expr, source) };
  const fact: FreshnessFact = { span };
  for (const field of ["maximumLag", "cron", "cronTimezone"] as const) {
    const value = propertyValue(object, field);
    if (value) fact[field] = readKeyRef(value, source);
  }
  return fact;
}

/** A name (or a builtin's column, after `prefix`) as written. */
function readName(expr: ts.Expression, source: ts.SourceFile, prefix: string): CheckNameFact {
  const ref = readRef(expr, source);
  if (ref?.type === "key") return { type: "string", value: prefix + ref.key.value, span: ref.key.span };
  if (ref?.type === "handle") return { type: "const", prefix, ref: ref.ref };
  return { type: "dynamic", ...dynamicFact(expr, source) };
}

function objectArg(expr: ts.Expression | undefined): ts.ObjectLiteralExpression | undefined {
  const node = expr && unwrap(expr);
  return node && ts.isObjectLiteralExpression(node) ? node : undefined;
}

/** `asset`, `name`, `blocking`, `description` of an options object or a multiAssetCheck's spec. */
function readSpec(options: ts.ObjectLiteralExpression, span: CheckSpecFact["span"], source: ts.SourceFile) {
  const spec: CheckSpecFact = { blocking: false, span };
  for (const property of options.properties) {
    if (ts.isShorthandPropertyAssignment(property) && property.name.text === "asset")
      spec.asset = readKeyRef(property.name, source);
    if (!ts.isPropertyAssignment(property)) continue;
    const value = property.initializer;
    switch (propertyName(property.name)) {
      case "asset":
        spec.asset = readKeyRef(value, source);
        break;
      case "name":
        spec.name = readName(value, source, "");
        break;
      case "blocking":
        spec.blocking = unwrap(value).kind === ts.SyntaxKind.TrueKeyword;
        if (spec.blocking) spec.blockingSpan = { start: property.getStart(source), end: property.end };
        break;
      case "description": {
        const text = readString(value, source);
        if (text) spec.description = text.value;
        break;
      }
    }
  }
  return spec;
}

/** A check's `ins` when written, read as an asset's are (`AssetIn(orders, { partitionMapping })` too). */
function readResources(options: ts.ObjectLiteralExpression, source: ts.SourceFile): Pick<CheckFact, "resources"> {
  const written = propertyValue(options, "resources");
  return written ? { resources: readRequestedResources(written, source) } : {};
}

function readIns(options: ts.ObjectLiteralExpression, source: ts.SourceFile, sdk: SdkNames): { ins?: UpstreamFact[] } {
  const written = propertyValue(options, "ins");
  if (!written) return {};
  const object = objectArg(written);
  if (!object) return { ins: [] };
  const ins = object.properties.flatMap((entry) =>
    ts.isShorthandPropertyAssignment(entry)
      ? [readKeyRef(entry.name, source)]
      : ts.isPropertyAssignment(entry)
        ? [readUpstream(entry.initializer, source, sdk)]
        : [],
  );
  return { ins };
}
