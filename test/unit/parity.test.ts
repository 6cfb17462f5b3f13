/**
 * Parity: the graph the analyzer reads from the example's code without running it equals the graph the SDK builds
 * when the same modules are loaded, node for node and edge for edge.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../sdk/src/analyze";
import { buildRepository } from "../../sdk/src/define/repository";
import type { AssetGraph } from "../../sdk/src/protocol/graph";

const example = fileURLToPath(new URL("../../examples/ecommerce", import.meta.url));
/** The forms the example does not use: keys in constants, a multi-asset's options as its members' defaults. */
const fixture = fileURLToPath(new URL("./parityFixture", import.meta.url));

/** What both sides must agree on, sorted so that definition order does not matter. */
function comparable(graph: AssetGraph) {
  return {
    // Descriptions are left out: the analyzer also reads JSDoc comments, which loaded code no longer has.
    nodes: graph.nodes
      .map(({ key, kind, group, tags, kinds, owners, multiAsset }) => ({
        key,
        kind,
        group,
        tags,
        kinds,
        owners,
        multiAsset,
      }))
      .sort((a, b) => a.key.localeCompare(b.key)),
    edges: graph.edges.map(({ from, to, kind }) => `${from} -${kind}-> ${to}`).sort(),
    jobs: graph.jobs.map(({ name, selection }) => ({ name, selection })),
  };
}

/** The analyzer's graph and the one the SDK builds from the modules it names as entry files, as the runner loads them. */
async function bothGraphs(root: string) {
  const analyzer = createAnalyzer({ root });
  analyzer.loadFromDisk();
  const modules = await Promise.all(
    analyzer.entryFiles().map((file) => import(file) as Promise<Record<string, unknown>>),
  );
  const runtime = buildRepository(modules).graph;
  const description = (key: string) =>
    [analyzer.graph(), runtime].map((graph) => graph.nodes.find((node) => node.key === key)?.description);
  return { analyzed: comparable(analyzer.graph()), runtime: comparable(runtime), description };
}

describe("parity between the analyzer and the runtime", () => {
  it("builds the same graph for the e-commerce example", async () => {
    const { analyzed, runtime } = await bothGraphs(example);
    expect(analyzed.nodes).toHaveLength(20);
    expect(analyzed).toEqual(runtime);
  });

  it("agrees on keys held in constants and on a multi-asset's shared options", async () => {
    const { analyzed, runtime, description } = await bothGraphs(fixture);
    expect(analyzed).toEqual(runtime);
    expect(analyzed.nodes.find((node) => node.key === "customers")).toMatchObject({
      group: "crm",
      tags: { source: "crm", tier: "silver", pii: "true" },
      owners: ["team:crm"],
      multiAsset: { firstKey: "customers", canSubset: true },
    });
    expect(description("customers")).toEqual(["Exported from the CRM", "Exported from the CRM"]);
    expect(description("segments")).toEqual(["Customer segments", "Customer segments"]);
    expect(analyzed.edges).toEqual(["segments -order-> revenue", "warehouse/orders -order-> revenue"]);
  });
});
