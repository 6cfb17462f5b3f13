/** AL1026: an asset requests a resource key the workspace's Definitions does not provide (the run would stop). */
import { posix } from "node:path";
import { DiagnosticCodes } from "./api";
import type { DefinitionsFact, FileFacts } from "./facts";
import { keyOfDefinition, resolveRef } from "./linkFile";
import { suggestKey } from "./report";
import type { LinkContext } from "./sites";

/** Over the loaded files' definitions; silent when the Definitions' `resources` cannot be read (no false positives). */
export function linkResources(
  { loadedFiles, resolver, report }: LinkContext,
  file: FileFacts,
  chosen: DefinitionsFact,
): void {
  const provided = chosen.resources;
  if (!provided) return;
  const given = new Set(provided);
  const where = posix.basename(file.file);
  for (const owner of loadedFiles)
    for (const definition of owner.definitions) {
      for (const ref of definition.options.resources ?? []) {
        // Only key strings and key consts: any other value (an asset handle, a call) is TypeScript's or the runtime's to report.
        const resolved = resolveRef(owner, ref, resolver);
        if (resolved.type !== "key" || (ref.type !== "key" && !resolved.via) || given.has(resolved.key)) continue;
        const name =
          definition.type === "multi-asset"
            ? `Multi-asset "${definition.local}"`
            : `Asset "${keyOfDefinition(owner, definition, resolver)}"`;
        const suggestion = suggestKey(resolved.key, provided);
        const fix = "`Definitions({ resources })` there, or runs will stop before any step.";
        report.add(
          DiagnosticCodes.missingResource,
          "error",
          resolved.site,
          `${name} (${owner.path}) requests resource "${resolved.key}", which the Definitions in ${where} does not provide. ${suggestion ? `Did you mean "${suggestion}"? Otherwise add it to ${fix}` : `Add it to ${fix}`}`,
          // The quick fix writes over the key: not over a const's name (which would then name no const), nor over a
          // shorthand `{ warehous }` (which would then name no variable).
          suggestion && resolved.literal && !ref.shorthand ? { data: { suggestion } } : {},
        );
      }
    }
}
