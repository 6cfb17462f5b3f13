/**
 * The link phase: from every file's facts to the asset graph and its diagnostics. It never parses. Each file's
 * share (linkFile.ts) is reused while the files it depends on are unchanged; what is left here is global and
 * cheap: keys across files, duplicates, missing upstreams, cycles, the Definitions and jobs.
 */
import type { AssetNode, EdgeKind, JobInfo } from "../protocol/graph";
import { DiagnosticCodes, type AnalyzerDiagnostic } from "./api";
import type { DefinitionFact, FileFacts, RefFact } from "./facts";
import { checkCycles } from "./linkCycles";
import { linkDefinitions } from "./linkDefinitions";
import { isCurrent, keyOfDefinition, linkFile, resolveRef, type FileLink, type ResolvedRef } from "./linkFile";
import { linkJobs } from "./linkJobs";
import { Reporter, diagnosticAt, locationOf, suggestKey, type Site } from "./report";
import { Resolver } from "./resolve";

export interface NodeSite {
  /** The node without locations; they are computed when the graph is asked for. */
  node: AssetNode;
  /** The whole definition. */
  location: Site;
  /** Its key string or binding name. */
  name: Site;
  /** The written key (`key:` option or `AssetSpec` argument), which a rename edits. */
  keyLiteral?: Site;
  /** The top-level definition that produces it, and that definition's binding name. */
  owner: DefinitionFact;
  binding: Site;
}

export interface EdgeSite {
  from: string;
  to: string;
  kind: EdgeKind;
  reference: Site;
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
  nodes: NodeSite[];
  edges: EdgeSite[];
  jobs: JobSite[];
  diagnostics: Map<string, AnalyzerDiagnostic[]>;
  /** Per file: its own sites from its cached link; plus the Definitions' and jobs' sites. */
  fileLinks: FileLink[];
  extraKeySites: KeySite[];
  /** Every job's selection string, for completion inside it. */
  selectionStrings: (Site & { text: string })[];
  entryFiles: string[];
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
  /** Bumped whenever the set of keys may have changed: checked references of an older version are stale. */
  private keysVersion = 0;

  /** Files were added or removed: imports may resolve differently, so nothing is reused. */
  reset(): void {
    this.cache = new WeakMap();
    this.previous = undefined;
  }

  link(files: ReadonlyMap<string, FileFacts>, sortedFiles: readonly FileFacts[], definitionsFile?: string): Linked {
    const resolver = new Resolver(files);
    const report = new Reporter();
    const fileLinks = sortedFiles.map((file) => {
      const cached = this.cache.get(file);
      if (cached && isCurrent(cached, files)) return cached;
      const fresh = linkFile(file, resolver);
      this.cache.set(file, fresh);
      return fresh;
    });
    const previous = this.previous;
    const changed =
      previous && previous.fileLinks.length === fileLinks.length
        ? fileLinks.flatMap((after, i) => (after === previous.fileLinks[i] ? [] : [{ before: previous.fileLinks[i]!, after }]))
        : undefined;
    const keysKept = changed?.every(({ before, after }) => nodeKeys(before) === nodeKeys(after)) ?? false;

    let byKey: Map<string, NodeSite[]>;
    if (keysKept) {
      // Same keys in the same files: swap in the changed files' sites (their spans moved), keep the rest.
      byKey = this.previousByKey;
      for (const { before, after } of changed!) {
        before.nodes.forEach((site, i) => {
          const sites = byKey.get(site.node.key);
          const at = sites?.indexOf(site) ?? -1;
          if (at >= 0) sites![at] = after.nodes[i]!;
        });
      }
    } else {
      this.keysVersion++;
      byKey = indexByKey(fileLinks);
    }
    this.previousByKey = byKey;

    for (const fileLink of fileLinks) for (const problem of fileLink.problems) report.push(problem);
    const nodes: NodeSite[] = [];
    for (const [key, sites] of byKey) {
      nodes.push(sites[0]!);
      if (sites.length > 1) reportDuplicates(key, sites, report);
    }

    let keys: string[] | undefined;
    const check: Check = (resolved, what, out) => checkRef(resolved, what, byKey, () => (keys ??= [...byKey.keys()]), out);
    const edges: EdgeSite[] = [];
    for (const fileLink of fileLinks) {
      if (fileLink.checked?.keysVersion !== this.keysVersion) fileLink.checked = checkRefs(fileLink, byKey, check, this.keysVersion);
      for (const diagnostic of fileLink.checked.diagnostics) report.push(diagnostic);
      for (const edge of fileLink.checked.edges) edges.push(edge);
    }
    // Most edits leave every key and edge as it was: then a graph that had no cycle still has none.
    const sameEdges = keysKept && changed!.every(({ before, after }) => referenceKeys(before) === referenceKeys(after));
    const hasCycles = previous && !previous.hasCycles && sameEdges ? false : checkCycles(byKey, edges, report);

    const extraKeySites: KeySite[] = [];
    const refKey = (file: FileFacts, ref: RefFact, what: string) => {
      const resolved = resolveRef(file, ref, resolver);
      if (resolved.type === "key") extraKeySites.push({ ...resolved.site, key: resolved.key, role: "reference", literal: resolved.literal });
      const found: AnalyzerDiagnostic[] = [];
      const key = check(resolved, what, found);
      for (const diagnostic of found) report.push(diagnostic);
      return key;
    };
    const keyOf = (file: FileFacts, definition: DefinitionFact) => keyOfDefinition(file, definition, resolver);
    const definitions = linkDefinitions(sortedFiles, definitionsFile, resolver, report, nodes, refKey);
    const jobs = linkJobs(sortedFiles, definitions, resolver, report, nodes, edges, keyOf, extraKeySites);
    this.previous = {
      nodes,
      edges,
      jobs: jobs.jobs,
      diagnostics: report.byFile,
      fileLinks,
      extraKeySites,
      selectionStrings: jobs.selectionStrings,
      entryFiles: entryFiles(sortedFiles, resolver, definitionsFile),
      hasCycles,
    };
    return this.previous;
  }
}

function indexByKey(fileLinks: readonly FileLink[]): Map<string, NodeSite[]> {
  const memberKeys = new Set<string>();
  for (const fileLink of fileLinks) for (const key of fileLink.memberKeys) memberKeys.add(key);
  const byKey = new Map<string, NodeSite[]>();
  for (const fileLink of fileLinks) {
    for (const site of fileLink.nodes) {
      // An AssetSpec that a multi-asset lists is that multi-asset's member, not an external asset.
      if (site.node.kind === "external" && memberKeys.has(site.node.key)) continue;
      const same = byKey.get(site.node.key);
      if (same) same.push(site);
      else byKey.set(site.node.key, [site]);
    }
  }
  return byKey;
}

const nodeKeys = (fileLink: FileLink) => `${fileLink.nodes.map((n) => n.node.key).join("\n")}\0${fileLink.memberKeys.join("\n")}`;
const referenceKeys = (fileLink: FileLink) =>
  fileLink.refs.map((r) => (r.resolved.type === "key" ? r.resolved.key : r.resolved.type) + r.edges.map((e) => `>${e.to}:${e.kind}`).join("")).join("\n");

type Check = (resolved: ResolvedRef, what: string, out: AnalyzerDiagnostic[]) => string | undefined;

/** A file's references against the current keys: the edges they make and the ones that name no asset. */
function checkRefs(fileLink: FileLink, byKey: ReadonlyMap<string, NodeSite[]>, check: Check, keysVersion: number): NonNullable<FileLink["checked"]> {
  const diagnostics: AnalyzerDiagnostic[] = [];
  const edges: EdgeSite[] = [];
  for (const ref of fileLink.refs) {
    if (check(ref.resolved, "Upstream asset", diagnostics) === undefined) continue;
    // Edges into a spec that turned out to be a multi-asset member belong to that multi-asset, which has its own.
    for (const edge of ref.edges) if (byKey.has(edge.to)) edges.push(edge);
  }
  return { keysVersion, edges, diagnostics };
}

/** The reference's key when an asset has it; otherwise a diagnostic (with a did-you-mean) in `out`. */
function checkRef(resolved: ResolvedRef, what: string, byKey: ReadonlyMap<string, unknown>, keys: () => string[], out: AnalyzerDiagnostic[]): string | undefined {
  if (resolved.type === "outside") return undefined;
  if (resolved.type === "key" && byKey.has(resolved.key)) return resolved.key;
  const name = resolved.type === "key" ? resolved.key : resolved.name;
  const suggestion = suggestKey(name, keys());
  const message =
    resolved.type === "key"
      ? `${what} "${name}" is not defined in the workspace.${suggestion ? ` Did you mean "${suggestion}"?` : " Define it, or declare it with AssetSpec if it is produced elsewhere."}`
      : `${what} \`${resolved.written}\` ${resolved.reason}.${suggestion ? ` Did you mean "${suggestion}"?` : " Import the asset, or name it by its key string."}`;
  out.push(diagnosticAt(resolved.site, DiagnosticCodes.missingUpstream, "error", message, { data: { missingKey: name, ...(suggestion && { suggestion }) } }));
  return undefined;
}

function reportDuplicates(key: string, sites: NodeSite[], report: Reporter): void {
  const where = (site: NodeSite) => `${site.name.file.file.slice(site.name.file.file.lastIndexOf("/") + 1)}:${locationOf(site.name).range.start.line + 1}`;
  for (const site of sites) {
    const others = sites.filter((s) => s !== site);
    report.add(DiagnosticCodes.duplicateKey, "error", site.name, `Duplicate asset key "${key}": it is also defined in ${others.map(where).join(", ")}. Rename one of them.`, {
      related: others.map((o) => ({ location: locationOf(o.name), message: `"${key}" is also defined here` })),
    });
  }
}

/** Files the runner must load: those defining anything; with a definitions file, only those it reaches. */
function entryFiles(files: readonly FileFacts[], resolver: Resolver, definitionsFile: string | undefined): string[] {
  const defines = (f: FileFacts) => f.definitions.length > 0 || f.jobs.length > 0 || f.definitionsCalls.length > 0;
  const start = definitionsFile !== undefined ? files.find((f) => f.file === definitionsFile) : undefined;
  if (!start) return files.filter(defines).map((f) => f.file);
  const reached = new Set<FileFacts>([start]);
  const queue = [start];
  for (let file = queue.pop(); file; file = queue.pop()) {
    for (const specifier of [...file.imports.map((i) => i.from), ...file.reexports.map((r) => r.from)]) {
      const target = resolver.module(file, specifier);
      if (target && !reached.has(target)) {
        reached.add(target);
        queue.push(target);
      }
    }
  }
  return files.filter((f) => reached.has(f) && defines(f)).map((f) => f.file);
}
