/** Issue 17: a value too large for one JSON string is reported as too large, not as "return plain data". */
import { describe, expect, it } from "vitest";
import { serializeValue } from "../../../sdk/src/io/serialize";

describe("a value over V8's string limit", () => {
  it("says it is too large and what to do instead", () => {
    // The longest string V8 allows: its JSON (with quotes) is two characters too long, as a ~700 MB table would be.
    const huge = { rows: "x".repeat(2 ** 29 - 24) };
    let message = "";
    try {
      serializeValue("big_table", huge);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^asset "big_table" returned a value too large to store/);
    expect(message).toContain("return a MaterializeResult");
    expect(message).not.toContain("plain data");
  });
});
