/** The command lines the extension runs; kept free of vscode so tests can check them. */
import { isAbsolute, resolve } from "node:path";
import { DEFAULT_STORE_FOLDER, STORE_URL_VARIABLE } from "assetline/protocol";

/**
 * What to materialize: a selection in the selection syntax (with the partitions flags of Materialize Partition…, e.g.
 * `["--partitions", "missing"]`, and the run config file of Materialize with Config…), or everything stale (and what
 * it needs), or a job.
 */
export type RunTarget =
  | { selection: string; partitions?: string[]; configFile?: string }
  | { stale: true }
  | { job: string };

export interface CliSettings {
  /** `assetline.concurrency`: 0 lets the runner use every core. */
  concurrency: number;
  /** `assetline.storeFolder`, relative to the workspace root unless absolute. */
  storeFolder: string;
  /** `assetline.definitionsFile`, relative to the workspace root; empty means auto-discovery. */
  definitionsFile: string;
  /** `assetline.store`: a folder or a `postgres://` URL; overrides `storeFolder` when set. */
  store?: string;
  /** `assetline.executor`: `queue` runs the steps on `assetline worker`s of the shared store. */
  executor?: "local" | "queue";
  /** `assetline.storage`: the folder every worker sees, for large values and Parquet tables. */
  storage?: string;
}

/**
 * The environment a CLI the extension starts gets from the team settings: variables, not arguments, so a store URL's
 * password never shows in a process list or in the command line the output channel echoes.
 */
export function cliEnv(settings: CliSettings): Record<string, string> {
  const store = settings.store?.trim();
  const storage = settings.storage?.trim();
  return {
    ...(store && { [STORE_URL_VARIABLE]: store }),
    ...(settings.executor && { ASSETLINE_EXECUTOR: settings.executor }),
    ...(storage && { ASSETLINE_STORAGE: storage }),
  };
}

/** `--store DIR` when the setting moves the store away from the runner's own default. */
function storeArgs(root: string, settings: CliSettings): string[] {
  const folder = settings.storeFolder.trim();
  if (folder === "" || folder === DEFAULT_STORE_FOLDER) return [];
  return ["--store", isAbsolute(folder) ? folder : resolve(root, folder)];
}

/**
 * `node` arguments for a CLI command against the workspace's store. The workspace comes last and explicitly, so a key
 * or run id before it is never taken for the folder.
 */
export function cliArgs(bin: string, root: string, command: string, args: string[], settings: CliSettings): string[] {
  return [bin, command, ...args, ...storeArgs(root, settings), root];
}

/** `node` arguments for `assetline materialize --json --origin editor ...`. */
export function materializeArgs(bin: string, root: string, target: RunTarget, settings: CliSettings): string[] {
  const what =
    "stale" in target
      ? ["--stale"]
      : "job" in target
        ? ["--job", target.job]
        : [
            "--select",
            target.selection,
            ...(target.partitions ?? []),
            ...(target.configFile ? ["--config", target.configFile] : []),
          ];
  return cliArgs(
    bin,
    root,
    "materialize",
    ["--json", "--origin", "editor", ...what, ...concurrencyArgs(settings), ...definitionsArgs(root, settings)],
    settings,
  );
}

/** `--concurrency N` for a run command (materialize, check-assets); none for 0, which lets the runner use every core. */
export function concurrencyArgs(settings: CliSettings): string[] {
  if (!Number.isInteger(settings.concurrency) || settings.concurrency < 0) {
    throw new Error(
      `The setting assetline.concurrency must be a whole number of 0 or more (0 = every core); it is ${settings.concurrency}.`,
    );
  }
  return settings.concurrency > 0 ? ["--concurrency", String(settings.concurrency)] : [];
}

/** The CLI reads the same definitions the editor's analyzer reads, so it selects from the graph the user sees. */
export function definitionsArgs(root: string, settings: CliSettings): string[] {
  return settings.definitionsFile.trim() ? ["--definitions", resolve(root, settings.definitionsFile.trim())] : [];
}
