/**
 * AL1026: an asset, multi-asset, graph asset or check requests a resource key the workspace's Definitions does not
 * provide (the run would stop).
 */
import { posix } from "node:path";
import { DiagnosticCodes } from "./api";
import type { CheckFact, DefinitionsFact, FileFacts, ResourceRequestFact } from "./facts";
import { keyOfDefinition, resolveRef } from "./linkFile";
import { suggestKey } from "./report";
import type { LinkContext } from "./sites";

/** Who requests resources, as messages name it, and the keys as written. */
interface Requester {
  file: FileFacts;
  name: () => string;
  resources: readonly ResourceRequestFact[];
}

/** Over the loaded files' definitions; silent when the Definitions' `resources` cannot be read (no false positives). */
export function linkResources(context: LinkContext, file: FileFacts, chosen: DefinitionsFact): void {
  const provided = chosen.resources;
  if (!provided) return;
  const { resolver, report } = context;
  const given = new Set(provided);
  const where = posix.basename(file.file);
  for (const { file: owner, name, resources } of requesters(context, file, chosen))
    for (const ref of resources) {
      // Only key strings and key consts: any other value (an asset handle, a call) is TypeScript's or the runtime's to report.
      const resolved = resolveRef(owner, ref, resolver);
      if (resolved.type !== "key" || (ref.type !== "key" && !resolved.via) || given.has(resolved.key)) continue;
      const suggestion = suggestKey(resolved.key, provided);
      const fix = "`Definitions({ resources })` there, or runs will stop before any step.";
      report.add(
        DiagnosticCodes.missingResource,
        "error",
        resolved.site,
        `${name()} (${owner.path}) requests resource "${resolved.key}", which the Definitions in ${where} does not provide. ${suggestion ? `Did you mean "${suggestion}"? Otherwise add it to ${fix}` : `Add it to ${fix}`}`,
        // The quick fix writes over the key: not over a const's name (which would then name no const), nor over a
        // shorthand `{ warehous }` (which would then name no variable).
        suggestion && resolved.literal && !ref.shorthand ? { data: { suggestion } } : {},
      );
    }
}

/** Every definition and check of the loaded files that requests resources, and the checks written in the Definitions. */
function* requesters({ loadedFiles, resolver }: LinkContext, file: FileFacts, chosen: DefinitionsFact) {
  const ofCheck = (owner: FileFacts, check: CheckFact): Requester[] =>
    check.resources ? [{ file: owner, name: () => checkName(check), resources: check.resources }] : [];
  for (const owner of loadedFiles) {
    for (const definition of owner.definitions) {
      if (definition.options.resources)
        yield {
          file: owner,
          name: () =>
            definition.type === "multi-asset"
              ? `Multi-asset "${definition.local}"`
              : `${definition.type === "graph-asset" ? "Graph asset" : "Asset"} "${keyOfDefinition(owner, definition, resolver)}"`,
          resources: definition.options.resources,
        } satisfies Requester;
      for (const entry of definition.checks) if (entry.type === "inline") yield* ofCheck(owner, entry.check);
    }
    for (const check of owner.checks) yield* ofCheck(owner, check);
  }
  for (const entry of chosen.checks) if (entry.type === "inline") yield* ofCheck(file, entry.check);
}

/** `Check "unique_ids"`: its binding, else its written name; a check named only at run time is "A check". */
function checkName(check: CheckFact): string {
  const name = check.specs[0]?.name;
  const written = check.local || (name?.type === "string" ? name.value : undefined);
  return written === undefined ? "A check" : `Check "${written}"`;
}
