/** Compiled by `npm run typecheck`, never run: `ctx.resources` holds exactly the requested keys, typed where it can be. */
import { Definitions, EnvVar, asset, createTestContext, defineResource } from "assetline";

const warehouse = defineResource({
  config: { url: EnvVar("WAREHOUSE_URL"), schema: "sales", port: 5432 },
  setup: (config) => {
    // An EnvVar is a string by the time setup runs; other config keeps its type.
    const url: string = config.url;
    const port: number = config.port;
    return { query: (sql: string) => [{ sql, url, port }] };
  },
  teardown: (client) => void client.query("close"),
});

export const orders = asset({ resources: { warehouse } }, (ctx) => {
  const rows: { sql: string; url: string; port: number }[] = ctx.resources.warehouse.query("select 1");
  // @ts-expect-error `github` was not requested
  ctx.resources.github;
  return rows;
});

export const named = asset({ resources: ["warehouse", "github"] }, (ctx) => {
  const both: [unknown, unknown] = [ctx.resources.warehouse, ctx.resources.github];
  // @ts-expect-error `slack` was not requested
  ctx.resources.slack;
  return both.length;
});

export const withIns = asset({ ins: { orders }, resources: ["github"] }, ({ orders }, ctx) => {
  // @ts-expect-error only `github` was requested
  ctx.resources.warehouse;
  return [orders.length, ctx.resources.github];
});

export const none = asset((ctx) => {
  // @ts-expect-error an asset that requests nothing has no resources
  ctx.resources.warehouse;
  return 1;
});

// A test calls the asset with a context holding a fake.
orders(createTestContext({ resources: { warehouse: { query: () => [] } } }));
// @ts-expect-error the fake lacks the resource's `query`
orders(createTestContext({ resources: { warehouse: {} } }));

// @ts-expect-error `setup` is required
defineResource({ config: {} });

export default new Definitions({ assets: [orders, named, withIns, none], resources: { warehouse, github: "token" } });
