import type { StandardSchemaV1 } from "./standardSchema";

/** Standard JSON Schema (standardschema.dev/json-schema): what a validator may carry beside `validate` (zod ≥ 4.2 does). */
interface JsonSchemaConverter {
  input(options: { target: string }): Record<string, unknown>;
}

/**
 * The JSON Schema of what the config accepts (its input: defaults are optional there), or undefined when the validator
 * gives none. Throws what the validator throws for a schema JSON Schema cannot express (a transform, a date).
 */
export function configJsonSchema(schema: StandardSchemaV1): Record<string, unknown> | undefined {
  const converter = (schema["~standard"] as { jsonSchema?: Partial<JsonSchemaConverter> }).jsonSchema;
  if (typeof converter?.input !== "function") return undefined;
  return converter.input({ target: "draft-2020-12" });
}
