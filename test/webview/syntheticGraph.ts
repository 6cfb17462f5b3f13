/** A synthetic workspace of any size: a layered random DAG of assets in 7 groups, with every stored state. */
import { randomLayeredDag } from "../../bench/webview/randomDag";
import type { GraphWithStatuses } from "../../sdk/src/protocol";

export function syntheticGraph(size: number): GraphWithStatuses {
  const dag = randomLayeredDag(size);
  const key = (i: number) => `asset_${i}`;
  const nodes = Array.from({ length: size }, (_, i) => ({
    key: key(i),
    kind: "asset" as const,
    group: `group_${i % 7}`,
    tags: {},
    kinds: ["table"],
    owners: [],
    codeVersion: "v1",
  }));
  const edges = Array.from({ length: dag.edges.length / 2 }, (_, e) => ({
    from: key(dag.edges[2 * e]!),
    to: key(dag.edges[2 * e + 1]!),
    kind: e % 5 === 0 ? ("order" as const) : ("data" as const),
  }));
  const states = ["fresh", "stale", "never", "failed"] as const;
  return {
    graph: { nodes, edges, jobs: [] },
    statuses: nodes.map((node, i) => ({
      key: node.key,
      state: states[i % 4]!,
      reasons: [],
      lastMaterialization: null,
    })),
  };
}
