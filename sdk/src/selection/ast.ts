/**
 * The parsed form of Dagster's asset selection syntax. Plain data without source offsets, so that two
 * spellings of one selection (`key:a` and `a`, extra parentheses) compare equal; offsets live in the tokens.
 */

/** How many layers a traversal walks: a count, or `"all"` for an unbounded `+`. */
export type Depth = number | "all";

export type SelectionExpr =
  | { type: "all" }
  /** `pattern` may hold `*` wildcards that match any run of characters, `/` included. */
  | { type: "key"; pattern: string }
  | { type: "group"; value: string }
  /** Without `value`: every asset carrying the tag, whatever its value. */
  | { type: "tag"; key: string; value?: string }
  | { type: "kind"; value: string }
  | { type: "owner"; value: string }
  | { type: "not"; operand: SelectionExpr }
  | { type: "and"; left: SelectionExpr; right: SelectionExpr }
  | { type: "or"; left: SelectionExpr; right: SelectionExpr }
  /** The operand plus its upstream (`up`) and/or downstream (`down`) layers; at least one is set. */
  | { type: "traverse"; operand: SelectionExpr; up?: Depth; down?: Depth }
  /** Members of the operand with no parent (`roots`) or no child (`sinks`) inside the operand. */
  | { type: "roots"; operand: SelectionExpr }
  | { type: "sinks"; operand: SelectionExpr };

/** Attributes that filter by a single value, keyed by their name in the syntax. */
const VALUE_ATTRIBUTES = ["group", "kind", "owner"] as const;

export const ATTRIBUTES = ["key", "tag", ...VALUE_ATTRIBUTES] as const;
export const FUNCTIONS = ["roots", "sinks"] as const;
export type SelectionFunction = (typeof FUNCTIONS)[number];
