import { configDefaults, configJsonSchema } from "../../config/jsonSchema";
import { versioned } from "../../protocol";
import { didYouMean } from "../../run/resolveSelection";
import { analyzeWorkspace, loadRepository } from "../../run/workspaceRun";
import { CliError, type Command } from "../command";
import { definitionsOption, keysAndPaths, storeOption } from "../workspaceArgs";
import { runFailure } from "./materialize";

/** `config-schema KEY`: the JSON Schema of an asset's run config, for editors and `--config` files. Loads the code. */
export const configSchemaCommand: Command = {
  name: "config-schema",
  summary: "Print the JSON Schema of an asset's run config, when its validator can give one (loads the code)",
  args: "KEY [dir]",
  options: [
    {
      flags: "--json",
      description: "print { protocolVersion, key, vendor, jsonSchema, defaults } (jsonSchema null: none given)",
    },
    definitionsOption,
    storeOption,
  ],
  async run(args, io) {
    const { root, storeDir, definitionsFile, keys } = keysAndPaths(args, io.cwd);
    if (keys.length !== 1) throw new CliError("give one asset key (see `assetline list`).");
    const key = keys[0]!;
    try {
      const { entryFiles, moduleOf } = analyzeWorkspace(root, definitionsFile);
      const repository = await loadRepository({ root, storeDir, definitionsFile }, entryFiles, moduleOf);
      const schema = repository.byKey.get(key)?.config;
      if (!repository.byKey.has(key))
        throw new CliError(`no asset "${key}" in this workspace.${didYouMean([key], [...repository.byKey.keys()])}`, 1);
      if (!schema)
        throw new CliError(`asset ${key} declares no config: give it one with asset({ config: schema }, …).`, 1);
      const vendor = schema["~standard"].vendor;
      const jsonSchema = configJsonSchema(schema);
      if (args.values.json) {
        const defaults = await configDefaults(schema, jsonSchema);
        io.stdout(`${JSON.stringify(versioned({ key, vendor, jsonSchema: jsonSchema ?? null, defaults }))}\n`);
      } else if (jsonSchema) io.stdout(`${JSON.stringify(jsonSchema, null, 2)}\n`);
      else
        throw new CliError(
          `this validator (${vendor}) gives no JSON Schema for the config of ${key}: it implements Standard Schema's validation, not its JSON Schema interface.`,
          1,
        );
      return 0;
    } catch (error) {
      return runFailure(io, "config-schema", error, 1);
    }
  },
};
