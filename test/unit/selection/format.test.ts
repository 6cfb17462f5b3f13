import { describe, expect, it } from "vitest";
import { formatSelection, parseSelection, type SelectionExpr } from "../../../sdk/src/selection";

function parsed(text: string): SelectionExpr {
  const result = parseSelection(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.expr;
}

// [as written, canonical form]
const cases: [string, string][] = [
  ["*", "*"],
  ["orders", "key:orders"],
  ["+orders", "+key:orders"],
  ['key:"orders_*"', "key:orders_*"],
  ["2 + key:a + 3", "2+key:a+3"],
  ["+(key:a)", "+key:a"],
  ["+(key:a or key:b)", "+(key:a or key:b)"],
  ["(+key:a)+", "(+key:a)+"],
  ["(not key:a)+1", "(not key:a)+1"],
  ["roots((key:a))", "roots(key:a)"],
  ["sinks(group:gold)+", "sinks(group:gold)+"],
  ["(key:a or key:b) or key:c", "key:a or key:b or key:c"],
  ["key:a or (key:b or key:c)", "key:a or (key:b or key:c)"],
  ["key:a and (key:b and key:c)", "key:a and (key:b and key:c)"],
  ["(key:a or key:b) and key:c", "(key:a or key:b) and key:c"],
  ["key:a or (key:b and key:c)", "key:a or key:b and key:c"],
  ["(not key:a) and key:b", "not key:a and key:b"],
  ["not (key:a and key:b)", "not (key:a and key:b)"],
  ["not not key:a", "not not key:a"],
  ["NOT key:a AND key:b OR key:c", "not key:a and key:b or key:c"],
  ['key:"and"', 'key:"and"'],
  ['group:"my group"', 'group:"my group"'],
  ['group:"g*"', 'group:"g*"'],
  ['owner:"alice@example.com"', 'owner:"alice@example.com"'],
  ['tag:"team"="data eng"', 'tag:team="data eng"'],
  ["key:2024+1", "key:2024+1"],
  ["key:warehouse/daily-orders", "key:warehouse/daily-orders"],
];

describe("formatSelection", () => {
  it.each(cases)("%s -> %s", (text, canonical) => {
    const expr = parsed(text);
    expect(formatSelection(expr)).toBe(canonical);
    expect(parsed(formatSelection(expr))).toEqual(expr);
  });

  it("parenthesizes built trees that no parse produces", () => {
    const a: SelectionExpr = { type: "key", pattern: "a" };
    const b: SelectionExpr = { type: "key", pattern: "b" };
    const trees: [SelectionExpr, string][] = [
      [{ type: "traverse", operand: { type: "all" }, up: 1 }, "1+(*)"],
      [{ type: "not", operand: { type: "or", left: a, right: b } }, "not (key:a or key:b)"],
      [{ type: "traverse", operand: { type: "and", left: a, right: b }, down: "all" }, "(key:a and key:b)+"],
    ];
    for (const [tree, text] of trees) {
      expect(formatSelection(tree)).toBe(text);
      expect(parsed(text)).toEqual(tree);
    }
  });

  it("refuses a value the syntax cannot hold, naming it", () => {
    expect(() => formatSelection({ type: "group", value: 'say "hi"' })).toThrow(
      'The group: value "say \\"hi\\"" cannot be written',
    );
  });
});
