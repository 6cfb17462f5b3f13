/** The command line of a check run; kept free of vscode so tests can check it. */
import { type CliSettings, cliArgs, concurrencyArgs, definitionsArgs } from "../run/materializeArgs";

/** `node` arguments for `assetline check-assets --json --origin editor --check KEY...`. */
export function checkAssetsArgs(bin: string, root: string, keys: readonly string[], settings: CliSettings): string[] {
  return cliArgs(
    bin,
    root,
    "check-assets",
    [
      "--json",
      "--origin",
      "editor",
      ...keys.flatMap((key) => ["--check", key]),
      ...concurrencyArgs(settings),
      ...definitionsArgs(root, settings),
    ],
    settings,
  );
}
