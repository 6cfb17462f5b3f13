import type { AssetCheckNode, AssetNode, SourceLocation } from "assetline/protocol";
import { describe, expect, it } from "vitest";
import { checkTree, checksOfFile } from "../../../client/src/checks/checkTree";
import { isRunChecksArg, requestedChecks } from "../../../client/src/checks/runChecksArg";

const at = (file: string, line: number): SourceLocation => ({
  file,
  range: { start: { line, character: 0 }, end: { line: line + 2, character: 1 } },
});

function check(asset: string, name: string, location: SourceLocation | undefined, extra: Partial<AssetCheckNode> = {}) {
  return {
    key: `${asset}:${name}`,
    name,
    asset,
    blocking: false,
    form: "assetCheck",
    location,
    ...extra,
  } as AssetCheckNode;
}

const asset = { kind: "asset" as const, group: "default", tags: {}, kinds: [], owners: [], codeVersion: "v1" };
const node = (key: string, file: string, line: number): AssetNode => ({
  ...asset,
  key,
  location: at(file, line),
  nameLocation: at(file, line),
});

const nodes = [node("orders", "/ws/src/orders.ts", 3), node("customers", "/ws/src/customers.ts", 1)];
const checks = [
  check("orders", "unique_order_id", at("/ws/src/checks.ts", 5), { blocking: true, description: "One row per order" }),
  check("customers", "row_count", at("/ws/src/checks.ts", 12)),
  check("orders", "positive_totals", at("/ws/src/orders.ts", 8), { form: "inline" }),
  check("orders", "not_null_customer", at("/ws/src/checks.ts", 20)),
  // Built at run time only: nowhere to place it in the editor.
  check("orders", "runtime_only", undefined),
];
const tree = checkTree(checks, nodes);

describe("the Testing view's tree of checks", () => {
  it("files each check where it is written, under its asset, in definition order", () => {
    expect(
      tree.map((file) => [file.file, file.assets.map((asset) => [asset.key, asset.checks.map((c) => c.key)])]),
    ).toEqual([
      [
        "/ws/src/checks.ts",
        [
          ["orders", ["orders:unique_order_id", "orders:not_null_customer"]],
          ["customers", ["customers:row_count"]],
        ],
      ],
      ["/ws/src/orders.ts", [["orders", ["orders:positive_totals"]]]],
    ]);
  });

  it("places an asset's item at its name only in the file that defines it (its gutter button runs its checks)", () => {
    const [checksFile, ordersFile] = tree;
    expect(checksFile?.assets.map((asset) => asset.location)).toEqual([undefined, undefined]);
    expect(ordersFile?.assets[0]?.location).toEqual(at("/ws/src/orders.ts", 3));
  });

  it("shows blocking and the description beside a check's name, and places it at its definition", () => {
    const [unique, notNull] = tree[0]?.assets[0]?.checks ?? [];
    expect(unique).toMatchObject({ name: "unique_order_id", detail: "blocking · One row per order" });
    expect(unique?.location).toEqual(at("/ws/src/checks.ts", 5));
    expect(notNull?.detail).toBeUndefined();
  });

  it.each([
    [
      "the checks written in it",
      "/ws/src/checks.ts",
      ["orders:unique_order_id", "orders:not_null_customer", "customers:row_count"],
    ],
    [
      "its inline checks and the checks of the assets it defines",
      "/ws/src/orders.ts",
      ["orders:positive_totals", "orders:unique_order_id", "orders:not_null_customer"],
    ],
    ["the checks of the asset it defines, written elsewhere", "/ws/src/customers.ts", ["customers:row_count"]],
    ["nothing for a file without assets or checks", "/ws/src/api.ts", []],
  ])("runs, from the palette in a file, %s", (_, file, keys) => {
    expect(checksOfFile(tree, nodes, file)).toEqual(keys);
  });

  it.each([
    [{ checks: ["orders:unique_order_id"] }, ["orders:unique_order_id"]],
    [{ assets: ["orders"] }, ["orders:unique_order_id", "orders:not_null_customer", "orders:positive_totals"]],
    [{ assets: ["customers"], checks: ["customers:row_count"] }, ["customers:row_count"]],
  ])("runs what a lens asks for: %j", (arg, keys) => {
    expect(isRunChecksArg(arg)).toBe(true);
    expect(requestedChecks(arg, tree)).toEqual(keys);
  });

  it.each([undefined, "orders", {}, { assets: "orders" }, { checks: [1] }])(
    "takes %j for no lens argument (the palette's current file)",
    (arg) => expect(isRunChecksArg(arg)).toBe(false),
  );
});
