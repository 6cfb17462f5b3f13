import { didYouMean } from "../run/resolveSelection";
import type { StandardSchemaV1 } from "./standardSchema";

/** Run config: each asset's config by its key, as `--config`, `--config-json` and `materialize({ config })` give it. */
export type RunConfig = Record<string, unknown>;

/** The run config does not fit the selected assets: one line per problem, each naming the asset and the field. */
export class RunConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
  }
}

function pathOf(issue: StandardSchemaV1.Issue): string {
  const segments = (issue.path ?? []).map((segment) =>
    String(typeof segment === "object" && segment !== null ? segment.key : segment),
  );
  return segments.length === 0 ? "" : `${segments.join(".")}: `;
}

/** Config given for a key this run cannot take it for: not selected, or not declaring config. */
function misplaced(key: string, selected: ReadonlySet<string>, configurable: string[]): string {
  if (selected.has(key))
    return `config for ${key}: asset ${key} declares no config; give it one with asset({ config: schema }, …) or remove its entry.`;
  const others = configurable.length === 0 ? "" : ` Assets of this run that take config: ${configurable.join(", ")}.`;
  return `config for ${key}: no asset ${key} in this run takes config.${didYouMean([key], configurable)}${others}`;
}

/** A definition as the validation needs it: its schema, and its assets (a multi-asset's config is its first spec's key). */
export interface Configurable {
  config?: StandardSchemaV1;
  assets?: readonly { key?: string | undefined }[];
}

/**
 * The key a selected asset's config is given under: its own, or for a multi-asset's member its first spec's (the key
 * `ctx.assetKey` holds), since one function reads one config whichever members run.
 */
export function configKey(key: string, definition: Configurable | undefined): string {
  return definition?.assets?.[0]?.key ?? key;
}

/**
 * Validates the run config against the schema of each selected asset (`definitions`: the loaded ones, by key). An
 * asset given none is validated against `{}`, so the schema's defaults apply and its required fields are asked for.
 * Resolves with the validated values by config key, for exactly the selected definitions that declare config; throws
 * `RunConfigError` listing every problem.
 */
export async function validateRunConfig(
  given: RunConfig,
  definitions: ReadonlyMap<string, Configurable>,
  selected: ReadonlySet<string>,
): Promise<RunConfig> {
  const schemas = new Map<string, StandardSchemaV1>();
  for (const key of selected) {
    const definition = definitions.get(key);
    if (definition?.config) schemas.set(configKey(key, definition), definition.config);
  }
  const configurable = [...schemas.keys()].sort();
  const problems = Object.keys(given)
    .filter((key) => !schemas.has(key))
    .map((key) => {
      const owner = definitions.get(key)?.config && configKey(key, definitions.get(key));
      return owner !== undefined && owner !== key && schemas.has(owner)
        ? `config for ${key}: ${key} is a member of the multi-asset whose config is given under its first key: write it as { "${owner}": … }.`
        : misplaced(key, selected, configurable);
    });
  const validated: RunConfig = {};
  for (const key of configurable) {
    const result = await schemas.get(key)!["~standard"].validate(given[key] ?? {});
    if (result.issues)
      problems.push(...result.issues.map((issue) => `config for ${key}: ${pathOf(issue)}${issue.message}`));
    else validated[key] = result.value;
  }
  if (problems.length > 0) throw new RunConfigError(problems);
  return validated;
}

/** The config document's top level must be an object of asset keys: `{ "daily_report": { "days": 3 } }`. */
export function asRunConfig(value: unknown, source: string): RunConfig {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as RunConfig;
  throw new RunConfigError([
    `${source}: the run config must be an object of asset keys, like { "daily_report": { "days": 3 } }.`,
  ]);
}

/** How `materialize` and `logs` show a run's config to people: one line of JSON, as the store keeps it. */
export function runConfigLine(config: RunConfig | undefined): string {
  return config ? `run config: ${JSON.stringify(config)}\n` : "";
}
