/**
 * A definition's code version from its source, hashed the first time something reads it (the runner, the graph
 * request) and kept while the definition's facts live: analysis and editing never pay for it.
 */
import { codeVersion } from "./codeVersion";
import type { DefinitionFact } from "./facts";

const versions = new WeakMap<DefinitionFact, string>();

export function sourceVersion(definition: DefinitionFact): string {
  let version = versions.get(definition);
  if (version === undefined) versions.set(definition, (version = codeVersion(definition.source)));
  return version;
}
