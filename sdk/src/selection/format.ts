/**
 * Writes a selection back in its canonical spelling: `key:` always written out, values quoted only when they must
 * be, parentheses only where precedence needs them. `parseSelection(formatSelection(x))` gives `x` back.
 */
import { type Depth, RESERVED_VALUES_ALLOWED, RESERVED_WORDS, type SelectionExpr, type Value } from "./ast";
import { KEYWORDS } from "./tokens";

/** Binding strength, weakest first; an operand weaker than its context is parenthesized. */
const PRECEDENCE = { or: 1, and: 2, not: 3, atom: 4 } as const;

export function formatSelection(expr: SelectionExpr): string {
  switch (expr.type) {
    case "all":
      return "*";
    case "key":
    case "column":
    case "table_name":
      return `${expr.type}:${formatValue(expr.type, expr.pattern, true)}`;
    case "group":
    case "kind":
    case "owner":
    case "code_location":
    case "status":
    case "is":
      return `${expr.type}:${formatValue(expr.type, expr.value, false)}`;
    case "job":
    case "schedule":
    case "sensor":
      return `${expr.type}:${formatValue(expr.type, expr.name, false)}`;
    case "automation_type":
      return `automation_type:${formatValue("automation_type", expr.value, false)}`;
    case "changed_in_branch":
      return `changed_in_branch:${formatValue("changed_in_branch", expr.base, false)}`;
    case "tag": {
      // `tag:k` and `tag:k=""` are one selection; the short form is canonical.
      const key = `tag:${formatValue("tag", expr.key, false)}`;
      return expr.value === "" ? key : `${key}=${formatValue("tag", expr.value, false)}`;
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

const UNQUOTED = /^[A-Za-z0-9_\-/.]+$/;
const UNQUOTED_PATTERN = /^[A-Za-z0-9_\-/*.]+$/;

/** Unquoted when the syntax allows; `<null>` for null; quoted otherwise (a keyword, a reserved word, `""`). */
function formatValue(attribute: string, value: Value, wildcards: boolean): string {
  if (value === null) return "<null>";
  const reserved = KEYWORDS.has(value) || (RESERVED_WORDS.has(value) && !RESERVED_VALUES_ALLOWED.has(value));
  if ((wildcards ? UNQUOTED_PATTERN : UNQUOTED).test(value) && !reserved) return value;
  if (/["\r\n]/.test(value)) {
    throw new Error(
      `The ${attribute}: value ${JSON.stringify(value)} cannot be written in the selection syntax: it must be without quotes or line breaks.`,
    );
  }
  return `"${value}"`;
}
