import { existsSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { DEFAULT_STORE_FOLDER } from "../protocol";
import { assertStoreFolderSafe } from "../store/storeFolder";
import type { CommandIO, ParsedArgs } from "./command";

/** Every runner command takes `--store DIR`. */
export const storeOption = { store: { type: "string" } } as const;
export const storeHelp = "--store DIR  the store folder (default: <dir>/.assetline)";

/** Commands that analyze the workspace take `--definitions FILE`, as the editor's `assetline.definitionsFile` setting. */
export const definitionsOption = { definitions: { type: "string" } } as const;
export const definitionsHelp = "--definitions FILE  read the assets this file holds or imports (default: every file)";

export interface WorkspacePaths {
  root: string;
  storeDir: string;
  /** Relative to the root, forward slashes, as the analyzer takes it; absent: auto-discovery. */
  definitionsFile?: string;
}

function pathsOf(args: ParsedArgs, cwd: string, dir: string | undefined): WorkspacePaths {
  const root = resolve(cwd, dir ?? ".");
  const { store, definitions } = args.values;
  const storeDir = typeof store === "string" ? resolve(cwd, store) : join(root, DEFAULT_STORE_FOLDER);
  // Only a folder the user chose may lie outside the workspace.
  assertStoreFolderSafe(storeDir, typeof store === "string" ? undefined : root);
  return {
    root,
    storeDir,
    ...(typeof definitions === "string" &&
      definitions.trim() !== "" && {
        definitionsFile: relative(root, resolve(cwd, definitions.trim())).split("\\").join("/"),
      }),
  };
}

/** For commands whose only positional is the workspace folder. */
export function workspacePaths(args: ParsedArgs, cwd: string): WorkspacePaths {
  return pathsOf(args, cwd, args.positionals[0]);
}

/** For `KEY... [dir]`: the last positional is the workspace folder when it names an existing directory. */
export function keysAndPaths(args: ParsedArgs, cwd: string): WorkspacePaths & { keys: string[] } {
  const positionals = [...args.positionals];
  const last = positionals.at(-1);
  const isDir = last !== undefined && existsSync(resolve(cwd, last)) && statSync(resolve(cwd, last)).isDirectory();
  const dir = isDir ? positionals.pop() : undefined;
  return { ...pathsOf(args, cwd, dir), keys: positionals };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** For `ARG [dir]` commands: the argument and the store folder, or undefined after printing what to give. */
export function argumentAndStore(
  args: ParsedArgs,
  io: CommandIO,
  command: string,
  missing: string,
): { arg: string; storeDir: string } | undefined {
  const [arg, dir] = args.positionals;
  if (!arg) {
    io.stderr(`assetline ${command}: ${missing}.\n`);
    return undefined;
  }
  return { arg, storeDir: pathsOf(args, io.cwd, dir).storeDir };
}
