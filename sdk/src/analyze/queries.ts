/** Editor questions answered from the linked sites: what is at a position, references, completion, rename. */
import type { Position, SourceLocation } from "../protocol/graph";
import { keyAtOffset } from "../selection";
import type { AssetAt, KeyCompletion, TextEdit } from "./api";
import type { KeySite, Linked } from "./sites";
import { rangeOf } from "./lineIndex";
import { locationOf } from "./report";

export interface QuerySources {
  linked(): Linked;
  keySites(): KeySite[];
  sitesIn(file: string): KeySite[];
  offsetIn(file: string, position: Position): number | undefined;
}

const placeOf = (site: KeySite) => `${site.file.file}:${site.span.start}`;

export function keyQueries(sources: QuerySources) {
  const siteAt = (file: string, position: Position): KeySite | undefined => {
    const offset = sources.offsetIn(file, position);
    if (offset === undefined) return undefined;
    return sources.sitesIn(file).find((site) => site.span.start <= offset && offset <= site.span.end);
  };
  const allKeys = () =>
    sources
      .linked()
      .nodes()
      .map((n) => n.node.key)
      .sort();

  return {
    assetAt(file: string, position: Position): AssetAt | null {
      const site = siteAt(file, position);
      return site ? { key: site.key, role: site.role, range: locationOf(site).range } : null;
    },

    references(key: string): SourceLocation[] {
      // A const holding the key is seen from each use, and is the definition's own name when it is the `key` option.
      const sites = sources.keySites().filter((site) => site.key === key);
      const seen = new Set(sites.filter((site) => site.role === "definition").map(placeOf));
      const uses = sites
        .filter((site) => site.role !== "definition" && !seen.has(placeOf(site)) && seen.add(placeOf(site)))
        .map(locationOf);
      // Its inline checks name it nowhere (they are about the asset that lists them): each is listed by its call.
      const inline = sources
        .linked()
        .checks.filter((check) => check.origin === "inline" && check.node.asset === key)
        .map((check) => locationOf(check.location));
      return [...uses, ...inline];
    },

    completionsAt(file: string, position: Position): KeyCompletion | null {
      const offset = sources.offsetIn(file, position);
      if (offset === undefined) return null;
      const site = sources
        .sitesIn(file)
        .find((s) => s.literal && s.role === "reference" && s.span.start <= offset && offset <= s.span.end);
      if (site) return { context: "key", range: locationOf(site).range, keys: allKeys() };
      const selection = sources
        .linked()
        .selectionStrings.find((s) => s.file.file === file && s.span.start <= offset && offset <= s.span.end);
      if (!selection) return null;
      const term = keyAtOffset(selection.text, offset - selection.span.start);
      const start = selection.span.start + (term ? term.offset : offset - selection.span.start);
      const span = { start, end: term ? start + term.length : start };
      return { context: "selection", range: rangeOf(selection.file.lineStarts, span), keys: allKeys() };
    },

    renameKey(key: string, newKey: string): TextEdit[] {
      // A spec listed by a multi-asset is seen from both definitions: one edit per place.
      const edits = new Map<string, TextEdit>();
      for (const site of sources.keySites()) {
        if (site.key === key && site.literal)
          edits.set(`${site.file.file}:${site.span.start}`, { ...locationOf(site), newText: newKey });
      }
      return [...edits.values()];
    },
  };
}
