import { describe, expect, it } from "vitest";
import { parseSelection, type SelectionExpr } from "../../../sdk/src/selection";

function parsed(text: string): SelectionExpr {
  const result = parseSelection(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.expr;
}

const key = (pattern: string): SelectionExpr => ({ type: "key", pattern });

describe("parseSelection: structure", () => {
  const cases: [string, SelectionExpr][] = [
    ["*", { type: "all" }],
    ["orders", key("orders")],
    ['key:"raw orders*"', key("raw orders*")],
    ["+key:a", { type: "traverse", operand: key("a"), up: "all" }],
    ["3+key:a", { type: "traverse", operand: key("a"), up: 3 }],
    ["key:a+", { type: "traverse", operand: key("a"), down: "all" }],
    ["key:a + 2", { type: "traverse", operand: key("a"), down: 2 }],
    ["2+a+", { type: "traverse", operand: key("a"), up: 2, down: "all" }],
    // As in Dagster, `tag:k` is tag k with an empty value.
    ["tag:pii", { type: "tag", key: "pii", value: "" }],
    ["tag:team = data", { type: "tag", key: "team", value: "data" }],
    ["group:gold", { type: "group", value: "gold" }],
    ["kind:dbt", { type: "kind", value: "dbt" }],
    ['owner:"a@b.io"', { type: "owner", value: "a@b.io" }],
    // A quoted `*` is literal outside key: values.
    ['group:"g*"', { type: "group", value: "g*" }],
    ["a or b or c", { type: "or", left: { type: "or", left: key("a"), right: key("b") }, right: key("c") }],
    ["a or b and c", { type: "or", left: key("a"), right: { type: "and", left: key("b"), right: key("c") } }],
    ["not a and b", { type: "and", left: { type: "not", operand: key("a") }, right: key("b") }],
    ["not +a", { type: "not", operand: { type: "traverse", operand: key("a"), up: "all" } }],
    ["a AND NOT b", { type: "and", left: key("a"), right: { type: "not", operand: key("b") } }],
    [
      "roots(a or b)+1",
      {
        type: "traverse",
        operand: { type: "roots", operand: { type: "or", left: key("a"), right: key("b") } },
        down: 1,
      },
    ],
    ["sinks((a))", { type: "sinks", operand: key("a") }],
    ["(+a)+", { type: "traverse", operand: { type: "traverse", operand: key("a"), up: "all" }, down: "all" }],
    ["2024_sales", key("2024_sales")],
    ["2+2024", { type: "traverse", operand: key("2024"), up: 2 }],
    ["warehouse/daily-orders", key("warehouse/daily-orders")],
    ['key:"and"', key("and")],
  ];
  it.each(cases)("%s", (text, expected) => {
    expect(parsed(text)).toEqual(expected);
  });
});

describe("parseSelection: errors point at the character and say what was expected", () => {
  // [text, message, offset, length]
  const cases: [string, string, number, number][] = [
    ["", "the selection is empty: write one, for example key:orders, group:bronze or *", 0, 0],
    ["   ", "the selection is empty: write one, for example key:orders, group:bronze or *", 0, 0],
    ["group:bronze and ", 'expected a selection after "and" at column 18', 17, 0],
    ["key:a and or key:b", 'expected a selection after "and" at column 11, found "or"', 10, 2],
    ["not", 'expected a selection after "not" at column 4', 3, 0],
    ["and key:a", 'expected a selection at column 1, found "and"', 0, 3],
    ["key:a key:b", 'expected "and", "or" or the end of the selection at column 7, found "key"', 6, 3],
    ["key:a)", 'expected "and", "or" or the end of the selection at column 6, found ")"', 5, 1],
    [
      "foo:x",
      'attribute "foo:" at column 1 is unknown: use key:, tag:, group:, kind:, owner:, code_location:, status:, is:, job:, changed_in_branch:, automation_type:, schedule:, sensor:, column: or table_name:',
      0,
      3,
    ],
    ["key:", 'expected a value after "key:" at column 5', 4, 0],
    [
      "key: or b",
      'expected a value after "key:" at column 6, found "or": quote a value that is a keyword, as in key:"or"',
      5,
      2,
    ],
    ["tag:pii=", 'expected a value after "tag:pii=" at column 9', 8, 0],
    ['key:"abc', 'unclosed quote at column 5: add the closing "', 4, 4],
    ["(key:a or key:b", 'expected ")" at column 16 to close the "(" at column 1', 15, 0],
    ["sinks(key:a key:b)", 'expected ")" at column 13 to close the "(" at column 6, found "key"', 12, 3],
    ["lineage(key:a)", 'unknown function "lineage()" at column 1: use roots(...) or sinks(...)', 0, 7],
    [
      "group:gold*",
      'wildcards work only in key:, column: and table_name: values; "group:" needs an exact value (column 7)',
      6,
      5,
    ],
    [
      "owner:a@b.io",
      'unexpected character "@" at column 8: quote values that contain it, as in owner:"team@example.com"',
      7,
      1,
    ],
    ["*+", '"*" already selects every asset: remove the "+" at column 2', 1, 1],
    ["+*", '"*" already selects every asset and takes no "+" (column 2)', 1, 1],
    ["++key:a", 'expected a selection after "+" at column 2, found "+"', 1, 1],
    ["2 key:a", 'expected "and", "or" or the end of the selection at column 3, found "key"', 2, 3],
    ['"orders"', 'expected a selection at column 1, found a quoted value: write key:"orders"', 0, 8],
  ];
  it.each(cases)("%j", (text, message, offset, length) => {
    expect(parseSelection(text)).toEqual({ ok: false, error: { message, offset, length } });
  });
});

describe("parseSelection: hostile input", () => {
  it("reports nesting past 500 levels instead of overflowing the stack", () => {
    const deep = `${"(".repeat(10_000)}key:a${")".repeat(10_000)}`;
    const result = parseSelection(deep);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toEqual({
      message: "the selection nests deeper than 500 levels at column 501: simplify it",
      offset: 500,
      length: 1,
    });
    expect(parseSelection(`${"not ".repeat(10_000)}key:a`).ok).toBe(false);
    expect(parseSelection(`${"(".repeat(400)}key:a${")".repeat(400)}`)).toEqual({
      ok: true,
      expr: { type: "key", pattern: "a" },
    });
  });
});
