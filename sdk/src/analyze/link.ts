/**
 * The link phase: from every file's facts to the asset graph and its diagnostics. It never parses. Each file's
 * share (linkFile.ts) is reused while the files it depends on are unchanged; what is left here is global and
 * cheap: keys across files, duplicates, missing upstreams, cycles, the Definitions and jobs.
 */
import type { AssetNode, EdgeKind, JobInfo } from "../protocol/graph";
import { DiagnosticCodes, type AnalyzerDiagnostic } from "./api";
import type { DefinitionFact, FileFacts, RefFact } from "./facts";
import { KeyNumbers, checkCycles } from "./linkCycles";
import { linkDefinitions } from "./linkDefinitions";
import { KEY_FIX, isCurrent, keyOfDefinition, linkFile, resolveRef, type FileLink, type ResolvedRef } from "./linkFile";
import { linkJobs } from "./linkJobs";
import { notLoadedWarnings, reachKey, reachedFiles, sameFiles } from "./linkLoaded";
import { Reporter, diagnosticAt, locationOf, suggestKey, type Site } from "./report";
import type { ModuleResolution } from "./moduleResolution";
import { Resolver } from "./resolve";

/** A node without locations, and with a code version only when one is written; the rest is computed when the graph is asked for. */
export type SiteNode = Omit<AssetNode, "codeVersion" | "location" | "nameLocation"> & { codeVersion?: string };

export interface NodeSite {
  node: SiteNode;
  /** The whole definition. */
  location: Site;
  /** Its key string or binding name. */
  name: Site;
  /** The written key (`key:` option or `AssetSpec` argument), which a rename edits. */
  keyLiteral?: Site;
  /** The top-level definition that produces it (whose source gives the code version), and that definition's binding name. */
  owner: DefinitionFact;
  binding: Site;
}

export interface EdgeSite {
  from: string;
  to: string;
  kind: EdgeKind;
  reference: Site;
  /** The linker's numbers for `from` and `to`, set once (see KeyNumbers). */
  numbers?: [from: number, to: number];
}

export interface JobSite {
  info: JobInfo;
  location: Site;
}

/** Where a key is written or named: asset names, upstream references, Definitions entries, keys in selections. */
export interface KeySite extends Site {
  key: string;
  role: "definition" | "reference" | "selection";
  /** Written as a string (inside quotes): completion and rename apply. */
  literal: boolean;
}

export interface Linked {
  /** The graph's nodes: each key's first definition. */
  nodes(): NodeSite[];
  /** The graph's node of a key: its first definition. */
  nodeOf(key: string): NodeSite | undefined;
  edges: EdgeSite[];
  jobs: JobSite[];
  diagnostics: Map<string, AnalyzerDiagnostic[]>;
  /** Per file: its own sites from its cached link; plus the Definitions' and jobs' sites. */
  fileLinks: FileLink[];
  extraKeySites: KeySite[];
  /** Every job's selection string, for completion inside it. */
  selectionStrings: (Site & { text: string })[];
  /** Listed when the runner asks: editors never do, so an edit does not pay for it. */
  entryFiles(): string[];
  hasCycles: boolean;
}

/**
 * Links the facts, reusing what the previous link computed: each file's share while the files it resolved through
 * keep their surface (see linkFile.ts), and each file's checked references while no asset key came or went.
 */
export class Linker {
  private cache = new WeakMap<FileFacts, FileLink>();
  private previous: Linked | undefined;
  private previousByKey = new Map<string, NodeSite[]>();
  private memberKeys = new Set<string>();
  /** Keys defined more than once, kept with the index. */
  private duplicates = new Set<string>();
  private previousFiles: readonly FileFacts[] | undefined;
  /** For each file, the files whose links resolved names through it (possibly stale entries: they only cost a check). */
  private dependents = new Map<string, Set<string>>();
  private readonly numbers = new KeyNumbers();
  private modules = Resolver.moduleCache();
  /** Bumped whenever the set of keys may have changed: checked references of an older version are stale. */
  private keysVersion = 0;
  /** With a definitions file: the files it reaches (see linkLoaded.ts); undefined while not computed or when every file counts. */
  private loaded: Set<string> | undefined;
  private loadedKnown = false;

  constructor(private readonly resolution: ModuleResolution) {}

  private trackDuplicate(byKey: ReadonlyMap<string, NodeSite[]>, key: string): void {
    if ((byKey.get(key)?.length ?? 0) > 1) this.duplicates.add(key);
    else this.duplicates.delete(key);
  }

  /** Files were added or removed: imports may resolve differently, so nothing is reused. */
  reset(): void {
    this.cache = new WeakMap();
    this.previous = undefined;
    this.previousFiles = undefined;
    this.dependents = new Map();
    this.modules = Resolver.moduleCache();
    this.loadedKnown = false;
  }

  link(files: ReadonlyMap<string, FileFacts>, sortedFiles: readonly FileFacts[], definitionsFile?: string): Linked {
    const resolver = new Resolver(files, this.resolution, this.modules);
    const report = new Reporter();
    // Only links that resolved names through an edited file can be stale: check those, reuse the rest unchecked.
    const before = this.previousFiles;
    const comparable = before?.length === sortedFiles.length;
    const suspects = new Set<string>();
    /** Whether an edit may have changed which files the definitions file reaches. */
    let reachEdited = !comparable;
    if (comparable) {
      sortedFiles.forEach((file, i) => {
        if (file === before[i]) return;
        for (const dependent of this.dependents.get(file.file) ?? []) suspects.add(dependent);
        if (definitionsFile !== undefined && !reachEdited) reachEdited = reachKey(file) !== reachKey(before[i]!);
      });
    }
    this.previousFiles = sortedFiles;
    let loadedChanged = false;
    if (definitionsFile !== undefined && (reachEdited || !this.loadedKnown)) {
      const next = reachedFiles(sortedFiles, resolver, definitionsFile);
      loadedChanged = !this.loadedKnown || !sameFiles(next, this.loaded);
      this.loaded = next;
      this.loadedKnown = true;
    }
    const loaded = definitionsFile === undefined ? undefined : this.loaded;
    const isLoaded = (file: string) => loaded === undefined || loaded.has(file);
    const fileLinks = sortedFiles.map((file) => {
      const cached = this.cache.get(file);
      if (cached && ((comparable && !suspects.has(file.file)) || isCurrent(cached, files))) return cached;
      const fresh = linkFile(file, resolver);
      this.cache.set(file, fresh);
      for (const dep of [...fresh.deps, ...fresh.exactDeps])
        (this.dependents.get(dep.file) ?? this.dependents.set(dep.file, new Set()).get(dep.file)!).add(file.file);
      return fresh;
    });
    const previous = this.previous;
    const changed =
      previous && previous.fileLinks.length === fileLinks.length
        ? fileLinks.flatMap((after, i) =>
            after === previous.fileLinks[i] ? [] : [{ before: previous.fileLinks[i]!, after }],
          )
        : undefined;
    // Patching the index needs the same loaded files, multi-asset members, and one definition per key within each changed file.
    const patchable =
      !loadedChanged &&
      (changed?.every(
        ({ before, after }) =>
          before.memberKeys.join("\n") === after.memberKeys.join("\n") && distinctKeys(before) && distinctKeys(after),
      ) ??
        false);

    let byKey: Map<string, NodeSite[]>;
    /** Keys that came or went since the previous link (in a file not loaded too: a reference to one says where it is). */
    let affected: Set<string> | undefined;
    if (patchable) {
      byKey = this.previousByKey;
      const inGraph = loaded ? changed!.filter(({ after }) => isLoaded(after.file)) : changed!;
      affected = patchIndex(byKey, inGraph, this.memberKeys);
      for (const { before, after } of inGraph)
        for (const site of [...before.nodes, ...after.nodes]) this.trackDuplicate(byKey, site.node.key);
      if (loaded)
        for (const { before, after } of changed!)
          if (!isLoaded(after.file)) for (const key of keysThatMoved(before, after)) affected.add(key);
    } else {
      const inGraph = loaded ? fileLinks.filter((l) => isLoaded(l.file)) : fileLinks;
      this.memberKeys = new Set(inGraph.flatMap((l) => l.memberKeys));
      byKey = indexByKey(inGraph, this.memberKeys);
      this.duplicates = new Set([...byKey].filter(([, sites]) => sites.length > 1).map(([key]) => key));
    }
    this.previousByKey = byKey;
    const version = affected?.size === 0 ? this.keysVersion : ++this.keysVersion;

    const definitionsPath = files.get(definitionsFile ?? "")?.path ?? "";
    for (let i = 0; i < fileLinks.length; i++) {
      const fileLink = fileLinks[i]!;
      if (loaded && !loaded.has(fileLink.file))
        for (const warning of (fileLink.notLoaded ??= notLoadedWarnings(fileLink, sortedFiles[i]!, definitionsPath)))
          report.push(warning);
      else for (const problem of fileLink.problems) report.push(problem);
    }
    for (const key of this.duplicates) reportDuplicates(key, byKey.get(key)!, report);
    // The graph's nodes (each key's first definition), listed only when something asks.
    let nodeList: NodeSite[] | undefined;
    const nodes = () => (nodeList ??= [...byKey.values()].map((sites) => sites[0]!));

    let keys: string[] | undefined;
    /** Keys that only files not loaded define, and the file of each: listed when a reference names no asset. */
    let elsewhere: Map<string, FileFacts> | undefined;
    const notLoaded = (key: string) => {
      if (!loaded) return undefined;
      elsewhere ??= keysNotLoaded(fileLinks, sortedFiles, isLoaded);
      const file = elsewhere.get(key);
      return (
        file &&
        `is defined in ${file.path}, which ${definitionsPath} does not import. Import it there, or clear the definitions-file setting (assetline.definitionsFile, --definitions).`
      );
    };
    const check: Check = (resolved, what, out) =>
      checkRef(resolved, what, byKey, () => (keys ??= [...byKey.keys()]), out, notLoaded);
    const edges: EdgeSite[] = [];
    for (const fileLink of fileLinks) {
      if (loaded && !loaded.has(fileLink.file)) continue;
      const checked = fileLink.checked;
      // A file checked against the previous keys stays right if none of its references names a key that came or went
      // (and it had no problem, whose did-you-mean may now differ).
      if (
        checked &&
        checked.keysVersion === version - 1 &&
        affected &&
        checked.diagnostics.length === 0 &&
        !namesAny(fileLink, affected)
      )
        checked.keysVersion = version;
      if (fileLink.checked?.keysVersion !== version) fileLink.checked = checkRefs(fileLink, byKey, check, version);
      for (const diagnostic of fileLink.checked.diagnostics) report.push(diagnostic);
      for (const edge of fileLink.checked.edges) edges.push(edge);
    }
    // Most edits leave every key and edge as it was: then a graph that had no cycle still has none.
    const sameEdges =
      affected?.size === 0 && changed!.every(({ before, after }) => referenceKeys(before) === referenceKeys(after));
    const hasCycles = previous && !previous.hasCycles && sameEdges ? false : checkCycles(this.numbers, edges, report);

    const extraKeySites: KeySite[] = [];
    const refKey = (file: FileFacts, ref: RefFact, what: string) => {
      const resolved = resolveRef(file, ref, resolver);
      if (resolved.type === "key")
        extraKeySites.push({ ...resolved.site, key: resolved.key, role: "reference", literal: resolved.literal });
      if (resolved.type === "key" && resolved.via)
        extraKeySites.push({ ...resolved.via.literal, key: resolved.key, role: "reference", literal: true });
      const found: AnalyzerDiagnostic[] = [];
      const key = check(resolved, what, found);
      for (const diagnostic of found) report.push(diagnostic);
      return key;
    };
    const keyOf = (file: FileFacts, definition: DefinitionFact) => keyOfDefinition(file, definition, resolver);
    const loadedFiles = loaded ? sortedFiles.filter((f) => isLoaded(f.file)) : sortedFiles;
    const definitions = linkDefinitions(loadedFiles, definitionsFile, resolver, report, nodes, refKey);
    const jobs = linkJobs(loadedFiles, definitions, resolver, report, nodes, edges, keyOf, extraKeySites);
    let entries: string[] | undefined;
    this.previous = {
      nodes,
      nodeOf: (key) => byKey.get(key)?.[0],
      edges,
      jobs: jobs.jobs,
      diagnostics: report.byFile,
      fileLinks,
      extraKeySites,
      selectionStrings: jobs.selectionStrings,
      entryFiles: () => (entries ??= loadedFiles.filter(defines).map((f) => f.file)),
      hasCycles,
    };
    return this.previous;
  }
}

function indexByKey(fileLinks: readonly FileLink[], memberKeys: ReadonlySet<string>): Map<string, NodeSite[]> {
  const byKey = new Map<string, NodeSite[]>();
  for (const fileLink of fileLinks) for (const site of fileLink.nodes) addSite(byKey, site, memberKeys);
  return byKey;
}

/** Adds a site; returns whether its key is new. */
function addSite(byKey: Map<string, NodeSite[]>, site: NodeSite, memberKeys: ReadonlySet<string>): boolean {
  // An AssetSpec that a multi-asset lists is that multi-asset's member, not an external asset.
  if (site.node.kind === "external" && memberKeys.has(site.node.key)) return false;
  const same = byKey.get(site.node.key);
  if (!same) return (byKey.set(site.node.key, [site]), true);
  same.push(site);
  // The first definition in file order is the one the graph keeps, whatever order edits came in.
  same.sort((a, b) =>
    a.name.file.file < b.name.file.file
      ? -1
      : a.name.file.file > b.name.file.file
        ? 1
        : a.name.span.start - b.name.span.start,
  );
  return false;
}

/** Replaces the changed files' sites in the index; returns the keys that came or went. */
function patchIndex(
  byKey: Map<string, NodeSite[]>,
  changed: readonly { before: FileLink; after: FileLink }[],
  memberKeys: ReadonlySet<string>,
): Set<string> {
  const affected = new Set<string>();
  for (const { before, after } of changed) {
    const kept = new Map(after.nodes.map((site) => [site.node.key, site]));
    for (const site of before.nodes) {
      const sites = byKey.get(site.node.key);
      const at = sites?.indexOf(site) ?? -1;
      if (!sites || at < 0) continue;
      const replacement = kept.get(site.node.key);
      if (replacement) {
        // Same key, new spans: swap in place.
        sites[at] = replacement;
        kept.delete(site.node.key);
      } else {
        sites.splice(at, 1);
        if (sites.length === 0) byKey.delete(site.node.key), affected.add(site.node.key);
      }
    }
    for (const site of kept.values()) if (addSite(byKey, site, memberKeys)) affected.add(site.node.key);
  }
  return affected;
}

function distinctKeys(fileLink: FileLink): boolean {
  return new Set(fileLink.nodes.map((n) => n.node.key)).size === fileLink.nodes.length;
}

function namesAny(fileLink: FileLink, keys: ReadonlySet<string>): boolean {
  for (const key of keys) if (fileLink.refKeys.has(key)) return true;
  return false;
}

const referenceKeys = (fileLink: FileLink) =>
  fileLink.refs
    .map(
      (r) =>
        (r.resolved.type === "key" ? r.resolved.key : r.resolved.type) +
        r.edges.map((e) => `>${e.to}:${e.kind}`).join(""),
    )
    .join("\n");

type Check = (resolved: ResolvedRef, what: string, out: AnalyzerDiagnostic[]) => string | undefined;

/** A file's references against the current keys: the edges they make and the ones that name no asset. */
function checkRefs(
  fileLink: FileLink,
  byKey: ReadonlyMap<string, NodeSite[]>,
  check: Check,
  keysVersion: number,
): NonNullable<FileLink["checked"]> {
  const diagnostics: AnalyzerDiagnostic[] = [];
  const edges: EdgeSite[] = [];
  for (const ref of fileLink.refs) {
    // Name the asset that has the broken reference: the message stands alone in a terminal or a CI log.
    const owner = ref.downstream;
    if (check(ref.resolved, owner ? `${owner}: upstream asset` : "Upstream asset", diagnostics) === undefined) continue;
    // Edges into a spec that turned out to be a multi-asset member belong to that multi-asset, which has its own.
    for (const edge of ref.edges) if (byKey.has(edge.to)) edges.push(edge);
  }
  return { keysVersion, edges, diagnostics };
}

/** The reference's key when an asset has it; otherwise a diagnostic (with a did-you-mean) in `out`. */
function checkRef(
  resolved: ResolvedRef,
  what: string,
  byKey: ReadonlyMap<string, unknown>,
  keys: () => string[],
  out: AnalyzerDiagnostic[],
  notLoaded: (key: string) => string | undefined,
): string | undefined {
  if (resolved.type === "outside") return undefined;
  if (resolved.type === "key" && byKey.has(resolved.key)) return resolved.key;
  const unloaded = resolved.type === "key" && notLoaded(resolved.key);
  if (resolved.type === "key" && unloaded) {
    // The runner would not have it either. No quick fix: creating the asset here would make a second one.
    out.push(
      diagnosticAt(resolved.site, DiagnosticCodes.missingUpstream, "error", `${what} "${resolved.key}" ${unloaded}`),
    );
    return undefined;
  }
  if (resolved.type === "unresolved") {
    const message = `${what} \`${resolved.written}\` ${resolved.reason}, so this dependency is not in the graph. ${resolved.fix}`;
    out.push(diagnosticAt(resolved.site, DiagnosticCodes.unresolvedImport, "error", message));
    return undefined;
  }
  if (resolved.type === "dynamic") {
    const message = `${what} \`${resolved.written}\` ${resolved.reason}, so this dependency is not in the graph. ${KEY_FIX}`;
    out.push(diagnosticAt(resolved.site, DiagnosticCodes.dynamicKey, "warning", message));
    return undefined;
  }
  const name = resolved.type === "key" ? resolved.key : resolved.name;
  const suggestion = suggestKey(name, keys());
  const held = resolved.type === "key" && resolved.via ? ` (the value of \`${resolved.via.name}\`)` : "";
  const message =
    resolved.type === "key"
      ? `${what} "${name}"${held} is not defined in the workspace.${suggestion ? ` Did you mean "${suggestion}"?` : " Define it, or declare it with AssetSpec if it is produced elsewhere."}`
      : `${what} \`${resolved.written}\` ${resolved.reason}.${suggestion ? ` Did you mean "${suggestion}"?` : " Import the asset, or name it by its key string."}`;
  // The quick fix writes the suggestion over the reference: not over a const's name, which would then name no const.
  const fixable = suggestion && !held;
  out.push(
    diagnosticAt(resolved.site, DiagnosticCodes.missingUpstream, "error", message, {
      data: { missingKey: name, ...(fixable && { suggestion }) },
    }),
  );
  return undefined;
}

function reportDuplicates(key: string, sites: NodeSite[], report: Reporter): void {
  const where = (site: NodeSite) =>
    `${site.name.file.file.slice(site.name.file.file.lastIndexOf("/") + 1)}:${locationOf(site.name).range.start.line + 1}`;
  for (const site of sites) {
    const others = sites.filter((s) => s !== site);
    report.add(
      DiagnosticCodes.duplicateKey,
      "error",
      site.name,
      `Duplicate asset key "${key}": it is also defined in ${others.map(where).join(", ")}. Rename one of them.`,
      {
        related: others.map((o) => ({ location: locationOf(o.name), message: `"${key}" is also defined here` })),
      },
    );
  }
}

/** Files the runner loads modules from: those defining anything. */
function defines(file: FileFacts): boolean {
  return file.definitions.length > 0 || file.jobs.length > 0 || file.definitionsCalls.length > 0;
}

/** Node keys that a changed file no longer or newly defines. */
function keysThatMoved(before: FileLink, after: FileLink): string[] {
  const was = new Set(before.nodes.map((n) => n.node.key));
  const is = new Set(after.nodes.map((n) => n.node.key));
  return [...[...was].filter((key) => !is.has(key)), ...[...is].filter((key) => !was.has(key))];
}

/** Each key that only files not loaded define, with the first such file. */
function keysNotLoaded(
  fileLinks: readonly FileLink[],
  files: readonly FileFacts[],
  isLoaded: (file: string) => boolean,
): Map<string, FileFacts> {
  const found = new Map<string, FileFacts>();
  fileLinks.forEach((fileLink, i) => {
    if (isLoaded(fileLink.file)) return;
    for (const site of fileLink.nodes) if (!found.has(site.node.key)) found.set(site.node.key, files[i]!);
  });
  return found;
}
