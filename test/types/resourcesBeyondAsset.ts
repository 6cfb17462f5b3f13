/** Compiled by `npm run typecheck`, never run: multi-assets, graph assets, ops and checks type `ctx.resources` as assets do. */
import { z } from "zod";
import {
  AssetCheckResult,
  AssetSpec,
  MaterializeResult,
  assetCheck,
  createCheckContext,
  defineResource,
  graphAsset,
  multiAsset,
  multiAssetCheck,
  op,
} from "assetline";

const warehouse = defineResource({ setup: () => ({ rows: (table: string) => [{ table }] }) });

export const tables = multiAsset(
  { specs: [AssetSpec("orders")], resources: { warehouse }, config: z.object({ days: z.number() }) },
  function* (ctx) {
    const rows: { table: string }[] = ctx.resources.warehouse.rows("orders");
    const days: number = ctx.config.days;
    // @ts-expect-error `github` was not requested
    ctx.resources.github;
    yield new MaterializeResult({ assetKey: "orders", value: [rows, days] });
  },
);

export const untyped = multiAsset({ specs: [AssetSpec("b")], resources: ["github"] }, function* (ctx) {
  const token: unknown = ctx.resources.github;
  // @ts-expect-error a multi-asset without config has no ctx.config
  ctx.config;
  yield new MaterializeResult({ assetKey: "b", value: token });
});

const load = op("load", { resources: { warehouse } }, (ctx, table: string) => ctx.resources.warehouse.rows(table));
// @ts-expect-error an op that requests nothing reads no resource
op("bare", (ctx) => ctx.resources.warehouse);

export const report = graphAsset({ resources: { warehouse }, config: z.object({ table: z.string() }) }, async (ctx) => {
  const table: string = ctx.config.table;
  // @ts-expect-error only `warehouse` was requested
  ctx.resources.slack;
  return (await load(table)).length;
});

export const checked = assetCheck({ asset: "orders", name: "checked", resources: { warehouse } }, (rows, ctx) => {
  const known: { table: string }[] = ctx.resources.warehouse.rows("orders");
  // @ts-expect-error `github` was not requested
  ctx.resources.github;
  return rows === known;
});
checked([], createCheckContext({ resources: { warehouse: { rows: () => [] } } }));
// @ts-expect-error the fake lacks the resource's `rows`
checked([], createCheckContext({ resources: { warehouse: {} } }));

export const plain = assetCheck({ asset: "orders", name: "plain" }, (_rows, ctx) => {
  // @ts-expect-error a check that requests nothing has no resources
  ctx.resources.warehouse;
  return true;
});

export const several = multiAssetCheck(
  { specs: [{ asset: "orders", name: "several" }], resources: ["warehouse"] },
  (_values, ctx) => [AssetCheckResult({ passed: ctx.resources.warehouse !== undefined })],
);
