/** How an asset requests resources: `["warehouse"]`, or `{ warehouse }` to type the values too. */
import type { ResourceValue } from "./defineResource";

export type ResourcesOption = readonly string[] | Readonly<Record<string, unknown>>;

/** What `ctx.resources` is for a `resources` option: exactly its keys, typed by the resource where it is given. */
export type ResourcesOf<Q> = Q extends readonly (infer K extends string)[]
  ? { [Key in K]: unknown }
  : { [Key in keyof Q]: ResourceValue<Q[Key]> };

/** The requested keys, checked: `where` names the definition in errors. */
export function resourceKeys(option: unknown, where: string): string[] {
  const keys = Array.isArray(option)
    ? option
    : typeof option === "object" && option !== null
      ? Object.keys(option)
      : undefined;
  if (!keys?.every((key) => typeof key === "string" && key !== ""))
    throw new Error(
      `${where}: \`resources\` must list resource keys, as resources: ["warehouse"] (or { warehouse } to type them).`,
    );
  return [...new Set(keys as string[])];
}
