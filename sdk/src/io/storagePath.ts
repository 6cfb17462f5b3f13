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

/** The file that holds a key's value under `root`; the resolved path is checked to be inside `root` as well. */
export function storagePath(root: string, key: string): string {
  assertStorableKey(key);
  const base = resolve(root);
  const path = `${join(base, ...key.split("/"))}.json`;
  const inside = relative(base, path);
  if (inside.startsWith("..") || isAbsolute(inside)) {
    throw new Error(
      `cannot store asset "${key}": its path ${path} would leave the storage folder ${base}; rename the key.`,
    );
  }
  return path;
}
