/**
 * Asset keys: `/`-separated parts of letters, digits, `_` and `-` (`warehouse/orders`).
 * Never empty parts, `.` or `..`, never absolute: a key maps to a storage path and must stay inside it.
 */
export const KEY_PART = /^[A-Za-z0-9_-]+$/;

/** Returns why `key` is not a valid asset key, or undefined when it is. */
export function keyProblem(key: string): string | undefined {
  if (key.length === 0) return "an asset key cannot be empty";
  if (key.startsWith("/")) return `asset key "${key}" is absolute: remove the leading "/"`;
  if (key.endsWith("/")) return `asset key "${key}" ends with "/": remove it`;
  for (const part of key.split("/")) {
    if (part === "") return `asset key "${key}" has an empty part ("//"): remove the extra "/"`;
    if (part === "." || part === "..")
      return `asset key "${key}" contains "${part}": keys cannot walk out of their folder`;
    if (!KEY_PART.test(part))
      return `asset key "${key}" has "${part}": use only letters, digits, "_" and "-" between "/"`;
  }
  return undefined;
}

/**
 * The export name that keys a definition exported under several: a named export before `default`, then the first
 * in code-unit order. A rule rather than the first seen, because the analyzer reads exports in source order and a
 * loaded module namespace lists them sorted.
 */
export function keyingExportName(names: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const name of names)
    if (best === undefined || (name !== "default" && (best === "default" || name < best))) best = name;
  return best;
}

export function assertValidKey(key: string): string {
  const problem = keyProblem(key);
  if (problem) throw new Error(problem);
  return key;
}
