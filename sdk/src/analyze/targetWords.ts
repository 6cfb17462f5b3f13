/** How messages name what a name resolves to: "`x` is a function call, which the analyzer cannot follow", "is a job". */
import { MAPPING_CALLS } from "./extractPartitions";
import type { BindingRef, FileFacts } from "./facts";
import type { Target } from "./resolve";

/** Completes "`x` ..." for what only running the code would tell (`what`: "a call", "a `let`"…). */
export const unfollowable = (what: string, where = ""): string =>
  `is ${what}${where}, which the analyzer cannot follow`;

/** The same for a binding, naming its file when it is not the reader's. */
export function cannotFollow(target: Extract<Target, { type: "dynamic" }>, from: FileFacts): string {
  return unfollowable(target.what, target.file === from ? "" : ` in ${target.file.path}`);
}

export function kindOf(target: Target): string {
  switch (target.type) {
    case "definition":
      return target.definition.type === "spec" ? "an AssetSpec" : "an asset";
    case "job":
      return "a job";
    case "check":
      return "an asset check";
    case "automation":
      return target.automation.call === "schedule" ? "a schedule" : "a sensor";
    case "condition":
      return "an automation condition";
    case "op":
      return "an op";
    case "namespace":
      return "a module namespace";
    case "partitions":
      return target.value.type === "call" && MAPPING_CALLS.includes(target.value.callee)
        ? "a partition mapping"
        : "a partitions definition";
    default:
      return "a plain value";
  }
}

/** Completes "`x` ..." for a name that holds no `wanted` ("a key string"): why, in words. */
export function notWanted(target: Target, from: FileFacts, wanted: string): string {
  if (target.type === "dynamic") return cannotFollow(target, from);
  if (target.type === "missing") return target.reason;
  if (target.type === "outside") return "is imported from a package, which the analyzer does not read";
  return `is ${kindOf(target)}, not ${wanted}`;
}

export const writtenName = (ref: BindingRef) => (ref.member ? `${ref.name}.${ref.member}` : ref.name);
