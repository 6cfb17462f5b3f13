import { existsSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { DEFAULT_STORE_FOLDER, STORE_URL_VARIABLE } from "../protocol";
import { LinkRefused } from "../io/links";
import { parseStoreLocation } from "../store/postgres/storeUrl";
import { StoreUnavailable } from "../store/sqliteStore";
import { assertStoreFolderSafe } from "../store/storeFolder";
import { CliError, type CommandIO, type OptionSpec, type ParsedArgs } from "./command";
import { workspaceRootFor } from "./workspaceRoot";

/** Every runner command takes `--store DIR|URL`. */
export const storeOption: OptionSpec = {
  flags: "--store <DIR|URL>",
  description:
    "the store folder (default: .assetline in the workspace root), or a shared postgres://user@host/db?schema=NAME store (also ASSETLINE_STORE_URL)",
};

/** Commands that analyze the workspace take `--definitions FILE`, as the editor's `assetline.definitionsFile` setting. */
export const definitionsOption: OptionSpec = {
  flags: "--definitions <FILE>",
  description: "read the assets this file holds or imports (default: every file)",
};

export interface WorkspacePaths {
  root: string;
  storeDir: string;
  /** Relative to the root, forward slashes, as the analyzer takes it; absent: auto-discovery. */
  definitionsFile?: string;
}

function pathsOf(args: ParsedArgs, cwd: string, dir: string | undefined): WorkspacePaths {
  const root = workspaceRootFor(resolve(cwd, dir ?? "."), dir !== undefined);
  const { definitions } = args.values;
  return {
    root,
    storeDir: storeDirOf(args, cwd, () => root),
    ...(typeof definitions === "string" &&
      definitions.trim() !== "" && {
        definitionsFile: relative(root, resolve(cwd, definitions.trim())).split("\\").join("/"),
      }),
  };
}

function storeLocationOf(store: string) {
  try {
    return parseStoreLocation(store);
  } catch (error) {
    throw new CliError(`--store: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * `--store DIR` when given; otherwise the workspace root's store, finding the root only then. `--store URL` names the
 * shared store the records go to (for this process and those it starts) and keeps the root's folder for the rest.
 */
function storeDirOf(args: ParsedArgs, cwd: string, root: () => string): string {
  const { store } = args.values;
  if (typeof store === "string") {
    if (storeLocationOf(store).kind === "sqlite") return resolve(cwd, store);
    process.env[STORE_URL_VARIABLE] = store;
  }
  const workspace = root();
  const storeDir = join(workspace, DEFAULT_STORE_FOLDER);
  // Only a folder the user chose (--store) may lie outside the workspace.
  assertStoreFolderSafe(storeDir, workspace);
  return storeDir;
}

/** For commands whose only positional is the workspace folder. */
export function workspacePaths(args: ParsedArgs, cwd: string): WorkspacePaths {
  return pathsOf(args, cwd, args.positionals[0]);
}

/** For `KEY... [dir]`: the last positional is the workspace folder when it names an existing directory. */
export function keysAndDir(args: ParsedArgs, cwd: string): { keys: string[]; dir: string | undefined } {
  const positionals = [...args.positionals];
  const last = positionals.at(-1);
  const isDir = last !== undefined && existsSync(resolve(cwd, last)) && statSync(resolve(cwd, last)).isDirectory();
  const dir = isDir ? positionals.pop() : undefined;
  return { keys: positionals, dir };
}

export function keysAndPaths(args: ParsedArgs, cwd: string): WorkspacePaths & { keys: string[] } {
  const { keys, dir } = keysAndDir(args, cwd);
  return { ...pathsOf(args, cwd, dir), keys };
}

/** For commands that need only the store: the workspace is looked for only without `--store`. */
export function storePaths(args: ParsedArgs, cwd: string, dir: string | undefined): { storeDir: string } {
  return { storeDir: storeDirOf(args, cwd, () => workspaceRootFor(resolve(cwd, dir ?? "."), dir !== undefined)) };
}

/** `--limit N` of a listing command: a positive whole number, `fallback` when not given. */
export function limitOf(args: ParsedArgs, fallback: number): number {
  const limit = Number(args.values.limit ?? fallback);
  if (!Number.isInteger(limit) || limit < 1)
    throw new CliError(`--limit must be a positive whole number, not "${String(args.values.limit)}".`);
  return limit;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Prints a command's failure as one line and returns its exit code: 2 for a mistake in the call or its setting (no
 * workspace, an unreadable store), `otherwise` for the command's own failures. Without `otherwise` an unexpected error
 * is rethrown, so a bug still shows its stack.
 */
export function failure(io: CommandIO, command: string, error: unknown, otherwise?: number): number {
  const code =
    error instanceof CliError
      ? error.exitCode
      : error instanceof StoreUnavailable || error instanceof LinkRefused
        ? 2
        : (otherwise ?? undefined);
  if (code === undefined) throw error;
  io.stderr(`assetline ${command}: ${errorMessage(error)}\n`);
  return code;
}

/** For `ARG [dir]` commands: the argument and the store folder; throws what to give when the argument is missing. */
export function argumentAndStore(args: ParsedArgs, cwd: string, missing: string): { arg: string; storeDir: string } {
  const [arg, dir] = args.positionals;
  if (!arg) throw new CliError(`${missing}.`);
  return { arg, storeDir: storePaths(args, cwd, dir).storeDir };
}
