import { describe, expect, it } from "vitest";
import { keyAtOffset, keyTerms } from "../../../sdk/src/selection";

describe("keyTerms", () => {
  it("lists key: values and bare keys with the range a rename replaces", () => {
    expect(keyTerms('key:orders or raw_orders and 2+key:"warehouse/orders"+1 and group:orders')).toEqual([
      { key: "orders", offset: 4, length: 6, wildcard: false },
      { key: "raw_orders", offset: 14, length: 10, wildcard: false },
      { key: "warehouse/orders", offset: 36, length: 16, wildcard: false },
    ]);
  });

  it("marks patterns and skips depths, keywords, attribute and function names", () => {
    expect(keyTerms("3+orders_* or sinks(a)+2 and tag:x=y and not *")).toEqual([
      { key: "orders_*", offset: 2, length: 8, wildcard: true },
      { key: "a", offset: 20, length: 1, wildcard: false },
    ]);
  });
});

describe("keyAtOffset", () => {
  const text = 'group:gold and +key:"orders" and raw';
  it.each([
    [0, null],
    [16, { key: "orders", offset: 21, length: 6, wildcard: false }],
    [24, { key: "orders", offset: 21, length: 6, wildcard: false }],
    [27, { key: "orders", offset: 21, length: 6, wildcard: false }],
    [30, null],
    [36, { key: "raw", offset: 33, length: 3, wildcard: false }],
  ])("at %i", (offset, expected) => {
    expect(keyAtOffset(text, offset)).toEqual(expected);
  });

  it("finds the key being typed in text that does not parse yet", () => {
    expect(keyAtOffset("group:gold and key:", 19)).toEqual({ key: "", offset: 19, length: 0, wildcard: false });
    expect(keyAtOffset('key:"ord', 8)).toEqual({ key: "ord", offset: 5, length: 3, wildcard: false });
    expect(keyAtOffset("+ord", 4)).toEqual({ key: "ord", offset: 1, length: 3, wildcard: false });
  });
});
