/**
 * What a static key and a dynamic definition's name may be. No calendar here: the light define API checks these at
 * definition time with the same words `definitionProblem` uses.
 */

/** Characters partition selections give a meaning: `a|b` joins dimensions, `a,b` lists, `a...b` is a range. */
const RESERVED = ["|", ",", "..."];

/** Why `key` cannot be a static (or dynamic) partition key, or undefined. */
export function partitionKeyProblem(key: unknown): string | undefined {
  if (typeof key !== "string") return `the key ${JSON.stringify(key)} is not a string`;
  if (key.trim() === "") return "a key cannot be empty";
  for (const part of RESERVED)
    if (key.includes(part))
      return `the key "${key}" contains "${part}", which partition selections use (a|b joins dimensions, a,b lists, a...b is a range): rename it`;
  return undefined;
}

/** Why a static list cannot be partitions, or undefined: the first bad or repeated key. */
export function staticKeysProblem(keys: readonly unknown[]): string | undefined {
  const seen = new Set<unknown>();
  for (const key of keys) {
    const problem = partitionKeyProblem(key);
    if (problem) return problem;
    if (seen.has(key)) return `the key "${String(key)}" is listed twice: keep one`;
    seen.add(key);
  }
  return undefined;
}

/** Why `name` cannot name dynamic partitions, or undefined. */
export function dynamicNameProblem(name: unknown): string | undefined {
  if (typeof name === "string" && /^[A-Za-z0-9_-]+$/.test(name)) return undefined;
  return `\`name\` ${name === undefined || name === "" ? "is required" : `${JSON.stringify(name)} is invalid`}: use letters, digits, "_" and "-" (it names the keys in \`assetline partitions add NAME KEY…\`)`;
}
