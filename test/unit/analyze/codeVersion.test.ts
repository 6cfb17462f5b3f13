import { describe, expect, it } from "vitest";
import { codeVersion } from "../../../sdk/src/analyze";

describe("codeVersion", () => {
  it.each([
    [
      "line and block comments",
      "asset(() => rows.filter((r) => r.ok))",
      "asset(() =>\n  // keep good rows\n  rows.filter( (r) => r.ok /* only */ ))",
    ],
    [
      "formatter line breaks and indentation",
      'asset({ group: "a" }, async (ctx) => { await x(); })',
      'asset(\n  { group: "a" },\n  async (ctx) => {\n    await x();\n  },\n)'.replace(",\n)", "\n)"),
    ],
    ["spaces around operators", "const t = a+b*c", "const t = a + b * c"],
    ["spaces around a division after a name", "const r = total / count / 2", "const r = total/count/2"],
  ])("ignores %s", (_name, a, b) => {
    expect(codeVersion(a)).toBe(codeVersion(b));
  });

  it.each([
    ["string contents", 'load("a b")', 'load("a  b")'],
    ["comment-like text inside strings", 'url("http://x")', 'url("http://y")'],
    ["template literal contents", "`${a} and  ${b}`", "`${a} and ${b}`"],
    ["regular expression contents", "s.split(/ +/)", "s.split(/ /)"],
    ["a regular expression after a keyword", "() => { return / a/.test(s); }", "() => { return /a/.test(s); }"],
    ["a regular expression after case", "case /x  y/.source:", "case /x y/.source:"],
    ["separated words", "a b", "ab"],
    ["a + +b and a++b", "a + +b", "a++b"],
    ["any token", "f(1, 2)", "f(1, 3)"],
  ])("changes with %s", (_name, a, b) => {
    expect(codeVersion(a)).not.toBe(codeVersion(b));
  });

  it("is a short hex string", () => {
    expect(codeVersion("x")).toMatch(/^[0-9a-f]{16}$/);
  });
});
