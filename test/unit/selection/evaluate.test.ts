import { describe, expect, it } from "vitest";
import { parseSelection, selectAssets } from "../../../sdk/src/selection";
import { ALL_KEYS, graph } from "./graph";

function select(text: string): string[] {
  const parsed = parseSelection(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return [...selectAssets(parsed.expr, graph)].sort();
}

const UPSTREAM_OF_DAILY = ["orders", "orders_daily", "raw_customers", "raw_orders"];

// Each row: a selection and the keys it must pick, as Dagster defines the operators.
const cases: [string, string[]][] = [
  ["*", ALL_KEYS],
  ["key:orders", ["orders"]],
  ["orders", ["orders"]],
  ["key:nope", []],
  ['key:"warehouse/orders"', ["warehouse/orders"]],
  // Wildcards match any run of characters, `/` included, quoted or not.
  ["key:orders*", ["orders", "orders_daily"]],
  ['key:"*orders"', ["orders", "raw_orders", "warehouse/orders"]],
  ["key:raw_*s", ["raw_customers", "raw_orders"]],
  ["key:warehouse/*", ["warehouse/orders"]],
  ["key:*", ALL_KEYS],
  // `+` alone walks every layer; a number limits the layers.
  ["+key:orders_daily", UPSTREAM_OF_DAILY],
  ["1+key:orders_daily", ["orders", "orders_daily"]],
  ["2+key:orders_daily", UPSTREAM_OF_DAILY],
  ["0+key:orders_daily", ["orders_daily"]],
  ["key:orders+", ["orders", "orders_daily", "report", "revenue"]],
  ["key:orders+1", ["orders", "orders_daily"]],
  ["key:orders+2", ["orders", "orders_daily", "revenue"]],
  ["1+key:orders+1", ["orders", "orders_daily", "raw_customers", "raw_orders"]],
  // `+x+` is x with its upstream and its downstream; `(+x)+` is everything downstream of x's upstream.
  ["+key:orders+", ["orders", "orders_daily", "raw_customers", "raw_orders", "report", "revenue"]],
  ["(+key:orders)+", ["customer_emails", "orders", "orders_daily", "raw_customers", "raw_orders", "report", "revenue"]],
  ["key:raw_orders+ and +key:orders_daily", ["orders", "orders_daily", "raw_orders"]],
  ["+(key:report or key:audit)", [...ALL_KEYS].filter((k) => k !== "customer_emails")],
  ["group:bronze", ["raw_customers", "raw_orders"]],
  ["tag:pii", ["customer_emails", "raw_customers", "raw_orders"]],
  ["tag:domain=sales", ["raw_orders"]],
  ['tag:"domain"="crm"', ["raw_customers"]],
  ["tag:domain=none", []],
  ["kind:table", ["orders_daily", "revenue"]],
  ["kind:duckdb", ["revenue"]],
  ['owner:"alice@example.com"', ["raw_orders"]],
  ["owner:team-crm", ["raw_customers"]],
  // Precedence: not binds tighter than and, and tighter than or.
  ["group:bronze or group:gold and kind:table", ["orders_daily", "raw_customers", "raw_orders", "revenue"]],
  ["(group:bronze or group:gold) and kind:table", ["orders_daily", "revenue"]],
  ["not group:bronze and tag:pii", ["customer_emails"]],
  ["not (group:bronze and tag:pii)", ALL_KEYS.filter((k) => !k.startsWith("raw_"))],
  [
    "NOT group:gold AND NOT group:default OR key:audit",
    ["audit", "customer_emails", "orders", "raw_customers", "raw_orders"],
  ],
  ["not not key:orders", ["orders"]],
  ["not *", []],
  // roots and sinks are relative to their argument, and transitive through assets outside it (as in Dagster).
  ["roots(*)", ["raw_customers", "raw_orders", "warehouse/orders"]],
  ["sinks(*)", ["audit", "customer_emails", "report"]],
  ["roots(+key:revenue)", ["raw_customers", "raw_orders"]],
  ["sinks(group:gold)", ["report"]],
  ["sinks(key:orders or key:orders_daily)", ["orders_daily"]],
  ["roots(key:orders_daily or key:report)", ["orders_daily"]],
  ["roots(group:gold)+1", ["orders_daily", "revenue"]],
];

describe("selectAssets", () => {
  it.each(cases)("%s", (text, expected) => {
    expect(select(text)).toEqual([...expected].sort());
  });

  it("returns keys in the graph's node order", () => {
    const parsed = parseSelection("key:report or key:raw_orders or key:orders");
    expect(parsed.ok && [...selectAssets(parsed.expr, graph)]).toEqual(["raw_orders", "orders", "report"]);
  });

  it("walks a 10,000-node chain without recursion limits", () => {
    const keys = Array.from({ length: 10_000 }, (_, i) => `a${i}`);
    const chain = {
      nodes: keys.map((key) => ({ key, group: "default", tags: {}, kinds: [], owners: [] })),
      edges: keys.slice(1).map((key, i) => ({ from: keys[i]!, to: key })),
    };
    const parsed = parseSelection("+key:a9999 and key:a5000+ and not sinks(*)");
    expect(parsed.ok && selectAssets(parsed.expr, chain).size).toBe(4_999);
  });
});
