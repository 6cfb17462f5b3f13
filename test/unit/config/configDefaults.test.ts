/** What Materialize with Config… prefills a config file with: the validator's defaults, else the schema's. */
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { configDefaults, configJsonSchema } from "../../../sdk/src/config/jsonSchema";
import type { StandardSchemaV1 } from "../../../sdk/src/config/standardSchema";

const defaultsOf = (schema: StandardSchemaV1) => configDefaults(schema, configJsonSchema(schema));

describe("configDefaults", () => {
  it.each([
    [
      "every field defaulted (zod)",
      z.object({ days: z.number().default(7), title: z.string().default("Daily") }),
      { days: 7, title: "Daily" },
    ],
    ["every field defaulted (valibot, no JSON Schema)", v.object({ days: v.optional(v.number(), 7) }), { days: 7 }],
    [
      "a required field beside a default (zod)",
      z.object({ days: z.number().default(7), city: z.string() }),
      { days: 7 },
    ],
    ["a required field and no JSON Schema (valibot)", v.object({ city: v.string() }), {}],
  ])("gives %s", async (_, schema, expected) => {
    expect(await defaultsOf(schema)).toEqual(expected);
  });
});
