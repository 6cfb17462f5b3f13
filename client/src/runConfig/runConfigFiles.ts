/**
 * The files Materialize with Config… writes in the extension's storage: a run config prefilled with the asset's
 * defaults, and beside it the JSON Schema its `"$schema"` names, so VS Code's JSON support completes and checks it.
 * No vscode import, so tests can check them.
 */

/** The editor title button and the lens show on files with this ending only. */
export const RUN_CONFIG_SUFFIX = ".run-config.json";

/** File names for an asset's config and its schema; a key's `/` cannot be in a file name, so the key is encoded. */
export function runConfigFileNames(key: string): { config: string; schema: string } {
  const base = encodeURIComponent(key);
  return { config: `${base}${RUN_CONFIG_SUFFIX}`, schema: `${base}.run-config.schema.json` };
}

/**
 * The schema of the whole run config file: the asset's config under its key, and `"$schema"`, which the CLI ignores.
 * The asset's own `$schema` (its dialect) moves to the top, where a JSON Schema declares it.
 */
export function runConfigSchema(key: string, configSchema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: dialect, ...schema } = configSchema;
  return {
    ...(dialect === undefined ? {} : { $schema: dialect }),
    type: "object",
    properties: { $schema: { type: "string" }, [key]: schema },
    additionalProperties: false,
  };
}

/** `{ "$schema": …, "<key>": { …defaults } }`, indented for editing; no `$schema` when the validator gave none. */
export function runConfigText(key: string, defaults: Record<string, unknown>, schemaUri: string | undefined): string {
  return `${JSON.stringify({ ...(schemaUri ? { $schema: schemaUri } : {}), [key]: defaults }, null, 2)}\n`;
}

/** The asset keys a run config file configures (its top-level keys but `"$schema"`); what Run with This Config runs. */
export function configuredKeys(text: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`this run config is not valid JSON (${(error as Error).message}): fix it, then run it again.`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new Error('a run config is an object of asset keys, like { "daily_report": { "days": 3 } }.');
  return Object.keys(value).filter((key) => key !== "$schema");
}
