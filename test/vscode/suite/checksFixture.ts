/**
 * Asset checks on the example's orders: the real-editor suites and the UI test write this file into their copy of the
 * workspace, so they know exactly which checks exist and how each ends. Once orders_raw and customers are stored:
 * two pass, premium_majority fails with a description and metadata, has_region throws.
 */
export const checksFile = "src/orderChecks.ts";

export const checksSource = `import { AssetCheckResult, assetCheck, checks } from "assetline";
import { customers, orders_raw } from "./orders";

export const unique_orders = checks.unique("order_id", { asset: orders_raw, blocking: true });

export const positive_amounts = assetCheck({ asset: orders_raw, description: "Amounts are positive" }, (rows) =>
  AssetCheckResult({ passed: rows.every((row) => row.amount > 0) }),
);

export const premium_majority = assetCheck({ asset: customers }, (rows) => {
  const premium = rows.filter((row) => row.segment === "Premium").length;
  return AssetCheckResult({
    passed: premium * 2 < rows.length,
    description: \`\${premium} of \${rows.length} customers are Premium\`,
    metadata: { premium: { type: "int", value: premium } },
  });
});

export const has_region = assetCheck({ asset: customers }, (rows) => {
  if (!rows.every((row) => "region" in row)) throw new Error("customers have no region column");
  return true;
});
`;

/** The Testing view's items, `file › asset › check key`, in definition order. */
export const checkItemPaths = [
  "src/orderChecks.ts › orders_raw › orders_raw:unique_order_id",
  "src/orderChecks.ts › orders_raw › orders_raw:positive_amounts",
  "src/orderChecks.ts › customers › customers:premium_majority",
  "src/orderChecks.ts › customers › customers:has_region",
];

/** How each check ends against the example's stored orders_raw and customers. */
export const expectedStates: Record<string, string> = {
  "orders_raw:unique_order_id": "passed",
  "orders_raw:positive_amounts": "passed",
  "customers:premium_majority": "failed",
  "customers:has_region": "failed",
};
