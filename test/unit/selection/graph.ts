/**
 * A small graph every selection test evaluates on:
 *
 *   raw_orders ──┐
 *                ├─> orders ─> orders_daily ─> revenue ─> report
 *   raw_customers┤
 *                └─> customer_emails
 *   warehouse/orders ─> audit          (plus an edge from a key the graph lacks: ghost -> audit)
 */
import type { SelectionGraph, SelectionNode } from "../../../sdk/src/selection";

function node(key: string, group: string, extra: Partial<SelectionNode> = {}): SelectionNode {
  return { key, group, tags: {}, kinds: [], owners: [], ...extra };
}

export const graph: SelectionGraph = {
  nodes: [
    node("raw_orders", "bronze", { tags: { pii: "", domain: "sales" }, kinds: ["csv"], owners: ["alice@example.com"] }),
    node("raw_customers", "bronze", { tags: { pii: "", domain: "crm" }, owners: ["team-crm"] }),
    node("orders", "silver"),
    node("customer_emails", "silver", { tags: { pii: "" } }),
    node("orders_daily", "gold", { kinds: ["table"] }),
    node("revenue", "gold", { kinds: ["table", "duckdb"] }),
    node("report", "gold"),
    node("warehouse/orders", "default"),
    node("audit", "default"),
  ],
  edges: [
    { from: "raw_orders", to: "orders" },
    { from: "raw_customers", to: "orders" },
    { from: "raw_customers", to: "customer_emails" },
    { from: "orders", to: "orders_daily" },
    { from: "orders_daily", to: "revenue" },
    { from: "revenue", to: "report" },
    { from: "warehouse/orders", to: "audit" },
    { from: "ghost", to: "audit" },
  ],
};

export const ALL_KEYS = graph.nodes.map((n) => n.key);
