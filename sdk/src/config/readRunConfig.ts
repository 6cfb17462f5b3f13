/** `--config FILE` (JSON or YAML) and `--config-json '{…}'`: the run config as the CLI reads it. */
import { readFileSync } from "node:fs";
import { extname, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { asRunConfig, RunConfigError, type RunConfig } from "./validateRunConfig";

/** An editor's config file names its JSON Schema in `"$schema"` (for completion); it is no asset's config. */
function withoutSchemaKey(config: RunConfig): RunConfig {
  const { $schema: _schema, ...rest } = config;
  return rest;
}

function parsed(source: string, parse: () => unknown): RunConfig {
  let value: unknown;
  try {
    value = parse();
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new RunConfigError([`${source}: cannot be read: ${reason}`]);
  }
  return withoutSchemaKey(asRunConfig(value, source));
}

function readConfigFile(file: string, cwd: string): RunConfig {
  const source = `--config ${file}`;
  const extension = extname(file).toLowerCase();
  if (![".json", ".yaml", ".yml"].includes(extension))
    throw new RunConfigError([`${source}: give a .json, .yaml or .yml file.`]);
  return parsed(source, () => {
    const text = readFileSync(resolve(cwd, file), "utf8");
    return extension === ".json" ? JSON.parse(text) : parseYaml(text);
  });
}

/** The run config the flags give, or undefined without either; both at once is a mistake in the call. */
export function readRunConfig(file: string | undefined, json: string | undefined, cwd: string): RunConfig | undefined {
  if (file !== undefined && json !== undefined) throw new RunConfigError(["give --config or --config-json, not both."]);
  if (file !== undefined) return readConfigFile(file, cwd);
  if (json !== undefined) return parsed("--config-json", () => JSON.parse(json));
  return undefined;
}
