import { isAbsolute, join, relative, resolve } from "node:path";
import { keyProblem } from "../define/keys";

/**
 * The file that holds a key's value under `root`. Keys are validated again here (they may come from a store or a
 * command line, not only from definitions), and the resolved path must still be inside `root`.
 */
export function storagePath(root: string, key: string): string {
  const problem = keyProblem(key);
  if (problem) throw new Error(`cannot store asset "${key}": ${problem}`);
  const base = resolve(root);
  const path = join(base, ...key.split("/")) + ".json";
  const inside = relative(base, path);
  if (inside.startsWith("..") || isAbsolute(inside)) {
    throw new Error(`cannot store asset "${key}": its path ${path} would leave the storage folder ${base}; rename the key.`);
  }
  return path;
}
