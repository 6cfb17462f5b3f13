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
import { Reporter, locationOf, suggestKey, type Site } from "./report";
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
}

/**
 * Links the facts. `cache` keeps each file's link between calls (the caller drops it when files are added or
 * removed, since module resolution depends on which files exist); `definitionsFile` (absolute) restricts which
 * `Definitions` count.
 */
export function link(files: ReadonlyMap<string, FileFacts>, sortedFiles: readonly FileFacts[], cache: WeakMap<FileFacts, FileLink>, definitionsFile?: string): Linked {
  const resolver = new Resolver(files);
  const report = new Reporter();
  const fileLinks = sortedFiles.map((file) => {
    const cached = cache.get(file);
    if (cached && isCurrent(cached, files)) return cached;
    const fresh = linkFile(file, resolver);
    cache.set(file, fresh);
    return fresh;
  });

  const memberKeys = new Set<string>();
  for (const fileLink of fileLinks) for (const key of fileLink.memberKeys) memberKeys.add(key);
  const byKey = new Map<string, NodeSite[]>();
  const nodes: NodeSite[] = [];
  for (const fileLink of fileLinks) {
    for (const problem of fileLink.problems) report.push(problem);
    for (const site of fileLink.nodes) {
      // An AssetSpec that a multi-asset lists is that multi-asset's member, not an external asset.
      if (site.node.kind === "external" && memberKeys.has(site.node.key)) continue;
      const same = byKey.get(site.node.key);
      if (same) same.push(site);
      else {
        byKey.set(site.node.key, [site]);
        nodes.push(site);
      }
    }
  }
  for (const [key, sites] of byKey) if (sites.length > 1) reportDuplicates(key, sites, report);

  let keys: string[] | undefined;
  /** Reports a reference that names no asset; returns its key when one exists. */
  const check = (resolved: ResolvedRef, what: string): string | undefined => {
    if (resolved.type === "outside") return undefined;
    if (resolved.type === "key" && byKey.has(resolved.key)) return resolved.key;
    keys ??= [...byKey.keys()];
    const name = resolved.type === "key" ? resolved.key : resolved.name;
    const suggestion = suggestKey(name, keys);
    const message =
      resolved.type === "key"
        ? `${what} "${name}" is not defined in the workspace.${suggestion ? ` Did you mean "${suggestion}"?` : " Define it, or declare it with AssetSpec if it is produced elsewhere."}`
        : `${what} \`${resolved.written}\` ${resolved.reason}.${suggestion ? ` Did you mean "${suggestion}"?` : " Import the asset, or name it by its key string."}`;
    report.add(DiagnosticCodes.missingUpstream, "error", resolved.site, message, { data: { missingKey: name, ...(suggestion && { suggestion }) } });
    return undefined;
  };

  const edges: EdgeSite[] = [];
  for (const fileLink of fileLinks) {
    for (const ref of fileLink.refs) {
      if (check(ref.resolved, "Upstream asset") === undefined) continue;
      // Edges into a spec that turned out to be a multi-asset member belong to that multi-asset, which has its own.
      for (const edge of ref.edges) if (byKey.has(edge.to)) edges.push(edge);
    }
  }
  checkCycles(byKey, edges, report);

  const extraKeySites: KeySite[] = [];
  const refKey = (file: FileFacts, ref: RefFact, what: string) => {
    const resolved = resolveRef(file, ref, resolver);
    if (resolved.type === "key") extraKeySites.push({ ...resolved.site, key: resolved.key, role: "reference", literal: resolved.literal });
    return check(resolved, what);
  };
  const keyOf = (file: FileFacts, definition: DefinitionFact) => keyOfDefinition(file, definition, resolver);
  const definitions = linkDefinitions(sortedFiles, definitionsFile, resolver, report, nodes, refKey);
  const jobs = linkJobs(sortedFiles, definitions, resolver, report, nodes, edges, keyOf, extraKeySites);
  return {
    nodes,
    edges,
    jobs: jobs.jobs,
    diagnostics: report.byFile,
    fileLinks,
    extraKeySites,
    selectionStrings: jobs.selectionStrings,
    entryFiles: entryFiles(sortedFiles, resolver, definitionsFile),
  };
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
