import { describe, expect, it } from "vitest";
import type { AssetNode } from "assetline/protocol";
import { findNode } from "../../../client/src/server/findNode";
import { node as assetNode } from "../status/statusFixtures";

const node = (key: string, file: string): AssetNode =>
  assetNode(key, { location: { file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } } });

describe("the node a run's failure belongs to", () => {
  const nodes = [node("orders", "/ws/shop/src/orders.ts"), node("orders", "/ws/shop-eu/src/orders.ts")];

  it("is the one defined in the folder that ran, when two folders share a key", () => {
    expect(findNode(nodes, "orders", "/ws/shop-eu")?.location?.file).toBe("/ws/shop-eu/src/orders.ts");
    // A folder whose name is a prefix of another's is not its parent.
    expect(findNode(nodes, "orders", "/ws/shop/")?.location?.file).toBe("/ws/shop/src/orders.ts");
    expect(findNode(nodes, "orders", "/ws/other")).toBeUndefined();
  });

  it("is the first with that key when no folder is given", () => {
    expect(findNode(nodes, "orders")?.location?.file).toBe("/ws/shop/src/orders.ts");
    expect(findNode(nodes, "customers")).toBeUndefined();
  });
});
