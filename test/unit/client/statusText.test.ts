import type { AssetNode, AssetStatus, GraphWithStatuses } from "assetline/protocol";
import { describe, expect, it } from "vitest";
import { statusText } from "../../../client/src/status/statusText";

function node(key: string, kind: AssetNode["kind"] = "asset"): AssetNode {
  return { key, kind, group: "default", tags: {}, kinds: [], owners: [], codeVersion: "v1" };
}
function status(key: string, state: AssetStatus["state"]): AssetStatus {
  return { key, state, reasons: [], lastMaterialization: null };
}
const graph = (statuses: AssetStatus[]): GraphWithStatuses => ({
  graph: { nodes: [node("a"), node("b"), node("c"), node("warehouse/orders", "external")], edges: [], jobs: [] },
  statuses,
});

describe("status bar text", () => {
  it("names the running step", () => {
    expect(statusText({ running: ["revenue_by_segment"], graph: graph([]), trusted: true }).text).toBe(
      "$(sync~spin) revenue_by_segment",
    );
  });

  it("counts stale, failed and never-materialized assets, but not external ones", () => {
    const text = statusText({
      running: undefined,
      graph: graph([status("a", "fresh"), status("b", "failed")]),
      trusted: true,
    }).text;
    expect(text).toBe("$(warning) 2 stale");
  });

  it("says all fresh when every own asset is fresh", () => {
    const text = statusText({
      running: undefined,
      graph: graph([status("a", "fresh"), status("b", "fresh"), status("c", "fresh")]),
      trusted: true,
    }).text;
    expect(text).toBe("$(check) Assets fresh");
  });

  it("shows restricted mode instead of states in an untrusted workspace", () => {
    expect(statusText({ running: undefined, graph: graph([]), trusted: false }).tooltip).toMatch(/not materialized/);
  });
});
