import { keyProblem } from "../../define/keys";
import { openStore } from "../../store/openStore";
import { collectUnreferencedValues } from "../../store/storeFolder";
import { CliError, type Command } from "../command";
import { keysAndDir, storeOption, storePaths } from "../workspaceArgs";

export const wipeCommand: Command = {
  name: "wipe",
  summary: "Forget assets' materializations and delete their stored values",
  args: "(KEY... | --all) --yes [dir]",
  options: [
    { flags: "--all", description: "every asset" },
    { flags: "--yes", description: "confirm: this cannot be undone" },
    storeOption,
  ],
  async run(args, io) {
    const { keys, dir } = keysAndDir(args, io.cwd);
    const all = args.values.all === true;
    if (all === keys.length > 0) throw new CliError("name the asset keys to wipe, or --all (not both).");
    for (const key of keys) {
      const problem = keyProblem(key);
      if (problem) throw new CliError(`${problem}.`);
    }
    if (args.values.yes !== true)
      throw new CliError(
        `this deletes the stored values and history of ${all ? "every asset" : keys.join(", ")}; add --yes to do it.`,
      );
    const { storeDir } = storePaths(args, io.cwd, dir);
    const store = await openStore(storeDir);
    try {
      const count = await store.wipe(all ? "all" : keys);
      // The values go with the records, unless a run is running: it may still record a value, so they wait for its end.
      const collected = await collectUnreferencedValues(store, storeDir);
      const later = collected ? "" : " Their stored values are deleted when the running run ends.";
      io.stdout(
        all
          ? `Wiped ${count} asset${count === 1 ? "" : "s"}.${later}\n`
          : `Wiped ${count} of ${keys.length} asset${keys.length === 1 ? "" : "s"} (the others had nothing stored).${later}\n`,
      );
      return 0;
    } finally {
      await store.close();
    }
  },
};
