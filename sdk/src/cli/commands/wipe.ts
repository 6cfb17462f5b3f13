import { keyProblem } from "../../define/keys";
import { openStore } from "../../store/sqliteStore";
import { collectUnreferencedValues } from "../../store/storeFolder";
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
      const count = store.wipe(all ? "all" : keys);
      // The values go with the records, unless a run is running: it may still record a value, so they wait for its end.
      const collected = collectUnreferencedValues(store, storeDir);
      const later = collected ? "" : " Their stored values are deleted when the running run ends.";
      io.stdout(
        all
          ? `Wiped ${count} asset${count === 1 ? "" : "s"}.${later}\n`
          : `Wiped ${count} of ${keys.length} asset${keys.length === 1 ? "" : "s"} (the others had nothing stored).${later}\n`,
      );
      return 0;
    } finally {
      store.close();
    }
  },
};
