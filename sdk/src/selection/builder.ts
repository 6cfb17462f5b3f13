/**
 * `AssetSelection`: the builder form of the selection syntax, as in Dagster's Python API. Every builder selection
 * has an exact string form (`toString()`), which is what jobs record and what the analyzer shows.
 * Asset handles are resolved to keys only when the expression is read, because an exported asset's key is filled
 * in from its export name when the workspace is loaded, after the job that names it was defined.
 */
import { namedKey, type AssetRef } from "../define/definition";
import { keyProblem } from "../define/keys";
import type { Depth, SelectionExpr } from "./ast";
import { formatSelection } from "./format";
import { parseSelection } from "./parse";

export class AssetSelection {
  private constructor(private readonly build: () => SelectionExpr) {}

  /** Every asset: `*`. */
  static all(): AssetSelection {
    return new AssetSelection(() => ({ type: "all" }));
  }

  /** The named assets, by key string or handle: `key:a or key:b`. */
  static keys(...refs: AssetRef[]): AssetSelection {
    requireSome("keys", "asset", refs);
    return new AssetSelection(() =>
      anyOf(refs.map((ref): SelectionExpr => ({ type: "key", pattern: resolveKey(ref) }))),
    );
  }

  static groups(...groups: string[]): AssetSelection {
    requireSome("groups", "group", groups);
    return new AssetSelection(() => anyOf(groups.map((value): SelectionExpr => ({ type: "group", value }))));
  }

  /** Assets whose tag `key` is exactly `value`; as in Dagster, no value means an empty one (`tag:key`). */
  static tag(key: string, value = ""): AssetSelection {
    return new AssetSelection(() => ({ type: "tag", key, value }));
  }

  static kinds(...kinds: string[]): AssetSelection {
    requireSome("kinds", "kind", kinds);
    return new AssetSelection(() => anyOf(kinds.map((value): SelectionExpr => ({ type: "kind", value }))));
  }

  static owners(...owners: string[]): AssetSelection {
    requireSome("owners", "owner", owners);
    return new AssetSelection(() => anyOf(owners.map((value): SelectionExpr => ({ type: "owner", value }))));
  }

  /** Parses the string syntax now; throws an error naming the column when it does not parse. */
  static fromString(text: string): AssetSelection {
    const result = parseSelection(text);
    if (!result.ok) throw new Error(`Invalid asset selection ${JSON.stringify(text)}: ${result.error.message}.`);
    const expr = result.expr;
    return new AssetSelection(() => expr);
  }

  /** The parsed expression; resolves asset handles to their keys. */
  get expr(): SelectionExpr {
    return this.build();
  }

  /** Adds upstream assets: all of them, or `depth` layers (`+x`, `2+x`). */
  upstream(depth?: number): AssetSelection {
    const up = checkedDepth("upstream", depth);
    return new AssetSelection(() => ({ type: "traverse", operand: this.expr, up }));
  }

  /** Adds downstream assets: all of them, or `depth` layers (`x+`, `x+2`). */
  downstream(depth?: number): AssetSelection {
    const down = checkedDepth("downstream", depth);
    return new AssetSelection(() => ({ type: "traverse", operand: this.expr, down }));
  }

  and(other: AssetSelection): AssetSelection {
    return new AssetSelection(() => ({ type: "and", left: this.expr, right: other.expr }));
  }

  or(other: AssetSelection): AssetSelection {
    return new AssetSelection(() => ({ type: "or", left: this.expr, right: other.expr }));
  }

  /** This selection without the other's assets: `a and not b`. */
  minus(other: AssetSelection): AssetSelection {
    return new AssetSelection(() => ({ type: "and", left: this.expr, right: { type: "not", operand: other.expr } }));
  }

  /** Only the members that can be materialized (no external asset), as Dagster's `.materializable()`. */
  materializable(): AssetSelection {
    return new AssetSelection(() => ({ type: "and", left: this.expr, right: { type: "is", value: "materializable" } }));
  }

  /** Members that no other member reaches from upstream, through assets outside the selection too. */
  roots(): AssetSelection {
    return new AssetSelection(() => ({ type: "roots", operand: this.expr }));
  }

  /** Members that reach no other member downstream, through assets outside the selection too. */
  sinks(): AssetSelection {
    return new AssetSelection(() => ({ type: "sinks", operand: this.expr }));
  }

  /** The canonical string syntax. */
  toString(): string {
    return formatSelection(this.expr);
  }
}

/** A job's selection as the string syntax: a string as written, a builder in its canonical form. */
export function formatSelectionInput(input: string | AssetSelection): string {
  return typeof input === "string" ? input : input.toString();
}

function anyOf(exprs: SelectionExpr[]): SelectionExpr {
  return exprs.reduce((left, right) => ({ type: "or", left, right }));
}

function requireSome(method: string, noun: string, values: unknown[]): void {
  if (values.length === 0) throw new Error(`AssetSelection.${method}() needs at least one ${noun}.`);
}

function resolveKey(ref: AssetRef): string {
  const key = namedKey(ref, "AssetSelection.keys(): an asset it names");
  const problem = keyProblem(key);
  if (problem) throw new Error(`AssetSelection.keys(): ${problem}.`);
  return key;
}

function checkedDepth(method: string, depth: number | undefined): Depth {
  if (depth === undefined) return "all";
  if (!Number.isInteger(depth) || depth < 0) {
    throw new Error(
      `AssetSelection.${method}(${depth}): give a whole number of layers (0 or more), or nothing for all of them.`,
    );
  }
  return depth;
}
