/**
 * Writes a selection back in its canonical spelling: `key:` always written out, values quoted only when they must
 * be, parentheses only where precedence needs them. `parseSelection(formatSelection(x))` gives `x` back.
 */
import type { Depth, SelectionExpr } from "./ast";
import { KEYWORDS } from "./tokens";

/** Binding strength, weakest first; an operand weaker than its context is parenthesized. */
const PRECEDENCE = { or: 1, and: 2, not: 3, atom: 4 } as const;

export function formatSelection(expr: SelectionExpr): string {
  switch (expr.type) {
    case "all":
      return "*";
    case "key":
      return `key:${formatValue("key", expr.pattern, true)}`;
    case "group":
    case "kind":
    case "owner":
      return `${expr.type}:${formatValue(expr.type, expr.value, false)}`;
    case "tag": {
      const key = `tag:${formatValue("tag", expr.key, false)}`;
      return expr.value === undefined ? key : `${key}=${formatValue("tag", expr.value, false)}`;
    }
    case "not":
      return `not ${wrap(expr.operand, PRECEDENCE.not)}`;
    case "and":
    case "or": {
      // Both are left-associative: a right operand of the same operator keeps its parentheses.
      const level = PRECEDENCE[expr.type];
      return `${wrap(expr.left, level)} ${expr.type} ${wrap(expr.right, level + 1)}`;
    }
    case "traverse": {
      const up = expr.up === undefined ? "" : `${depthText(expr.up)}+`;
      const down = expr.down === undefined ? "" : `+${depthText(expr.down)}`;
      return `${up}${traversable(expr.operand)}${down}`;
    }
    case "roots":
    case "sinks":
      return `${expr.type}(${formatSelection(expr.operand)})`;
  }
}

function precedenceOf(expr: SelectionExpr): number {
  if (expr.type === "or" || expr.type === "and" || expr.type === "not") return PRECEDENCE[expr.type];
  return PRECEDENCE.atom;
}

function wrap(expr: SelectionExpr, minimum: number): string {
  const text = formatSelection(expr);
  return precedenceOf(expr) < minimum ? `(${text})` : text;
}

/** Traversals apply to an attribute or a function call; anything else goes in parentheses. */
function traversable(expr: SelectionExpr): string {
  const text = formatSelection(expr);
  const bare =
    expr.type !== "all" && expr.type !== "not" && expr.type !== "and" && expr.type !== "or" && expr.type !== "traverse";
  return bare ? text : `(${text})`;
}

function depthText(depth: Depth): string {
  return depth === "all" ? "" : String(depth);
}

const UNQUOTED = /^[A-Za-z0-9_\-/]+$/;
const UNQUOTED_PATTERN = /^[A-Za-z0-9_\-/*]+$/;

function formatValue(attribute: string, value: string, wildcards: boolean): string {
  if ((wildcards ? UNQUOTED_PATTERN : UNQUOTED).test(value) && !KEYWORDS.has(value)) return value;
  if (value === "" || /["\r\n]/.test(value)) {
    throw new Error(
      `The ${attribute}: value ${JSON.stringify(value)} cannot be written in the selection syntax: it must be non-empty, without quotes or line breaks.`,
    );
  }
  return `"${value}"`;
}
