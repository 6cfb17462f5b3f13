import { isAbsolute, join, relative, resolve } from "node:path";
import { keyProblem } from "../define/keys";

/**
 * Keys are validated again before anything is stored (they may come from a store or a command line, not only from
 * definitions): a valid key has no empty, `.` or `..` part and is not absolute, so it cannot leave the storage folder.
 */
export function assertStorableKey(key: string): void {
  const problem = keyProblem(key);
  if (problem) throw new Error(`cannot store asset "${key}": ${problem}`);
}

/**
 * The file named after `key` under `root` with `suffix`; the resolved path is checked to be inside `root` as well.
 * The default suffix gives the one-file-per-key layout of stores before schema 3 (`warehouse/orders.json`).
 */
export function storagePath(root: string, key: string, suffix = ".json"): string {
  assertStorableKey(key);
  const base = resolve(root);
  const path = `${join(base, ...key.split("/"))}${suffix}`;
  const inside = relative(base, path);
  if (inside.startsWith("..") || isAbsolute(inside)) {
    throw new Error(
      `cannot store asset "${key}": its path ${path} would leave the storage folder ${base}; rename the key.`,
    );
  }
  return path;
}

/**
 * The file that holds one stored value of `key`, named by its content hash (`warehouse/orders.<sha256>.json`).
 * Key parts have no ".", so no value file of one key can be another key's file or folder.
 */
export function valuePath(root: string, key: string, hash: string): string {
  return storagePath(root, key, `.${hash}.json`);
}

/** The Parquet file of one stored value of `key` (`warehouse/orders.<sha256>.parquet`, docs/warehouse.md). */
export function parquetPath(root: string, key: string, hash: string): string {
  return storagePath(root, key, `.${hash}.parquet`);
}
