/**
 * Asset checks beside the example's own (orders.ts's inline unique_order_id and not_null_customer_id, checks.ts's
 * orders_have_customers and row_count, which all pass): the real-editor suites and the UI test write this file into
 * their copy of the workspace, so the Testing view holds failures of both kinds. Once customers is stored,
 * premium_majority fails with a description and metadata, and has_region throws.
 */
export const checksFile = "src/orderChecks.ts";

export const checksSource = `import { AssetCheckResult, assetCheck } from "assetline";
import { customers, orders_raw } from "./orders";

// Both assets return DuckDB tables: a check reads their rows with \`rows()\`.
export const positive_amounts = assetCheck({ asset: orders_raw, description: "Amounts are positive" }, async (orders) =>
  AssetCheckResult({ passed: (await orders.rows()).every((row) => Number(row.amount) > 0) }),
);

export const premium_majority = assetCheck({ asset: customers }, async (table) => {
  const rows = await table.rows();
  const premium = rows.filter((row) => row.segment === "Premium").length;
  return AssetCheckResult({
    passed: premium * 2 < rows.length,
    description: \`\${premium} of \${rows.length} customers are Premium\`,
    metadata: { premium: { type: "int", value: premium } },
  });
});

export const has_region = assetCheck({ asset: customers }, async (table) => {
  if (!(await table.rows()).every((row) => "region" in row)) throw new Error("customers have no region column");
  return true;
});
`;

/** The Testing view's items of the checks file, `file › asset › check key`, in definition order. */
export const fixtureItemPaths = [
  "src/orderChecks.ts › orders_raw › orders_raw:positive_amounts",
  "src/orderChecks.ts › customers › customers:premium_majority",
  "src/orderChecks.ts › customers › customers:has_region",
];

/** The example's own checks' items (those on the partitioned pipeline run only when it is materialized). */
export const exampleItemPaths = [
  "src/orders.ts › orders_raw › orders_raw:unique_order_id",
  "src/orders.ts › orders_raw › orders_raw:not_null_customer_id",
  "src/checks.ts › enriched_orders › enriched_orders:orders_have_customers",
  "src/checks.ts › revenue_by_segment › revenue_by_segment:row_count",
  "src/pipeline.ts › bronze_orders › bronze_orders:unique_order_id",
  "src/checks.ts › bronze_orders › bronze_orders:orders_per_day",
  "src/checks.ts › silver_orders_enriched › silver_orders_enriched:non_negative_totals",
  "src/checks.ts › sales_report › sales_report:counts_every_order",
];

/** The assets every check is about: materialized together, they run every check. */
export const checkedAssets = ["orders_raw", "customers", "enriched_orders", "revenue_by_segment"];

/** How each check ends against the example's values. */
export const expectedStates: Record<string, string> = {
  "orders_raw:unique_order_id": "passed",
  "orders_raw:not_null_customer_id": "passed",
  "enriched_orders:orders_have_customers": "passed",
  "revenue_by_segment:row_count": "passed",
  "orders_raw:positive_amounts": "passed",
  "customers:premium_majority": "failed",
  "customers:has_region": "failed",
};
