/**
 * The link phase: from every file's facts to the asset graph and its diagnostics. It never parses. Each file's
 * share (linkFile.ts) is reused while the files it depends on are unchanged; what is left here is global and
 * cheap: keys across files (linkIndex.ts), duplicates, missing upstreams, cycles, the Definitions and jobs.
 *
 * Between links the Linker keeps plain data only: the key index, the previous files and file links to compare
 * against, and caches keyed by the objects they describe in WeakMaps. A link's result holds none of that history,
 * and nothing made during a link (no closure) outlives it, so an editor's thousands of edits retain one link, not all.
 */
import { DiagnosticCodes, type AnalyzerDiagnostic, type DiagnosticCode } from "./api";
import type { FileFacts, RefFact } from "./facts";
import { KeyNumbers, checkCycles } from "./linkCycles";
import { linkChecks } from "./linkChecks";
import { linkIo } from "./linkIo";
import { linkDefinitions } from "./linkDefinitions";
import { KEY_FIX, isCurrent, linkFile, resolveRef, type FileLink, type ResolvedRef } from "./linkFile";
import { type ChangedLink, KeyIndex, keysThatMoved } from "./linkIndex";
import { linkJobs } from "./linkJobs";
import { linkAutomation } from "./linkAutomation";
import { checkMappings, type MappingCheck } from "./linkMappings";
import { notLoadedWarnings, reachKey, reachedFiles, sameFiles } from "./linkLoaded";
import { Reporter, diagnosticAt, suggestKey } from "./report";
import type { ModuleResolution } from "./moduleResolution";
import { Resolver } from "./resolve";
import type { EdgeSite, KeySite, LinkContext, Linked } from "./sites";

/** A file's references checked against the keys of one version (see Linker.keysVersion). */
interface Checked {
  keysVersion: number;
  edges: EdgeSite[];
  diagnostics: AnalyzerDiagnostic[];
}

/** What the previous link compared against: the files and their links, and whether it found a cycle. */
interface PreviousLink {
  files: readonly FileFacts[];
  fileLinks: readonly FileLink[];
  hasCycles: boolean;
}

/**
 * Links the facts, reusing what the previous link computed: each file's share while the files it resolved through
 * keep their surface (see linkFile.ts), and each file's checked references while no asset key came or went.
 */
export class Linker {
  private fileLinks = new WeakMap<FileFacts, FileLink>();
  private readonly checked = new WeakMap<FileLink, Checked>();
  private readonly mappingChecks = new WeakMap<EdgeSite, MappingCheck>();
  /** The files whose links have partitions or mappings, kept up to date with the changed links only. */
  private partitioned = new Set<string>();
  /** A file the definitions file does not reach: its warnings instead of all the rest (see linkLoaded.ts). */
  private readonly notLoaded = new WeakMap<FileLink, AnalyzerDiagnostic[]>();
  private previous: PreviousLink | undefined;
  private readonly index = new KeyIndex();
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

  /** Files were added or removed: imports may resolve differently, so nothing is reused. */
  reset(): void {
    this.fileLinks = new WeakMap();
    this.previous = undefined;
    this.dependents = new Map();
    this.modules = Resolver.moduleCache();
    this.loadedKnown = false;
  }

  link(files: ReadonlyMap<string, FileFacts>, sortedFiles: readonly FileFacts[], definitionsFile?: string): Linked {
    const resolver = new Resolver(files, this.resolution, this.modules);
    const report = new Reporter();
    const previous = this.previous;
    const edits = editsSince(previous?.files, sortedFiles, definitionsFile !== undefined, this.dependents);
    const loadedChanged = this.updateLoaded(sortedFiles, resolver, definitionsFile, edits.reachEdited);
    const loaded = definitionsFile === undefined ? undefined : this.loaded;
    const fileLinks = sortedFiles.map((file) => this.fileLinkOf(file, files, resolver, edits.suspects));
    const changed = changedLinks(previous?.fileLinks, fileLinks);
    const affected = this.updateIndex(fileLinks, changed, loaded, loadedChanged);
    const version = affected?.size === 0 ? this.keysVersion : ++this.keysVersion;

    const definitionsPath = files.get(definitionsFile ?? "")?.path ?? "";
    this.reportFileProblems(fileLinks, sortedFiles, loaded, definitionsPath, report);
    this.index.reportDuplicates(report);
    const keyCheck = new KeyCheck(this.index, fileLinks, sortedFiles, loaded, definitionsPath);
    const edges = this.checkReferences(fileLinks, loaded, affected, version, keyCheck, report);
    // Most edits leave every key and edge as it was: then a graph that had no cycle still has none.
    const sameEdges =
      affected?.size === 0 && changed!.every(({ before, after }) => referenceKeys(before) === referenceKeys(after));
    const hasCycles = previous && !previous.hasCycles && sameEdges ? false : checkCycles(this.numbers, edges, report);

    const loadedFiles = loaded ? sortedFiles.filter((f) => loaded.has(f.file)) : sortedFiles;
    const index = this.index;
    const context: LinkContext = {
      loadedFiles,
      definitionsFile,
      resolver,
      report,
      nodes: () => index.nodes(),
      nodeOf: (key) => index.first(key),
      edges,
      refKey: (file, ref, what) => keyCheck.refKey(file, ref, what, resolver, context.keySites, report),
      keySites: [],
    };
    const definitions = linkDefinitions(context);
    linkIo(context, definitions.chosen);
    const jobs = linkJobs(context, definitions);
    const automation = linkAutomation(context, definitions);
    const checks = linkChecks(
      context,
      fileLinks.flatMap((l) => (!loaded || loaded.has(l.file) ? l.checks : [])),
      definitions.checks,
    );
    // Most graphs have no partitions: their edges are not walked.
    if (this.updatePartitioned(fileLinks, changed)) checkMappings(context, this.mappingChecks);
    this.previous = { files: sortedFiles, fileLinks, hasCycles };
    return linkedOf(index, loadedFiles, {
      edges,
      jobs: jobs.jobs,
      checks,
      schedules: automation.schedules,
      sensors: automation.sensors,
      diagnostics: report.byFile,
      fileLinks,
      extraKeySites: context.keySites,
      selectionStrings: jobs.selectionStrings,
      hasCycles,
    });
  }

  /** Recomputes the files the definitions file reaches when an edit may have changed them; returns whether they did. */
  private updateLoaded(
    sortedFiles: readonly FileFacts[],
    resolver: Resolver,
    definitionsFile: string | undefined,
    reachEdited: boolean,
  ): boolean {
    if (definitionsFile === undefined || (!reachEdited && this.loadedKnown)) return false;
    const next = reachedFiles(sortedFiles, resolver, definitionsFile);
    const loadedChanged = !this.loadedKnown || !sameFiles(next, this.loaded);
    this.loaded = next;
    this.loadedKnown = true;
    return loadedChanged;
  }

  /** The file's cached link unless it may be stale (an edited file it resolved through), else a fresh one. */
  private fileLinkOf(
    file: FileFacts,
    files: ReadonlyMap<string, FileFacts>,
    resolver: Resolver,
    suspects: ReadonlySet<string> | undefined,
  ): FileLink {
    const cached = this.fileLinks.get(file);
    if (cached && ((suspects && !suspects.has(file.file)) || isCurrent(cached, files))) return cached;
    const fresh = linkFile(file, resolver);
    this.fileLinks.set(file, fresh);
    for (const dep of [...fresh.deps, ...fresh.exactDeps])
      (this.dependents.get(dep.file) ?? this.dependents.set(dep.file, new Set()).get(dep.file)!).add(file.file);
    return fresh;
  }

  /**
   * Brings the key index up to date: patched with the changed files when it can be, rebuilt otherwise. Returns the
   * keys that came or went since the previous link (in a file not loaded too: a reference to one says where it is),
   * or undefined after a rebuild.
   */
  private updateIndex(
    fileLinks: readonly FileLink[],
    changed: readonly ChangedLink[] | undefined,
    loaded: ReadonlySet<string> | undefined,
    loadedChanged: boolean,
  ): Set<string> | undefined {
    const isLoaded = (file: string) => loaded === undefined || loaded.has(file);
    if (loadedChanged || !changed || !KeyIndex.patchable(changed)) {
      this.index.rebuild(loaded ? fileLinks.filter((l) => isLoaded(l.file)) : fileLinks);
      return undefined;
    }
    const affected = this.index.patch(loaded ? changed.filter(({ after }) => isLoaded(after.file)) : changed);
    for (const change of changed)
      if (!isLoaded(change.after.file)) for (const key of keysThatMoved(change)) affected.add(key);
    return affected;
  }

  /** Whether any file's link has partitions, walking only the changed links (every link after a reset). */
  private updatePartitioned(fileLinks: readonly FileLink[], changed: readonly ChangedLink[] | undefined): boolean {
    if (!changed) this.partitioned = new Set(fileLinks.filter((l) => l.hasPartitions).map((l) => l.file));
    else
      for (const { after } of changed)
        if (after.hasPartitions) this.partitioned.add(after.file);
        else this.partitioned.delete(after.file);
    return this.partitioned.size > 0;
  }

  /** Each file's own problems; for a file the definitions file does not reach, only that warning. */
  private reportFileProblems(
    fileLinks: readonly FileLink[],
    sortedFiles: readonly FileFacts[],
    loaded: ReadonlySet<string> | undefined,
    definitionsPath: string,
    report: Reporter,
  ): void {
    fileLinks.forEach((fileLink, i) => {
      if (!loaded || loaded.has(fileLink.file)) {
        for (const problem of fileLink.problems) report.push(problem);
        return;
      }
      let warnings = this.notLoaded.get(fileLink);
      if (!warnings)
        this.notLoaded.set(fileLink, (warnings = notLoadedWarnings(fileLink, sortedFiles[i]!, definitionsPath)));
      for (const warning of warnings) report.push(warning);
    });
  }

  /** The loaded files' references against the current keys: reports those naming no asset, returns the edges. */
  private checkReferences(
    fileLinks: readonly FileLink[],
    loaded: ReadonlySet<string> | undefined,
    affected: ReadonlySet<string> | undefined,
    version: number,
    keyCheck: KeyCheck,
    report: Reporter,
  ): EdgeSite[] {
    const edges: EdgeSite[] = [];
    for (const fileLink of fileLinks) {
      if (loaded && !loaded.has(fileLink.file)) continue;
      let checked = this.checked.get(fileLink);
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
      if (checked?.keysVersion !== version) this.checked.set(fileLink, (checked = keyCheck.refs(fileLink, version)));
      for (const diagnostic of checked.diagnostics) report.push(diagnostic);
      for (const edge of checked.edges) edges.push(edge);
    }
    return edges;
  }
}

/**
 * Which files an edit may have made stale since the previous link: those that resolved names through an edited file
 * (undefined when the files are not comparable: every cached link is then checked); and whether an edit may have
 * changed which files the definitions file reaches.
 */
function editsSince(
  before: readonly FileFacts[] | undefined,
  sortedFiles: readonly FileFacts[],
  withDefinitionsFile: boolean,
  dependents: ReadonlyMap<string, ReadonlySet<string>>,
): { suspects: Set<string> | undefined; reachEdited: boolean } {
  if (before?.length !== sortedFiles.length) return { suspects: undefined, reachEdited: true };
  const suspects = new Set<string>();
  let reachEdited = false;
  for (let i = 0; i < sortedFiles.length; i++) {
    const file = sortedFiles[i]!;
    if (file === before[i]) continue;
    for (const dependent of dependents.get(file.file) ?? []) suspects.add(dependent);
    if (withDefinitionsFile && !reachEdited) reachEdited = reachKey(file) !== reachKey(before[i]!);
  }
  return { suspects, reachEdited };
}

/** The files whose link was made anew since the previous link; undefined when the files are not comparable. */
function changedLinks(
  before: readonly FileLink[] | undefined,
  fileLinks: readonly FileLink[],
): ChangedLink[] | undefined {
  if (before?.length !== fileLinks.length) return undefined;
  const changed: ChangedLink[] = [];
  for (let i = 0; i < fileLinks.length; i++)
    if (fileLinks[i] !== before[i]) changed.push({ before: before[i]!, after: fileLinks[i]! });
  return changed;
}

/**
 * One link's result: plain data, and the index it was linked with for the node lists (valid until the next link).
 * Made here, not in `Linker.link`, so its functions hold only what they read.
 */
function linkedOf(index: KeyIndex, loadedFiles: readonly FileFacts[], parts: Omit<Linked, ComputedParts>): Linked {
  let entries: string[] | undefined;
  return {
    ...parts,
    nodes: () => index.nodes(),
    nodeOf: (key) => index.first(key),
    entryFiles: () => (entries ??= loadedFiles.filter(defines).map((f) => f.file)),
  };
}

type ComputedParts = "nodes" | "nodeOf" | "entryFiles";

/** The codes and words a reference's problems are reported with: an upstream's, or a check's asset's or input's. */
interface RefWords {
  missing: DiagnosticCode;
  dynamic: DiagnosticCode;
  /** Completes "so ...". */
  lost: string;
}

const UPSTREAM_WORDS: RefWords = {
  missing: DiagnosticCodes.missingUpstream,
  dynamic: DiagnosticCodes.dynamicKey,
  lost: "this dependency is not in the graph",
};

const CHECK_WORDS: RefWords = {
  missing: DiagnosticCodes.missingCheckAsset,
  dynamic: DiagnosticCodes.dynamicCheck,
  lost: "this check is not in the graph",
};

/** Checks references against one link's keys, listing what its messages need (keys, keys elsewhere) once. */
class KeyCheck {
  private elsewhere: Map<string, FileFacts> | undefined;

  constructor(
    private readonly index: KeyIndex,
    private readonly fileLinks: readonly FileLink[],
    private readonly files: readonly FileFacts[],
    private readonly loaded: ReadonlySet<string> | undefined,
    private readonly definitionsPath: string,
  ) {}

  /** A file's references: the edges they make and the ones that name no asset. */
  refs(fileLink: FileLink, keysVersion: number): Checked {
    const diagnostics: AnalyzerDiagnostic[] = [];
    const edges: EdgeSite[] = [];
    for (const ref of fileLink.refs) {
      // Name the asset that has the broken reference: the message stands alone in a terminal or a CI log.
      const owner = ref.downstream;
      const what = ref.check ?? (owner ? `${owner}: upstream asset` : "Upstream asset");
      if (this.check(ref.resolved, what, diagnostics, ref.check ? CHECK_WORDS : UPSTREAM_WORDS) === undefined) continue;
      // Edges into a spec that turned out to be a multi-asset member belong to that multi-asset, which has its own.
      for (const edge of ref.edges) if (this.index.has(edge.to)) edges.push(edge);
    }
    return { keysVersion, edges, diagnostics };
  }

  /** A reference outside the files' links (a Definitions entry): its key, recording its key sites and reporting its problem. */
  refKey(
    file: FileFacts,
    ref: RefFact,
    what: string,
    resolver: Resolver,
    keySites: KeySite[],
    report: Reporter,
  ): string | undefined {
    const resolved = resolveRef(file, ref, resolver);
    if (resolved.type === "key") {
      keySites.push({ ...resolved.site, key: resolved.key, role: "reference", literal: resolved.literal });
      if (resolved.via) keySites.push({ ...resolved.via.literal, key: resolved.key, role: "reference", literal: true });
    }
    const found: AnalyzerDiagnostic[] = [];
    const key = this.check(resolved, what, found, UPSTREAM_WORDS);
    for (const diagnostic of found) report.push(diagnostic);
    return key;
  }

  /** The reference's key when an asset has it; otherwise a diagnostic (with a did-you-mean) in `out`. */
  private check(
    resolved: ResolvedRef,
    what: string,
    out: AnalyzerDiagnostic[],
    { missing, dynamic, lost }: RefWords,
  ): string | undefined {
    if (resolved.type === "outside") return undefined;
    if (resolved.type === "key" && this.index.has(resolved.key)) return resolved.key;
    const unloaded = resolved.type === "key" && this.notLoaded(resolved.key);
    if (resolved.type === "key" && unloaded) {
      // The runner would not have it either. No quick fix: creating the asset here would make a second one.
      out.push(diagnosticAt(resolved.site, missing, "error", `${what} "${resolved.key}" ${unloaded}`));
      return undefined;
    }
    if (resolved.type === "unresolved") {
      const message = `${what} \`${resolved.written}\` ${resolved.reason}, so ${lost}. ${resolved.fix}`;
      out.push(diagnosticAt(resolved.site, DiagnosticCodes.unresolvedImport, "error", message));
      return undefined;
    }
    if (resolved.type === "dynamic") {
      const message = `${what} \`${resolved.written}\` ${resolved.reason}, so ${lost}. ${KEY_FIX}`;
      out.push(diagnosticAt(resolved.site, dynamic, "warning", message));
      return undefined;
    }
    const name = resolved.type === "key" ? resolved.key : resolved.name;
    const suggestion = suggestKey(name, this.index.keys());
    const held = resolved.type === "key" && resolved.via ? ` (the value of \`${resolved.via.name}\`)` : "";
    const message =
      resolved.type === "key"
        ? `${what} "${name}"${held} is not defined in the workspace.${suggestion ? ` Did you mean "${suggestion}"?` : " Define it, or declare it with AssetSpec if it is produced elsewhere."}`
        : `${what} \`${resolved.written}\` ${resolved.reason}.${suggestion ? ` Did you mean "${suggestion}"?` : " Import the asset, or name it by its key string."}`;
    // The quick fix writes the suggestion over the reference: not over a const's name, which would then name no const.
    const fixable = suggestion && !held;
    out.push(
      diagnosticAt(resolved.site, missing, "error", message, {
        data: { missingKey: name, ...(fixable && { suggestion }) },
      }),
    );
    return undefined;
  }

  /** Where a key that only files not loaded define is: said when a reference names no asset. */
  private notLoaded(key: string): string | undefined {
    const loaded = this.loaded;
    if (!loaded) return undefined;
    this.elsewhere ??= keysNotLoaded(this.fileLinks, this.files, loaded);
    const file = this.elsewhere.get(key);
    return (
      file &&
      `is defined in ${file.path}, which ${this.definitionsPath} does not import. Import it there, or clear the definitions-file setting (assetline.definitionsFile, --definitions).`
    );
  }
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

/** Files the runner loads modules from: those defining anything (a file of exported checks too). */
function defines(file: FileFacts): boolean {
  return (
    file.definitions.length > 0 ||
    file.jobs.length > 0 ||
    file.definitionsCalls.length > 0 ||
    file.checks.length > 0 ||
    file.automation.length > 0
  );
}

/** Each key that only files not loaded define, with the first such file. */
function keysNotLoaded(
  fileLinks: readonly FileLink[],
  files: readonly FileFacts[],
  loaded: ReadonlySet<string>,
): Map<string, FileFacts> {
  const found = new Map<string, FileFacts>();
  fileLinks.forEach((fileLink, i) => {
    if (loaded.has(fileLink.file)) return;
    for (const site of fileLink.nodes) if (!found.has(site.node.key)) found.set(site.node.key, files[i]!);
  });
  return found;
}
