/**
 * Parity: the graph the analyzer reads from the example's code without running it equals the graph the SDK builds
 * when the same modules are loaded, node for node and edge for edge.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../sdk/src/analyze";
import { buildRepository } from "../../sdk/src/define/repository";
import type { AssetGraph } from "../../sdk/src/protocol/graph";

const root = fileURLToPath(new URL("../../examples/ecommerce", import.meta.url));

/** What both sides must agree on, sorted so that definition order does not matter. */
function comparable(graph: AssetGraph) {
  return {
    nodes: graph.nodes.map(({ key, kind, group, tags, kinds, owners }) => ({ key, kind, group, tags, kinds, owners })).sort((a, b) => a.key.localeCompare(b.key)),
    edges: graph.edges.map(({ from, to, kind }) => `${from} -${kind}-> ${to}`).sort(),
    jobs: graph.jobs.map(({ name, selection }) => ({ name, selection })),
  };
}

describe("parity between the analyzer and the runtime", () => {
  it("builds the same graph for the e-commerce example", async () => {
    const analyzer = createAnalyzer({ root });
    analyzer.loadFromDisk();
    // The runtime loads the modules the analyzer names as entry files, as the runner does.
    const modules = await Promise.all(analyzer.entryFiles().map((file) => import(file) as Promise<Record<string, unknown>>));
    const runtime = comparable(buildRepository(modules).graph);
    const analyzed = comparable(analyzer.graph());
    expect(analyzed.nodes).toHaveLength(20);
    expect(analyzed.nodes).toEqual(runtime.nodes);
    expect(analyzed.edges).toEqual(runtime.edges);
    expect(analyzed.jobs).toEqual(runtime.jobs);
  });
});
