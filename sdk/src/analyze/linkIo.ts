/**
 * The `io` options: each asset's kinds gain its IO manager's (`table`, `duckdb`), the asset's own `io` winning over
 * the Definitions' default, as at run time (define/repository.ts); an `io` naming no IO manager is AL1027.
 */
import { IO_MANAGERS, isIOManagerName, kindsWithIo, type IOManagerName } from "../protocol/ioKinds";
import { DiagnosticCodes } from "./api";
import type { DefinitionsFact, FileFacts, RefFact } from "./facts";
import { resolveRef } from "./linkFile";
import { suggestKey } from "./report";
import type { LinkContext } from "./sites";

/** `chosen`: the Definitions the run uses, in `file`; absent when there is none. */
export function linkIo(context: LinkContext, chosen: { file: FileFacts; fact: DefinitionsFact } | undefined): void {
  const byOwner = new Map<object, IOManagerName | undefined>();
  for (const file of context.loadedFiles)
    for (const definition of file.definitions)
      if (definition.options.io) byOwner.set(definition, ioOf(context, file, definition.options.io, "its"));
  const fallback = chosen?.fact.io && ioOf(context, chosen.file, chosen.fact.io, "the Definitions'");
  for (const site of context.nodes()) {
    // A written `io` the analyzer cannot read leaves the kinds unknown: no default is assumed over it.
    const own = byOwner.has(site.owner) ? byOwner.get(site.owner) : fallback;
    // An external asset stores nothing here: no IO manager's kinds, as at run time.
    const kinds = site.node.kind === "external" ? [...site.writtenKinds] : kindsWithIo(site.writtenKinds, own);
    // Replaced only when they changed: the graph view keeps a site's node until its kinds are another array.
    if (kinds.join("\0") !== site.node.kinds.join("\0")) site.node.kinds = kinds;
  }
}

/** The IO manager `ref` names, reported when it names none; undefined also when only running the code would tell. */
function ioOf(
  { resolver, report }: LinkContext,
  file: FileFacts,
  ref: RefFact,
  whose: string,
): IOManagerName | undefined {
  const resolved = resolveRef(file, ref, resolver);
  if (resolved.type !== "key") return undefined;
  if (isIOManagerName(resolved.key)) return resolved.key;
  const suggestion = suggestKey(resolved.key, IO_MANAGERS);
  const names = IO_MANAGERS.map((name) => `"${name}"`).join(", ");
  report.add(
    DiagnosticCodes.invalidIo,
    "error",
    resolved.site,
    `${whose[0]!.toUpperCase()}${whose.slice(1)} \`io\` (${file.path}) is "${resolved.key}", which names no IO manager: write one of ${names}${suggestion ? ` (did you mean "${suggestion}"?)` : ""}. The run would stop on it.`,
    // The quick fix writes over the string, not over a const's name.
    suggestion && resolved.literal ? { data: { suggestion } } : {},
  );
  return undefined;
}
