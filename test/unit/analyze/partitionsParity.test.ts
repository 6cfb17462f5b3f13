/**
 * Parity for partitions: what the analyzer reads from the fixture's code without running it (definitions shared
 * through a re-exporting index, `import * as`, mappings on `ins` and `deps`, a multi-asset) equals what the SDK
 * builds when the modules are loaded.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../../sdk/src/analyze";
import { buildRepository } from "../../../sdk/src/define/repository";
import type { AssetGraph } from "../../../sdk/src/protocol/graph";

const fixture = fileURLToPath(new URL("./partitionsFixture", import.meta.url));

/** Partitions, policies and mappings, sorted; `count` is the analyzer's alone (the runtime counts with the store). */
function comparable(graph: AssetGraph) {
  return {
    nodes: graph.nodes
      .map(({ key, partitions, backfillPolicy }) => {
        const { count: _count, ...definition } = partitions ?? {};
        return { key, partitions: partitions && definition, backfillPolicy };
      })
      .sort((a, b) => a.key.localeCompare(b.key)),
    edges: graph.edges
      .map(({ from, to, kind, mapping }) => ({ edge: `${from} -${kind}-> ${to}`, mapping }))
      .sort((a, b) => a.edge.localeCompare(b.edge)),
  };
}

describe("partitions parity between the analyzer and the runtime", () => {
  it("reads the same partitions, backfill policies and mappings as the loaded code has", async () => {
    const analyzer = createAnalyzer({ root: fixture });
    analyzer.loadFromDisk();
    expect(analyzer.diagnostics()).toEqual([]);
    const modules = await Promise.all(
      analyzer.entryFiles().map((file) => import(file) as Promise<Record<string, unknown>>),
    );
    const analyzed = comparable(analyzer.graph());
    expect(analyzed).toEqual(comparable(buildRepository(modules).graph));
    expect(analyzed.nodes.filter((node) => node.partitions)).toHaveLength(10);
    expect(analyzed.edges.filter((edge) => edge.mapping)).toHaveLength(3);
  });
});
