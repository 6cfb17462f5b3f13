import { describe, expect, it } from "vitest";
import { codeVersion } from "../../../sdk/src/analyze";

describe("codeVersion", () => {
  it("ignores whitespace and comments", () => {
    expect(codeVersion("asset(() => rows.filter((r) => r.ok))")).toBe(codeVersion("asset(() =>\n  // keep good rows\n  rows.filter( (r) => r.ok /* only */ ))"));
  });

  it("changes with any token, including string contents and adjacent identifiers", () => {
    const base = codeVersion('asset(() => load("a b"))');
    expect(codeVersion('asset(() => load("a  b"))')).not.toBe(base);
    expect(codeVersion("a b")).not.toBe(codeVersion("ab"));
  });

  it("is a short hex string", () => {
    expect(codeVersion("x")).toMatch(/^[0-9a-f]{16}$/);
  });
});
