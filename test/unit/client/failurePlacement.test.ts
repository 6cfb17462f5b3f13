import type { AssetNode, SourceLocation } from "assetline/protocol";
import { describe, expect, it } from "vitest";
import {
  assetFailed,
  assetNotMaterialized,
  checkFailed,
  failureId,
  placeFailure,
  type RecordedFailure,
} from "../../../client/src/run/failurePlacement";

const file = "/work/shop/src/orders.ts";
const at = (startLine: number, endLine: number, startCharacter = 0): SourceLocation => ({
  file,
  range: { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: 3 } },
});
/** `orders` defined over lines start..start+6, its name on the first line. */
function orders(start: number): AssetNode {
  return {
    key: "orders",
    kind: "asset",
    group: "default",
    tags: {},
    kinds: [],
    owners: [],
    codeVersion: "v1",
    location: at(start, start + 6, 22),
    nameLocation: { file, range: { start: { line: start, character: 13 }, end: { line: start, character: 19 } } },
  };
}
/** Failed when `orders` started on line 10, thrown on (one-based) line 14, column 11: inside its body. */
const failure = (thrownFile = file, thrownLine = 14): RecordedFailure =>
  assetFailed(
    "orders",
    "r7",
    { message: "no rows", location: { file: thrownFile, line: thrownLine, column: 11 } },
    orders(10),
  );
/** `orders:unique_order_id` defined over lines start..start+3; a check has no name place of its own. */
const uniqueCheck = (start: number) => ({ location: at(start, start + 3) });
const unknownLength = () => undefined;

describe("failure diagnostic placement", () => {
  it("underlines the asset's name where the definition is now, after lines were added above it", () => {
    const placed = placeFailure(failure(), orders(13), unknownLength);
    expect(placed?.range).toEqual({ start: { line: 13, character: 13 }, end: { line: 13, character: 19 } });
    expect(placed?.message).toBe("orders failed in run r7: no rows");
    expect(placed?.severity).toBe("error");
  });

  it("moves a 'thrown here' inside the definition along with it", () => {
    expect(placeFailure(failure(), orders(10), unknownLength)?.thrownAt).toEqual({
      file,
      position: { line: 13, character: 10 },
    });
    expect(placeFailure(failure(), orders(13), unknownLength)?.thrownAt).toEqual({
      file,
      position: { line: 16, character: 10 },
    });
    expect(placeFailure(failure(), orders(7), unknownLength)?.thrownAt).toEqual({
      file,
      position: { line: 10, character: 10 },
    });
  });

  it("leaves a 'thrown here' outside the definition or in another file where the run saw it", () => {
    const helper = "/work/shop/src/helpers.ts";
    expect(placeFailure(failure(helper), orders(13), unknownLength)?.thrownAt).toEqual({
      file: helper,
      position: { line: 13, character: 10 },
    });
    expect(placeFailure(failure(file, 3), orders(13), unknownLength)?.thrownAt).toEqual({
      file,
      position: { line: 2, character: 10 },
    });
  });

  it("never points 'thrown here' past the end of the open document", () => {
    const placed = placeFailure(failure(file, 3), orders(0), () => 2);
    expect(placed?.thrownAt).toEqual({ file, position: { line: 1, character: 0 } });
  });

  it("shows nothing for an asset the graph no longer has (renamed away or deleted)", () => {
    expect(placeFailure(failure(), undefined, unknownLength)).toBeUndefined();
  });

  it("falls back to the whole definition when the asset's name has no place of its own", () => {
    const { nameLocation: _, ...unnamed } = orders(12);
    expect(placeFailure(failure(), unnamed, unknownLength)?.range).toEqual(at(12, 18, 22).range);
  });

  it.each([
    {
      what: "a failed blocking check: an error on its whole definition, with the step's error",
      recorded: checkFailed(
        "orders:unique_order_id",
        undefined,
        "r7",
        { message: "check unique_order_id on orders failed: 2 duplicates" },
        uniqueCheck(30),
      ),
      node: uniqueCheck(32),
      expected: {
        file,
        range: at(32, 35).range,
        severity: "error",
        message: "in run r7: check unique_order_id on orders failed: 2 duplicates",
      },
    },
    {
      what: "an asset a blocking check kept from materializing: a warning on its name, with the runner's reason",
      recorded: assetNotMaterialized("orders", "r7", "blocked by check unique_order_id on orders_raw", orders(10)),
      node: orders(10),
      expected: {
        file,
        range: orders(10).nameLocation?.range,
        severity: "warning",
        message: "not materialized in run r7: blocked by check unique_order_id on orders_raw",
      },
    },
  ])("places $what", ({ recorded, node, expected }) => {
    expect(placeFailure(recorded, node, unknownLength)).toEqual(expected);
  });

  it("moves a check's 'thrown here' along with the check's definition", () => {
    const thrown = { message: "check unique_order_id on orders failed", location: { file, line: 32, column: 5 } };
    const recorded = checkFailed("orders:unique_order_id", undefined, "r7", thrown, uniqueCheck(30));
    expect(placeFailure(recorded, uniqueCheck(34), unknownLength)?.thrownAt).toEqual({
      file,
      position: { line: 35, character: 4 },
    });
  });

  it.each([
    {
      what: "an asset's failure and its skip replace each other",
      a: failure(),
      b: assetNotMaterialized("orders", "r8", "blocked by check x on y", orders(10)),
      same: true,
    },
    {
      what: "each partition of a check fails on its own",
      a: checkFailed("orders:unique_order_id", "2026-03-01", "r7", { message: "m" }, uniqueCheck(30)),
      b: checkFailed("orders:unique_order_id", "2026-03-02", "r7", { message: "m" }, uniqueCheck(30)),
      same: false,
    },
  ])("ids: $what", ({ a, b, same }) => {
    expect(failureId(a) === failureId(b)).toBe(same);
  });
});
