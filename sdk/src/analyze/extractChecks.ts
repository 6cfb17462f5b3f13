/**
 * Reads check definitions as written: `assetCheck(...)`, `multiAssetCheck(...)`, the builtins (`checks.unique(...)`),
 * `checks: [...]` lists, and freshness policies. Plain data with spans, as the rest of the file's facts.
 */
import ts from "typescript";
import type { CheckEntryFact, CheckFact, CheckSpecFact, FreshnessFact, UpstreamFact } from "./facts";
import { readUpstream } from "./extractPartitions";
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
const BUILTINS: Record<string, (column: string) => string> = {
  rowCount: () => "row_count",
  notNull: (column) => `not_null_${column}`,
  unique: (column) => `unique_${column}`,
  freshness: () => "freshness",
};

/** The call a check definition is written with, however the file names the SDK; undefined for any other call. */
export function checkCallee(
  expr: ts.Expression,
  sdk: SdkNames,
): "assetCheck" | "multiAssetCheck" | `checks.${string}` | undefined {
  const name = sdk.calleeName(expr);
  if (name === "assetCheck" || name === "multiAssetCheck") return name;
  if (ts.isPropertyAccessExpression(expr) && expr.name.text in BUILTINS && sdk.calleeName(expr.expression) === "checks")
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
      ins: options ? readIns(options, source, sdk) : [],
      span,
    };
  }
  if (callee === "assetCheck") {
    const options = objectArg(args[0]);
    return {
      call: callee,
      local: "",
      specs: [options ? readSpec(options, span, source) : { blocking: false, span }],
      ins: options ? readIns(options, source, sdk) : [],
      span,
    };
  }
  const builtin = callee.slice("checks.".length);
  const naming = BUILTINS[builtin]!;
  const withColumn = builtin === "notNull" || builtin === "unique";
  const options = objectArg(args[withColumn ? 1 : 0]);
  const spec = options ? readSpec(options, span, source) : { blocking: false, span };
  if (!spec.name) {
    const column = withColumn ? args[0] && readString(args[0], source) : undefined;
    if (column) spec.name = { value: naming(column.value), span: column.span };
    else if (withColumn) spec.dynamicName = dynamicFact(args[0] ?? call, source);
    else spec.name = { value: naming(""), span: { start: call.expression.getStart(source), end: call.expression.end } };
  }
  const check: CheckFact = { call: "assetCheck", local: "", specs: [spec], ins: [], span };
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
    if (value) fact[field] = readString(value, source) ?? dynamicFact(value, source);
  }
  return fact;
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
        spec.name = readString(value, source) ?? spec.name;
        if (!spec.name) spec.dynamicName = dynamicFact(value, source);
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

/** A check's `ins`, read as an asset's are (`AssetIn(orders, { partitionMapping })` too). */
function readIns(options: ts.ObjectLiteralExpression, source: ts.SourceFile, sdk: SdkNames): UpstreamFact[] {
  const object = objectArg(propertyValue(options, "ins"));
  if (!object) return [];
  return object.properties.flatMap((entry) =>
    ts.isShorthandPropertyAssignment(entry)
      ? [readKeyRef(entry.name, source)]
      : ts.isPropertyAssignment(entry)
        ? [readUpstream(entry.initializer, source, sdk)]
        : [],
  );
}
