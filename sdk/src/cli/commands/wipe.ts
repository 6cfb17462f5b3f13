import { rmSync } from "node:fs";
import { join } from "node:path";
import { keyProblem } from "../../define/keys";
import { FileIOManager } from "../../io/fileIOManager";
import { TieredIOManager } from "../../io/tieredIOManager";
import { openStore } from "../../store/sqliteStore";
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
    const store = openStore(storeDir);
    try {
      const storage = join(storeDir, "storage");
      if (all) {
        const count = store.wipe("all");
        rmSync(storage, { recursive: true, force: true });
        io.stdout(`Wiped ${count} asset${count === 1 ? "" : "s"}.\n`);
      } else {
        const values = new TieredIOManager(store, new FileIOManager(storage));
        for (const key of keys) await values.delete(key);
        const count = store.wipe(keys);
        io.stdout(
          `Wiped ${count} of ${keys.length} asset${keys.length === 1 ? "" : "s"} (the others had nothing stored).\n`,
        );
      }
      return 0;
    } finally {
      store.close();
    }
  },
};
