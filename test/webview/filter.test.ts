/** The lineage filter box, in Node: the selection syntax with the states the view holds. */
import { describe, expect, it } from "vitest";
import type { AssetNode, AssetStatus } from "assetline/protocol";
import { applyFilter } from "../../webview/src/filter";
import { buildModel } from "../../webview/src/model";

function node(key: string, extra: Partial<AssetNode> = {}): AssetNode {
  return { key, kind: "asset", group: "default", tags: {}, kinds: [], owners: [], codeVersion: "1", ...extra };
}
const status = (key: string, state: AssetStatus["state"]): AssetStatus => ({
  key,
  state,
  reasons: [],
  lastMaterialization: null,
});

const model = buildModel({
  graph: {
    nodes: [node("raw", { kind: "external" }), node("orders"), node("report")],
    edges: [
      { from: "raw", to: "orders", kind: "data" },
      { from: "orders", to: "report", kind: "data" },
    ],
    jobs: [{ name: "nightly", selection: "+key:report" }],
  },
  statuses: [
    {
      ...status("orders", "stale"),
      // What a table IO manager records (docs/warehouse.md): column: and table_name: read it.
      lastMaterialization: {
        key: "orders",
        runId: "r1",
        timestamp: 1,
        durationMs: 1,
        metadata: {
          table_name: { type: "text", value: "silver.orders" },
          column_schema: { type: "table_schema", value: { columns: [{ name: "order_id", type: "BIGINT" }] } },
        },
        codeVersion: "1",
        dataVersion: "d",
        upstreamDataVersions: {},
      },
    },
    status("report", "failed"),
  ],
});

describe("lineage filter", () => {
  it.each([
    ["status:stale or status:failed", ["orders", "report"]],
    ["status:missing", ["raw"]],
    ["is:external", ["raw"]],
    ["job:nightly", ["orders", "report"]],
    ["column:order_id", ["orders"]],
    ["table_name:silver.*+", ["orders", "report"]],
  ])("%s picks the assets it names", (text, keys) => {
    expect(applyFilter(text, model)).toEqual({ keys: new Set(keys), error: null });
  });

  it("status:in_progress follows the live run the view overlays", () => {
    const live = (key: string) => (key === "orders" ? "running" : "never");
    expect(applyFilter("status:in_progress", model, live)).toEqual({ keys: new Set(["orders"]), error: null });
  });

  it("says a term needs the CLI instead of showing an empty graph", () => {
    expect(applyFilter("changed_in_branch:main", model)).toEqual({
      keys: null,
      error:
        '"changed_in_branch:main" needs git, which is known only when the selection is resolved for a run or a status: use the CLI\'s --select',
    });
  });
});
