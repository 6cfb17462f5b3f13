/** The example workspace's graph from the real analyzer, with statuses covering every stored state. */
import { join } from "node:path";
import { createAnalyzer } from "../../sdk/src/analyze";
import type { AssetStatus, GraphWithStatuses } from "../../sdk/src/protocol";

const STORED: Record<string, Pick<AssetStatus, "state" | "reasons">> = {
  bronze_orders: { state: "fresh", reasons: [] },
  bronze_products: { state: "fresh", reasons: [] },
  bronze_customers: { state: "fresh", reasons: [] },
  silver_orders_enriched: { state: "stale", reasons: ["upstream bronze_orders changed since last materialization"] },
  gold_daily_revenue: { state: "failed", reasons: ["the last attempt failed"] },
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
