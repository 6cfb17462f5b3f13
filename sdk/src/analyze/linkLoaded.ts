/**
 * With a definitions file, the runner loads only the files it reaches through imports and re-exports, so the graph is
 * theirs alone: an asset elsewhere is a warning where it is defined, and a key only it has names no asset.
 */
import { DiagnosticCodes, type AnalyzerDiagnostic } from "./api";
import type { DefinitionFact, FileFacts } from "./facts";
import type { FileLink } from "./linkFile";
import { diagnosticAt } from "./report";
import type { Resolver } from "./resolve";

/** The files `definitionsFile` reaches (by imports, `import "./x"` and re-exports), itself included; undefined when the workspace has no such file (then every file counts, as for the runner). */
export function reachedFiles(
  files: readonly FileFacts[],
  resolver: Resolver,
  definitionsFile: string,
): Set<string> | undefined {
  const start = files.find((f) => f.file === definitionsFile);
  if (!start) return undefined;
  const reached = new Set<string>([start.file]);
  const queue = [start];
  for (let file = queue.pop(); file; file = queue.pop()) {
    for (const specifier of specifiers(file)) {
      const target = resolver.module(file, specifier);
      if (target && !reached.has(target.file)) {
        reached.add(target.file);
        queue.push(target);
      }
    }
  }
  return reached;
}

function* specifiers(file: FileFacts): Iterable<string> {
  for (const i of file.imports) yield i.from;
  yield* file.bareImports;
  for (const r of file.reexports) yield r.from;
}

/** What reachability depends on in one file: an edit that keeps it cannot change which files are loaded. */
export function reachKey(file: FileFacts): string {
  return [...specifiers(file)].join("\n");
}

export function sameFiles(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.size !== b.size) return false;
  for (const file of a) if (!b.has(file)) return false;
  return true;
}

/** One warning per definition of a file the definitions file does not reach, kept with the file's link. */
export function notLoadedWarnings(fileLink: FileLink, file: FileFacts, definitionsPath: string): AnalyzerDiagnostic[] {
  const warned = new Set<DefinitionFact>();
  const warnings: AnalyzerDiagnostic[] = [];
  for (const site of fileLink.nodes) {
    if (warned.has(site.owner)) continue;
    warned.add(site.owner);
    const member = site.node.kind === "multi-asset-member";
    const name = member ? `Multi-asset "${site.node.definedBy ?? site.owner.local}"` : `Asset "${site.node.key}"`;
    warnings.push(
      diagnosticAt(
        member ? site.binding : site.name,
        DiagnosticCodes.notLoaded,
        "warning",
        `${name} is not loaded: ${definitionsPath} does not import ${file.path}, directly or through the files it imports. Import it there, or clear the definitions-file setting (assetline.definitionsFile, --definitions).`,
      ),
    );
  }
  return warnings;
}
