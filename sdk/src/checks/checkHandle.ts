/** What every check form returns: a function tests call directly, carrying its definition behind the brand. */
import { infoOf, upstreamsOf, type AssetRef } from "../define/definition";
import { createCheckContext } from "./checkContext";
import { CHECK, type AssetCheckContext, type CheckDefinitionInfo, type CheckHandle } from "./definition";

export type CheckFunction = (input: never, context: AssetCheckContext<never>) => unknown;

/** `check(value)` runs the function with a test context (naming the check as far as it is known); a test may pass its own. */
// biome-ignore lint/complexity/noBannedTypes: `{}`: no resources requested.
export function checkHandle<V, R, Res = {}>(
  info: CheckDefinitionInfo,
  fn: (input: V, context: AssetCheckContext<Res>) => R,
): CheckHandle & ((input: V, context?: AssetCheckContext<Res>) => R) {
  const callable = (input: V, context?: AssetCheckContext<Res>) => {
    const spec = info.specs[0]!;
    // Without a context, a check that requests resources reads none: a test passes createCheckContext({ resources }).
    const fallback = createCheckContext({ assetKey: knownKey(spec.asset), checkName: spec.name });
    return fn(input, context ?? (fallback as AssetCheckContext<Res>));
  };
  return Object.assign(callable, { [CHECK]: info });
}

/** How a check runs, as every form declares it: its `ins` checked as an asset's are, and `execute` over `fn`. */
export function checkRuntime(
  ins: Record<string, unknown> | undefined,
  where: string,
  fn: CheckFunction,
): Pick<CheckDefinitionInfo, "ins" | "mappings" | "execute"> {
  const run = fn as (input: unknown, context: AssetCheckContext<unknown>) => unknown;
  const upstreams = ins === undefined ? undefined : upstreamsOf(ins, undefined, where);
  return {
    ...(upstreams && { ins: upstreams.ins }),
    mappings: upstreams?.mappings.ins ?? {},
    execute: (input, context) => settled(run(input, context)),
  };
}

/** What `execute` resolves to: the function's output awaited, an async iterable collected into an array. */
async function settled(output: unknown): Promise<unknown> {
  const value = await output;
  if (typeof value !== "object" || value === null || !(Symbol.asyncIterator in value)) return value;
  const items: unknown[] = [];
  for await (const item of value as AsyncIterable<unknown>) items.push(item);
  return items;
}

function knownKey(ref: AssetRef | undefined): string | undefined {
  return typeof ref === "string" || ref === undefined ? ref : infoOf(ref).assets[0]?.key;
}
