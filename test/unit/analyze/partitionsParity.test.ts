/**
 * Parity for partitions: what the analyzer reads from the fixture's code without running it (definitions shared
 * through a re-exporting index, `import * as`, mappings on `ins` and `deps`, a multi-asset) equals what the SDK
 * builds when the modules are loaded.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../../sdk/src/analyze";
import { buildRepository } from "../../../sdk/src/define/repository";
import { GraphOutputSchema, readCliOutput } from "../../../sdk/src/protocol";
import type { AssetGraph } from "../../../sdk/src/protocol/graph";
import { runIn } from "../cli/harness";

const fixture = fileURLToPath(new URL("./partitionsFixture", import.meta.url));

/** Partitions (with their counts: the fixture's windows all end in the past), policies and mappings, sorted. */
function comparable(graph: AssetGraph) {
  return {
    nodes: graph.nodes
      .map(({ key, partitions, backfillPolicy }) => ({ key, partitions, backfillPolicy }))
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
    expect(analyzed.nodes.find((node) => node.key === "grid")?.partitions?.count).toBe(31 * 3);
    expect(analyzed.edges.filter((edge) => edge.mapping)).toHaveLength(3);
  });

  it("prints them with graph --json, as the editor reads them, and finds no problem with check", async () => {
    const { stdout, code } = await runIn(fixture, ["graph", "--json", fixture]);
    expect(code).toBe(0);
    const read = readCliOutput(GraphOutputSchema, stdout);
    if (!read.ok) throw new Error(`graph --json is not readable: ${JSON.stringify(read)}`);
    expect(read.value.nodes.find((node) => node.key === "rolling")).toMatchObject({
      partitions: { type: "time-window", granularity: "daily", timezone: "Europe/Paris", count: 31 },
      backfillPolicy: "single-run",
    });
    expect(read.value.edges).toContainEqual(
      expect.objectContaining({
        from: "by_region",
        to: "by_country",
        mapping: { type: "static", map: { eu: ["fr", "de"], us: ["us"] } },
      }),
    );
    expect(await runIn(fixture, ["check", fixture])).toEqual({ code: 0, stdout: "", stderr: "" });
  });
});
