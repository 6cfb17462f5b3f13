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

/**
 * The config to start a file from: what `{}` validates to (every default applied), or, when fields are required, the
 * top-level defaults the JSON Schema declares.
 */
export async function configDefaults(
  schema: StandardSchemaV1,
  jsonSchema: Record<string, unknown> | undefined,
): Promise<Record<string, unknown>> {
  const result = await schema["~standard"].validate({});
  if (!result.issues && isRecord(result.value)) return result.value;
  const properties = isRecord(jsonSchema?.properties) ? jsonSchema.properties : {};
  return Object.fromEntries(
    Object.entries(properties).flatMap(([name, property]) =>
      isRecord(property) && "default" in property ? [[name, property.default]] : [],
    ),
  );
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
