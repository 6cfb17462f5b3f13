/** The e-commerce example, analyzed from disk: the graph a user sees in the lineage view. */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../../sdk/src/analyze";

const root = fileURLToPath(new URL("../../../examples/ecommerce", import.meta.url));

describe("the e-commerce example's graph", () => {
  const analyzer = createAnalyzer({ root });
  analyzer.loadFromDisk();
  const graph = analyzer.graph();
  const node = (key: string) => graph.nodes.find((n) => n.key === key);

  it("has no diagnostics", () => {
    expect(analyzer.diagnostics()).toEqual([]);
  });

  it("builds bronze -> silver -> gold, the orders chain, the multi-asset, the graph asset and the warehouse pair", () => {
    const upstreamOf = (key: string) =>
      graph.edges
        .filter((e) => e.to === key)
        .map((e) => `${e.from}:${e.kind}`)
        .sort();
    expect(upstreamOf("silver_orders_enriched")).toEqual([
      "bronze_customers:data",
      "bronze_orders:data",
      "bronze_products:data",
    ]);
    expect(upstreamOf("gold_daily_revenue")).toEqual(["silver_orders_enriched:data"]);
    expect(upstreamOf("gold_monthly_revenue")).toEqual(["gold_daily_revenue:data"]);
    expect(upstreamOf("gold_city_revenue")).toEqual(["silver_orders_enriched:data"]);
    expect(upstreamOf("enriched_orders")).toEqual(["customers:data", "orders_raw:data"]);
    expect(upstreamOf("revenue_by_segment")).toEqual(["enriched_orders:data"]);
    expect(upstreamOf("warehouse/orders_audit")).toEqual(["warehouse/orders:order"]);
    expect(["users", "posts", "comments"].map((k) => node(k)?.kind)).toEqual([
      "multi-asset-member",
      "multi-asset-member",
      "multi-asset-member",
    ]);
    expect(node("validated_sales_data")).toMatchObject({
      kind: "graph-asset",
      ops: ["download_csv", "parse_csv", "validate_data"],
    });
    expect(node("warehouse/orders")).toMatchObject({ kind: "external", description: "Loaded by the nightly import" });
    expect(node("customers_data")).toMatchObject({ group: "basics", description: "List of active customers" });
  });

  it("reads the partitions shared from partitions.ts and the mapping written on an edge, without running the code", () => {
    const days = { type: "time-window", granularity: "daily", start: "2026-03-01", end: "2026-03-06", count: 5 };
    for (const key of ["bronze_orders", "silver_orders_enriched", "gold_daily_revenue"])
      expect(node(key)?.partitions, key).toMatchObject(days);
    expect(node("gold_monthly_revenue")?.partitions).toMatchObject({
      granularity: "monthly",
      start: "2026-03-01",
      end: "2026-04-01",
    });
    expect(node("gold_city_revenue")?.partitions).toMatchObject({
      type: "static",
      keys: ["Lisbon", "Porto", "Braga"],
      count: 3,
    });
    // The report and the bronze tables it does not read by day stay unpartitioned.
    for (const key of ["sales_report", "bronze_customers", "bronze_products"])
      expect(node(key)?.partitions, key).toBeUndefined();
    const mapping = (from: string, to: string) => graph.edges.find((e) => e.from === from && e.to === to)?.mapping;
    expect(mapping("silver_orders_enriched", "gold_city_revenue")).toEqual({ type: "all" });
    // The monthly roll-up reads the days that exist (March has five).
    expect(mapping("gold_daily_revenue", "gold_monthly_revenue")).toEqual({
      type: "time-window",
      startOffset: 0,
      endOffset: 0,
      allowNonexistentUpstreamPartitions: true,
    });
  });

  it("lists the Definitions' jobs with their selections in the string syntax", () => {
    expect(graph.jobs.map(({ name, selection }) => ({ name, selection }))).toEqual([
      { name: "materialize_all_sales", selection: "*" },
      { name: "gold_revenue", selection: "+key:gold_daily_revenue" },
    ]);
  });
});
