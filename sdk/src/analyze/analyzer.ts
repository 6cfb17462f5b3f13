/**
 * The analyzer: per-file facts kept with their text, linked into one graph. `update` re-parses one file and
 * re-links (which never parses), then reports the files whose diagnostics changed.
 */
import { readFileSync } from "node:fs";
import { posix, resolve } from "node:path";
import type { Position, SourceLocation } from "../protocol/graph";
import type { Analyzer, AnalyzerDiagnostic, AnalyzerOptions } from "./api";
import { extractFacts } from "./extract";
import type { FileFacts } from "./facts";
import { GraphView } from "./graphView";
import { Linker } from "./link";
import { keySitesOf } from "./linkFile";
import { offsetAt } from "./lineIndex";
import { ModuleResolution } from "./moduleResolution";
import { keyQueries } from "./queries";
import { locationOf } from "./report";
import type { KeySite, Linked } from "./sites";
import { isSourceFile, listSourceFiles } from "./workspaceFiles";

export function createAnalyzer(options: AnalyzerOptions): Analyzer {
  const root = toPosix(resolve(options.root));
  const definitionsFile = options.definitionsFile ? posix.resolve(root, toPosix(options.definitionsFile)) : undefined;
  const files = new Map<string, FileFacts>();
  let sorted: FileFacts[] | undefined;
  const resolution = new ModuleResolution(
    root,
    (path) => files.get(path)?.text,
    (path) => path.startsWith(`${root}/`) && isSourceFile(path.slice(root.length + 1)),
    () => files.keys(),
  );
  const linker = new Linker(resolution);
  let linked: Linked = linker.link(files, []);
  const view = new GraphView(linked, options.now ?? (() => new Date()));
  let keySites: KeySite[] | undefined;
  let sitesByFile: Map<string, KeySite[]> | undefined;
  /** The diagnostics of the previous link, per file, to tell which files' diagnostics changed. */
  let reported = new Map<string, AnalyzerDiagnostic[]>();

  const absolute = (file: string) => posix.resolve(root, toPosix(file));

  /** Re-links and returns the files whose diagnostics differ from before, plus `touched`. */
  const relink = (touched: string[]): string[] => {
    sorted ??= [...files.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    linked = linker.link(files, sorted, definitionsFile);
    view.relinked(linked);
    keySites = undefined;
    sitesByFile = undefined;
    const changed = new Set(touched);
    for (const [file, diagnostics] of linked.diagnostics) {
      const before = reported.get(file);
      if (!before || !sameDiagnostics(before, diagnostics)) changed.add(file);
    }
    for (const file of reported.keys()) if (!linked.diagnostics.has(file)) changed.add(file);
    reported = linked.diagnostics;
    return [...changed];
  };

  const put = (file: string, text: string): boolean => {
    const previous = files.get(file);
    if (previous?.text === text) return false;
    const facts = extractFacts(file, text, posix.relative(root, file));
    // The same string object when unchanged, so checking other files' links against it is a pointer comparison.
    if (previous?.surface === facts.surface) facts.surface = previous.surface;
    files.set(file, facts);
    // A changed file keeps its place in the sorted order; a new one needs a re-sort and fresh resolution.
    if (previous) sorted = sorted?.map((f) => (f === previous ? facts : f));
    else filesChanged();
    return true;
  };

  const filesChanged = () => {
    sorted = undefined;
    resolution.filesChanged();
    linker.reset();
  };

  const allKeySites = (): KeySite[] =>
    (keySites ??= [...linked.fileLinks.flatMap(keySitesOf), ...linked.extraKeySites]);

  const sitesIn = (file: string): KeySite[] => {
    if (!sitesByFile) {
      sitesByFile = new Map();
      for (const site of allKeySites()) {
        const list = sitesByFile.get(site.file.file);
        if (list) list.push(site);
        else sitesByFile.set(site.file.file, [site]);
      }
    }
    return sitesByFile.get(file) ?? [];
  };

  const offsetIn = (file: string, position: Position): number | undefined => {
    const facts = files.get(file);
    return facts && offsetAt(facts.lineStarts, position);
  };

  const queries = keyQueries({
    linked: () => linked,
    keySites: allKeySites,
    sitesIn,
    offsetIn,
  });

  return {
    loadFromDisk() {
      for (const file of listSourceFiles(root)) put(file, readFileSync(file, "utf8"));
      relink([]);
    },
    update(file, text) {
      const path = absolute(file);
      return put(path, text) ? relink([path]) : [];
    },
    remove(file) {
      const path = absolute(file);
      if (!files.delete(path)) return [];
      filesChanged();
      return relink([path]);
    },
    configChanged() {
      resolution.configChanged();
      filesChanged();
      return relink([]);
    },
    moduleOf(from, specifier) {
      const answer = resolution.resolve(absolute(from), specifier);
      return answer.type === "file" ? answer.path : undefined;
    },
    files: () => [...files.keys()].sort(),
    entryFiles: () => linked.entryFiles(),
    graph: () => view.graph(),
    assetsIn: (file) => view.assetsIn(absolute(file)),
    jobsIn: (file) => view.jobsIn(absolute(file)),
    asset: (key) => view.asset(key),
    diagnostics(file?: string): AnalyzerDiagnostic[] {
      if (file !== undefined) return linked.diagnostics.get(absolute(file)) ?? [];
      return [...linked.diagnostics.keys()].sort().flatMap((f) => linked.diagnostics.get(f)!);
    },
    assetAt: (file, position) => queries.assetAt(absolute(file), position),
    definitionOf(key): SourceLocation | null {
      const site = linked.nodeOf(key);
      return site ? locationOf(site.name) : null;
    },
    references: (key) => queries.references(key),
    completionsAt: (file, position) => queries.completionsAt(absolute(file), position),
    renameKey: (key, newKey) => queries.renameKey(key, newKey),
  };
}

/** Each diagnostic's JSON, made once: a diagnostic is plain data that never changes once reported. */
const diagnosticTexts = new WeakMap<AnalyzerDiagnostic, string>();

function textOf(diagnostic: AnalyzerDiagnostic): string {
  let text = diagnosticTexts.get(diagnostic);
  if (text === undefined) diagnosticTexts.set(diagnostic, (text = JSON.stringify(diagnostic)));
  return text;
}

/**
 * Whether a file's diagnostics read the same as before. Most are the very objects of the previous link (kept with
 * the files' links), so the comparison is by identity first and stringifies only what was made anew.
 */
function sameDiagnostics(before: readonly AnalyzerDiagnostic[], after: readonly AnalyzerDiagnostic[]): boolean {
  return (
    before.length === after.length &&
    before.every((diagnostic, i) => diagnostic === after[i] || textOf(diagnostic) === textOf(after[i]!))
  );
}

function toPosix(path: string): string {
  return path.split("\\").join("/");
}
