import { rmSync } from "node:fs";
import { join } from "node:path";
import { keyProblem } from "../../define/keys";
import { FileIOManager } from "../../io/fileIOManager";
import { TieredIOManager } from "../../io/tieredIOManager";
import { openStore } from "../../store/sqliteStore";
import type { Command } from "../command";
import { keysAndPaths, storeHelp, storeOption } from "../workspaceArgs";

export const wipeCommand: Command = {
  name: "wipe",
  summary: "Forget assets' materializations and delete their stored values",
  usage: "(KEY... | --all) --yes [--store DIR] [dir]",
  help: ["--all   every asset", "--yes   confirm: this cannot be undone", storeHelp],
  options: { all: { type: "boolean" }, yes: { type: "boolean" }, ...storeOption },
  async run(args, io) {
    const { storeDir, keys } = keysAndPaths(args, io.cwd);
    const all = args.values.all === true;
    if (all === keys.length > 0) {
      io.stderr("assetline wipe: name the asset keys to wipe, or --all (not both).\n");
      return 2;
    }
    for (const key of keys) {
      const problem = keyProblem(key);
      if (problem) {
        io.stderr(`assetline wipe: ${problem}.\n`);
        return 2;
      }
    }
    if (args.values.yes !== true) {
      io.stderr(
        `assetline wipe: this deletes the stored values and history of ${all ? "every asset" : keys.join(", ")}; add --yes to do it.\n`,
      );
      return 2;
    }
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
