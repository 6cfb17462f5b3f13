/**
 * Compiled by `npm run typecheck`, never run: a check's value has its asset's stored type, and a check returns a
 * result or a boolean. Each `@ts-expect-error` must meet a real type error.
 */
import {
  AssetCheckResult,
  AssetIn,
  AssetSpec,
  DailyPartitionsDefinition,
  LastPartitionMapping,
  MaterializeResult,
  asset,
  assetCheck,
  checks,
  multiAssetCheck,
} from "assetline";

const orders = asset({}, () => [{ order_id: 1, total: 10 }]);
const counted = asset({}, () => new MaterializeResult({ value: 42 }));
const daily = asset({ partitionsDef: DailyPartitionsDefinition({ startDate: "2026-03-01" }) }, () => ({ day: 1 }));

export const positive = assetCheck({ asset: orders }, (rows) => rows.every((row) => row.total > 0));
// @ts-expect-error the rows have no `price`
assetCheck({ asset: orders }, (rows) => rows[0]?.price === 1);
// A MaterializeResult<number> stores a number.
export const large = assetCheck({ asset: counted }, (value) => AssetCheckResult({ passed: value.toFixed() !== "" }));
// @ts-expect-error a key string gives `unknown`
assetCheck({ asset: "orders" }, (value) => value.length > 0);

// `ins` reads values by name, shaped by the check's asset's partitions as an asset's `ins` are.
export const joined = assetCheck(
  { asset: daily, ins: { daily, last: AssetIn(orders, { partitionMapping: LastPartitionMapping() }) } },
  ({ daily, last }) => daily.day > 0 && last.length > 0,
);

// Inline, with `ins`: an unpartitioned check reads each value whole.
export const inlineReads = assetCheck({ name: "reads", ins: { orders } }, ({ orders }) => orders[0]?.total === 10);

// @ts-expect-error a check returns an AssetCheckResult or a boolean
assetCheck({ asset: orders }, () => 42);

// A test calls a check with its asset's value.
positive([{ order_id: 2, total: 3 }]);
// @ts-expect-error the value keeps its type in direct calls
positive([{ order_id: "x" }]);

// Inline: the value is typed by annotation.
export const withChecks = asset(
  {
    checks: [
      checks.unique("order_id"),
      assetCheck({ name: "sorted" }, (rows: { order_id: number }[]) => rows.length > 0),
    ],
  },
  () => [{ order_id: 1 }],
);

export const both = multiAssetCheck(
  {
    specs: [
      { asset: orders, name: "a" },
      { asset: AssetSpec("raw"), name: "b" },
    ],
  },
  () => [AssetCheckResult({ passed: true, assetKey: "orders", checkName: "a" })],
);
// @ts-expect-error a multiAssetCheck's spec needs a name
multiAssetCheck({ specs: [{ asset: orders }] }, () => []);

// @ts-expect-error a freshness policy needs its maximum lag
asset({ freshness: { cron: "0 6 * * *" } }, () => 1);
