/**
 * Compiled by `npm run typecheck`, never run: `ctx.config` is the config schema's output type (zod or valibot alike,
 * defaults making a field required), an asset without `config` has no `ctx.config`, and `resources` keep their types.
 */
import { asset } from "assetline";
import * as v from "valibot";
import { z } from "zod";

export const daily_report = asset(
  { config: z.object({ days: z.number().default(7), region: z.string().optional() }) },
  (ctx) => {
    const days: number = ctx.config.days;
    const region: string | undefined = ctx.config.region;
    // @ts-expect-error not in the schema
    ctx.config.weeks;
    return { days, region };
  },
);

export const summary = asset(
  { ins: { daily_report }, config: v.object({ title: v.optional(v.string(), "Summary") }) },
  ({ daily_report }, ctx) => {
    const title: string = ctx.config.title;
    // @ts-expect-error a string, not a number
    const wrong: number = ctx.config.title;
    return `${title}: ${daily_report.days} ${wrong}`;
  },
);

export const plain = asset({ ins: { summary } }, ({ summary }, ctx) => {
  // @ts-expect-error an asset without `config` has no ctx.config
  ctx.config;
  return summary.length;
});

// @ts-expect-error `config` takes a schema, not a plain object
asset({ config: { days: 7 } }, () => 1);

// Resources and config together: each keeps its own type.
export const both = asset(
  { ins: { plain }, resources: ["warehouse"], config: z.object({ limit: z.number() }) },
  ({ plain }, ctx) => {
    const limit: number = ctx.config.limit;
    const warehouse: unknown = ctx.resources.warehouse;
    // @ts-expect-error `github` was not requested
    ctx.resources.github;
    return [plain, limit, warehouse];
  },
);
