/** Reads resource keys: those an asset's `resources` option requests, and those `new Definitions({ resources })` provides. */
import ts from "typescript";
import { propertyName, propertyValue, readRef, unwrap } from "./extractOptions";
import type { ResourceRequestFact } from "./facts";

/**
 * `["warehouse", WAREHOUSE]` (strings and key consts) or `{ warehouse, github: gh }` (the names). An entry only
 * running the code would tell (a call, a spread, a computed name) is left out: nothing is said about it.
 */
export function readRequestedResources(expr: ts.Expression, source: ts.SourceFile): ResourceRequestFact[] {
  const node = unwrap(expr);
  if (ts.isArrayLiteralExpression(node))
    return node.elements.flatMap((element) => {
      const ref = ts.isSpreadElement(element) ? undefined : readRef(element, source);
      return ref ? [ref] : [];
    });
  if (!ts.isObjectLiteralExpression(node)) return [];
  return node.properties.flatMap((property): ResourceRequestFact[] => {
    const name = property.name && propertyName(property.name);
    if (!property.name || name === undefined) return [];
    // Inside a string name's quotes, as a key string's span is (where a quick fix writes).
    const quoted = ts.isStringLiteral(property.name) ? 1 : 0;
    const span = { start: property.name.getStart(source) + quoted, end: property.name.end - quoted };
    const request: ResourceRequestFact = { type: "key", key: { value: name, span } };
    return [ts.isShorthandPropertyAssignment(property) ? { ...request, shorthand: true } : request];
  });
}

/** The keys of the options' `resources` object (none without one); undefined when it is not written out literally. */
export function readProvidedResources(options: ts.ObjectLiteralExpression | undefined): string[] | undefined {
  if (!options) return undefined;
  const value = propertyValue(options, "resources");
  if (!value) return [];
  const node = unwrap(value);
  if (!ts.isObjectLiteralExpression(node)) return undefined;
  const keys: string[] = [];
  for (const property of node.properties) {
    const name = property.name && propertyName(property.name);
    if (!property.name || name === undefined) return undefined;
    keys.push(name);
  }
  return keys;
}
