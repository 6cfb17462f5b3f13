/**
 * The link phase: from every file's facts to the asset graph and its diagnostics. It never parses; it only
 * resolves names and keys, so re-running it after one file changes is cheap.
 */
import type { AssetKind, AssetNode, EdgeKind, JobInfo } from "../protocol/graph";
import { keyProblem } from "../define/keys";
import { DiagnosticCodes, type AnalyzerDiagnostic } from "./api";
import type { DefinitionFact, FileFacts, RefFact } from "./facts";
import { checkCycles } from "./linkCycles";
import { linkDefinitions } from "./linkDefinitions";
import { linkJobs } from "./linkJobs";
import type { Span } from "./lineIndex";
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
  keySites: KeySite[];
  /** Every job's selection string, for completion inside it. */
  selectionStrings: (Site & { text: string })[];
  entryFiles: string[];
}

const KIND: Record<DefinitionFact["type"], AssetKind> = { asset: "asset", "multi-asset": "multi-asset-member", "graph-asset": "graph-asset", spec: "external" };

/** Links the facts; `definitionsFile` (absolute) restricts which `Definitions` count. */
export function link(files: ReadonlyMap<string, FileFacts>, sortedFiles: readonly FileFacts[], definitionsFile?: string): Linked {
  const resolver = new Resolver(files);
  const report = new Reporter();
  const keySites: KeySite[] = [];
  const nodes: NodeSite[] = [];
  /** Each top-level definition's key, for handles that name it (a multi-asset: its first member, as at run time). */
  const keyOf = new Map<DefinitionFact, string>();

  const members = memberSpecs(sortedFiles, resolver, report);
  const memberKeys = new Set<string>();
  for (const specs of members.values()) for (const { spec } of specs) if (spec.specKey) memberKeys.add(spec.specKey.value);

  for (const file of sortedFiles) {
    for (const definition of file.definitions) {
      const exportName = file.exports.find(([, local]) => local === definition.local)?.[0];
      const bindingSite: Site = { file, span: definition.localSpan ?? definition.span };
      if (definition.type === "multi-asset") {
        for (const [index, { spec, file: specFile }] of (members.get(definition) ?? []).entries()) {
          if (!spec.specKey) continue;
          const site = { file: specFile, span: spec.specKey.span };
          const node = makeNode(spec.specKey.value, "multi-asset-member", spec, definition, exportName);
          nodes.push({ node, location: { file: specFile, span: spec.span }, name: site, keyLiteral: site, owner: definition, binding: bindingSite });
          if (index === 0) keyOf.set(definition, node.key);
          keyOf.set(spec, node.key);
        }
        continue;
      }
      const written = definition.type === "spec" ? definition.specKey : definition.options.key;
      if (definition.type === "spec" && !written) {
        report.add(DiagnosticCodes.invalidKey, "error", bindingSite, `AssetSpec "${definition.local}" needs its key as a string literal: AssetSpec("my_key").`);
        continue;
      }
      if (definition.type === "spec" && memberKeys.has(written!.value)) continue;
      if (!written && !exportName) {
        report.add(DiagnosticCodes.invalidKey, "error", bindingSite, `Asset "${definition.local}" has no key: export it, or give it a \`key\` option.`);
      }
      const key = written?.value ?? exportName ?? definition.local;
      const name: Site = written ? { file, span: written.span } : bindingSite;
      const node = makeNode(key, KIND[definition.type], definition, undefined, exportName);
      if (definition.type === "graph-asset") node.ops = definition.opCalls.flatMap((ref) => {
        const target = resolver.ref(file, ref);
        return target.type === "op" ? [target.name] : [];
      });
      nodes.push({ node, location: { file, span: definition.span }, name, ...(written && { keyLiteral: name }), owner: definition, binding: bindingSite });
      keyOf.set(definition, key);
    }
  }

  const byKey = new Map<string, NodeSite[]>();
  for (const site of nodes) {
    const problem = keyProblem(site.node.key);
    if (problem) report.add(DiagnosticCodes.invalidKey, "error", site.name, `Invalid ${problem}.`);
    keySites.push({ ...site.name, key: site.node.key, role: "definition", literal: site.keyLiteral !== undefined });
    const same = byKey.get(site.node.key);
    if (same) same.push(site);
    else byKey.set(site.node.key, [site]);
  }
  const unique: NodeSite[] = [];
  for (const [key, sites] of byKey) {
    unique.push(sites[0]!);
    if (sites.length === 1) continue;
    for (const site of sites) {
      const others = sites.filter((s) => s !== site);
      report.add(DiagnosticCodes.duplicateKey, "error", site.name, `Duplicate asset key "${key}": it is also defined in ${others.map((o) => displayName(o)).join(", ")}. Rename one of them.`, {
        related: others.map((o) => ({ location: locationOf(o.name), message: `"${key}" is also defined here` })),
      });
    }
  }
  const keys = [...byKey.keys()];

  /** Checks a key named by a reference; reports it when no asset has it. */
  const checkKey = (file: FileFacts, key: string, span: Span, literal: boolean, what: string): string | undefined => {
    keySites.push({ file, span, key, role: "reference", literal });
    if (byKey.has(key)) return key;
    const suggestion = suggestKey(key, keys);
    report.add(
      DiagnosticCodes.missingUpstream,
      "error",
      { file, span },
      `${what} "${key}" is not defined in the workspace.${suggestion ? ` Did you mean "${suggestion}"?` : " Define it, or declare it with AssetSpec if it is produced elsewhere."}`,
      { data: { missingKey: key, ...(suggestion && { suggestion }) } },
    );
    return undefined;
  };

  /** The key a reference names, or undefined after reporting why it names none (or when it points outside the workspace). */
  const refKey = (file: FileFacts, ref: RefFact, what: string): string | undefined => {
    if (ref.type === "key") return checkKey(file, ref.key.value, ref.key.span, true, what);
    const target = resolver.ref(file, ref.ref);
    const written = ref.ref.member ? `${ref.ref.name}.${ref.ref.member}` : ref.ref.name;
    const span: Span = ref.ref.span;
    if (target.type === "outside") return undefined;
    if (target.type === "string") return checkKey(file, target.value, span, false, what);
    if (target.type === "definition") {
      const key = keyOf.get(target.definition);
      if (key !== undefined) keySites.push({ file, span, key, role: "reference", literal: false });
      return key;
    }
    const reason = target.type === "missing" ? target.reason : `is ${target.type === "other" ? "a plain value" : target.type === "namespace" ? "a module namespace" : target.type === "op" ? "an op" : "a job"}, not an asset`;
    const suggestion = suggestKey(ref.ref.member ?? ref.ref.name, keys);
    report.add(
      DiagnosticCodes.missingUpstream,
      "error",
      { file, span },
      `${what} \`${written}\` ${reason}.${suggestion ? ` Did you mean "${suggestion}"?` : " Import the asset, or name it by its key string."}`,
      { data: { missingKey: ref.ref.member ?? ref.ref.name, ...(suggestion && { suggestion }) } },
    );
    return undefined;
  };

  const edges: EdgeSite[] = [];
  for (const file of sortedFiles) {
    for (const definition of file.definitions) {
      const downstream = definition.type === "multi-asset" ? (members.get(definition) ?? []).flatMap(({ spec }) => (spec.specKey ? [spec.specKey.value] : [])) : keyOf.has(definition) ? [keyOf.get(definition)!] : [];
      if (downstream.length === 0) continue;
      const add = (refs: RefFact[], kind: EdgeKind) => {
        for (const ref of refs) {
          const from = refKey(file, ref, "Upstream asset");
          const span = ref.type === "key" ? ref.key.span : ref.ref.span;
          if (from !== undefined) for (const to of downstream) edges.push({ from, to, kind, reference: { file, span } });
        }
      };
      add(definition.ins, "data");
      add(definition.deps, "order");
    }
  }
  checkCycles(edges, report);

  const definitions = linkDefinitions(sortedFiles, definitionsFile, resolver, report, nodes, refKey);
  const jobs = linkJobs(sortedFiles, definitions, resolver, report, unique, edges, keyOf, keySites);
  return {
    nodes: unique,
    edges,
    jobs: jobs.jobs,
    diagnostics: report.byFile,
    keySites,
    selectionStrings: jobs.selectionStrings,
    entryFiles: entryFiles(sortedFiles, resolver, definitionsFile),
  };
}

function makeNode(key: string, kind: AssetKind, definition: DefinitionFact, multi: DefinitionFact | undefined, exportName: string | undefined): AssetNode {
  const own = definition.options;
  const shared = multi?.options;
  const description = own.description ?? (multi ? undefined : definition.jsDoc);
  return {
    key,
    kind,
    group: own.group ?? shared?.group ?? "default",
    tags: own.tags ?? {},
    kinds: own.kinds ?? [],
    owners: own.owners ?? shared?.owners ?? [],
    ...(description !== undefined && { description }),
    codeVersion: own.codeVersion ?? shared?.codeVersion ?? (multi ?? definition).sourceVersion,
    ...(exportName !== undefined && { definedBy: exportName }),
  };
}

/** Each multi-asset's specs, inline or by name, with the file each spec is written in. */
function memberSpecs(files: readonly FileFacts[], resolver: Resolver, report: Reporter): Map<DefinitionFact, { spec: DefinitionFact; file: FileFacts }[]> {
  const members = new Map<DefinitionFact, { spec: DefinitionFact; file: FileFacts }[]>();
  for (const file of files) {
    for (const definition of file.definitions) {
      if (definition.type !== "multi-asset") continue;
      const specs: { spec: DefinitionFact; file: FileFacts }[] = [];
      for (const entry of definition.specs) {
        if (entry.type === "inline") {
          specs.push({ spec: entry.spec, file });
          continue;
        }
        const target = resolver.ref(file, entry.ref);
        if (target.type === "definition" && target.definition.type === "spec") specs.push({ spec: target.definition, file: target.file });
        else if (target.type !== "outside") {
          report.add(DiagnosticCodes.missingUpstream, "error", { file, span: entry.ref.span }, `\`${entry.ref.name}\` in \`specs\` is not an AssetSpec: write AssetSpec("key") or import one.`);
        }
      }
      members.set(definition, specs);
    }
  }
  return members;
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

function displayName(site: NodeSite): string {
  const path = site.name.file.file;
  return `${path.slice(path.lastIndexOf("/") + 1)}:${locationOf(site.name).range.start.line + 1}`;
}
