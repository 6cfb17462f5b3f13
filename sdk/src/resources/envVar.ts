/** `EnvVar("NAME")`: a placeholder in a resource's config, read from the run's environment when the resource is set up. */
const ENV_VAR = Symbol.for("assetline.EnvVar");

export interface EnvVarRef {
  readonly [ENV_VAR]: true;
  readonly envVar: string;
}

export function EnvVar(name: string): EnvVarRef {
  if (typeof name !== "string" || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    throw new TypeError(`EnvVar(${JSON.stringify(name)}): give an environment variable name such as "WAREHOUSE_URL".`);
  return { [ENV_VAR]: true, envVar: name };
}

export function isEnvVar(value: unknown): value is EnvVarRef {
  return typeof value === "object" && value !== null && ENV_VAR in value;
}

/** A variable's value, or undefined when neither the environment nor the workspace's `.env` sets it. */
export type EnvLookup = (name: string) => string | undefined;

/**
 * The config with every `EnvVar` replaced by its value (plain objects and arrays are walked; other values kept).
 * `found` hears each value, so the run can redact it; `missing` makes the error for an unset variable.
 */
export function resolveConfig(
  config: unknown,
  lookup: EnvLookup,
  found: (value: string) => void,
  missing: (name: string) => Error,
): unknown {
  if (isEnvVar(config)) {
    const value = lookup(config.envVar);
    if (value === undefined) throw missing(config.envVar);
    found(value);
    return value;
  }
  if (Array.isArray(config)) return config.map((item) => resolveConfig(item, lookup, found, missing));
  if (typeof config !== "object" || config === null || Object.getPrototypeOf(config) !== Object.prototype)
    return config;
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => [key, resolveConfig(value, lookup, found, missing)]),
  );
}
