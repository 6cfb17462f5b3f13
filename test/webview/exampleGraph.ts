/** The example workspace's graph from the real analyzer, with statuses covering every stored state. */
import { join } from "node:path";
import { createAnalyzer } from "../../sdk/src/analyze";
import type { AssetStatus, GraphWithStatuses } from "../../sdk/src/protocol";

type Range = NonNullable<AssetStatus["partitions"]>["ranges"][number];

/** The health of the five days, from ranges as `status --json` gives them. */
function days(...ranges: [Range["state"], start: number, end: number][]): AssetStatus["partitions"] {
  const day = (n: number) => `2026-03-0${n}`;
  const summary = { total: 5, materialized: 0, failed: 0, missing: 0, stale: 0 };
  for (const [state, start, end] of ranges) summary[state] += end - start + 1;
  return {
    ...summary,
    ranges: ranges.map(([state, start, end]) => ({ state, start: day(start), end: day(end), count: end - start + 1 })),
  };
}

const STORED: Record<string, Pick<AssetStatus, "state" | "reasons" | "partitions">> = {
  bronze_orders: { state: "fresh", reasons: [], partitions: days(["materialized", 1, 5]) },
  bronze_products: { state: "fresh", reasons: [] },
  bronze_customers: { state: "fresh", reasons: [] },
  silver_orders_enriched: {
    state: "stale",
    reasons: ["upstream bronze_orders changed since last materialization"],
    partitions: days(["materialized", 1, 4], ["stale", 5, 5]),
  },
  gold_daily_revenue: {
    state: "failed",
    reasons: ["the last attempt failed"],
    partitions: days(["materialized", 1, 3], ["failed", 4, 4], ["missing", 5, 5]),
  },
};

export function exampleGraph(): GraphWithStatuses {
  const analyzer = createAnalyzer({ root: join(__dirname, "../../examples/ecommerce") });
  analyzer.loadFromDisk();
  const graph = analyzer.graph();
  const statuses = graph.nodes.map(({ key }): AssetStatus => {
    const stored = STORED[key] ?? { state: "never", reasons: ["never materialized"] };
    return { key, ...stored, lastMaterialization: null };
  });
  return { graph, statuses };
}
