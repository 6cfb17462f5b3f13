/**
 * One file's share of the link: its nodes, its references resolved to keys, and the problems only it can have.
 * The result is kept while every file it was computed from is unchanged, so an edit re-links the edited file and
 * the files that import it, not the workspace.
 */
import { ASSET_KIND_OF, type AssetKind, type EdgeKind } from "../protocol/graph";
import { keyProblem, keyingExportName } from "../define/keys";
import { DiagnosticCodes, type AnalyzerDiagnostic, type DiagnosticCode } from "./api";
import type { DefinitionFact, FileFacts, RefFact } from "./facts";
import type { EdgeSite, KeySite, NodeSite, SiteNode } from "./link";
import { diagnosticAt, type Site } from "./report";
import type { Resolver } from "./resolve";

/** A reference resolved as far as one file can: the key it names (existence is checked globally), or why it names none. */
export type ResolvedRef =
  | { type: "key"; key: string; literal: boolean; site: Site }
  /** `written` is the handle as written; `reason` completes "`x` ...". */
  | { type: "problem"; written: string; name: string; reason: string; site: Site }
  /** Points outside the workspace (a package): not ours to judge. */
  | { type: "outside" };

export interface LinkedRef {
  resolved: ResolvedRef;
  /** The asset whose `ins` or `deps` hold it (a multi-asset's first member): its diagnostics name it. */
  downstream: string | undefined;
  /** The edges this reference makes when its key exists. */
  edges: EdgeSite[];
}

export interface FileLink {
  /** Other files this result resolved names through, with the surface it saw (see FileFacts.surface). */
  deps: { file: string; surface: string }[];
  /** Other files whose spans the result holds (specs a multi-asset lists by name): these must be unchanged. */
  exactDeps: FileFacts[];
  nodes: NodeSite[];
  /** Keys of this file's multi-asset members (an `AssetSpec` with such a key is a member, not an external asset). */
  memberKeys: string[];
  refs: LinkedRef[];
  /** The keys `refs` name, to tell quickly whether a key that came or went concerns this file. */
  refKeys: Set<string>;
  problems: AnalyzerDiagnostic[];
  /** Set by the linker: `refs` checked against the keys of one version (see Linker). */
  checked?: { keysVersion: number; edges: EdgeSite[]; diagnostics: AnalyzerDiagnostic[] };
}


export function linkFile(file: FileFacts, resolver: Resolver): FileLink {
  const { result, visited } = resolver.tracked(() => linkFileUntracked(file, resolver));
  visited.delete(file);
  const deps = [...visited].map((dep) => ({ file: dep.file, surface: dep.surface }));
  const exactDeps = [...new Set(result.nodes.map((n) => n.location.file).filter((f) => f !== file))];
  return { ...result, deps, exactDeps };
}

/** Whether a link computed earlier still holds for the files as they are now. */
export function isCurrent(link: FileLink, files: ReadonlyMap<string, FileFacts>): boolean {
  return link.deps.every((dep) => files.get(dep.file)?.surface === dep.surface) && link.exactDeps.every((dep) => files.get(dep.file) === dep);
}

function linkFileUntracked(file: FileFacts, resolver: Resolver): Omit<FileLink, "deps" | "exactDeps"> {
  const nodes: NodeSite[] = [];
  const memberKeys: string[] = [];
  const refs: LinkedRef[] = [];
  const problems: AnalyzerDiagnostic[] = [];
  const problem = (code: DiagnosticCode, site: Site, message: string) => problems.push(diagnosticAt(site, code, "error", message));

  for (const definition of file.definitions) {
    const exportName = exportNameOf(file, definition);
    const binding: Site = { file, span: definition.localSpan ?? definition.span };
    const downstream: string[] = [];
    if (definition.type === "multi-asset") {
      for (const { spec, file: specFile } of memberSpecs(file, definition, resolver, problem)) {
        if (!spec.specKey) continue;
        const name = { file: specFile, span: spec.specKey.span };
        nodes.push({ node: makeNode(spec.specKey.value, "multi-asset-member", spec, definition, exportName), location: { file: specFile, span: spec.span }, name, keyLiteral: name, owner: definition, binding });
        memberKeys.push(spec.specKey.value);
        downstream.push(spec.specKey.value);
      }
    } else {
      const written = definition.type === "spec" ? definition.specKey : definition.options.key;
      if (definition.type === "spec" && !written) {
        problem(DiagnosticCodes.invalidKey, binding, `AssetSpec "${definition.local}" needs its key as a string literal: AssetSpec("my_key").`);
        continue;
      }
      if (!written && !exportName) problem(DiagnosticCodes.invalidKey, binding, `Asset "${definition.local}" has no key: export it, or give it a \`key\` option.`);
      const key = written?.value ?? exportName ?? definition.local;
      const name: Site = written ? { file, span: written.span } : binding;
      const node = makeNode(key, ASSET_KIND_OF[definition.type], definition, undefined, exportName);
      if (definition.type === "graph-asset") node.ops = definition.opCalls.flatMap((ref) => {
        const target = resolver.ref(file, ref);
        return target.type === "op" ? [target.name] : [];
      });
      nodes.push({ node, location: { file, span: definition.span }, name, ...(written && { keyLiteral: name }), owner: definition, binding });
      downstream.push(key);
    }
    const add = (list: RefFact[], kind: EdgeKind) => {
      for (const ref of list) {
        const resolved = resolveRef(file, ref, resolver);
        const edges = resolved.type === "key" ? downstream.map((to) => ({ from: resolved.key, to, kind, reference: resolved.site })) : [];
        refs.push({ resolved, downstream: downstream[0], edges });
      }
    };
    add(definition.ins, "data");
    add(definition.deps, "order");
  }
  for (const site of nodes) {
    const invalid = keyProblem(site.node.key);
    if (invalid) problem(DiagnosticCodes.invalidKey, site.name, `Invalid ${invalid}.`);
  }
  const refKeys = new Set<string>();
  for (const { resolved } of refs) if (resolved.type === "key") refKeys.add(resolved.key);
  return { nodes, memberKeys, refs, refKeys, problems };
}

/** Where the file names keys (its references, then its definitions); derived when an editor asks, not on every link. */
export function keySitesOf(fileLink: FileLink): KeySite[] {
  const sites: KeySite[] = [];
  for (const { resolved } of fileLink.refs) {
    if (resolved.type === "key") sites.push({ file: resolved.site.file, span: resolved.site.span, key: resolved.key, role: "reference", literal: resolved.literal });
  }
  for (const site of fileLink.nodes) sites.push({ file: site.name.file, span: site.name.span, key: site.node.key, role: "definition", literal: site.keyLiteral !== undefined });
  return sites;
}

/** The key a reference names, as far as resolution goes; whether an asset has that key is checked by the caller. */
export function resolveRef(file: FileFacts, ref: RefFact, resolver: Resolver): ResolvedRef {
  if (ref.type === "key") return { type: "key", key: ref.key.value, literal: true, site: { file, span: ref.key.span } };
  const site = { file, span: ref.ref.span };
  const target = resolver.ref(file, ref.ref);
  if (target.type === "outside") return target;
  if (target.type === "string") return { type: "key", key: target.value, literal: false, site };
  if (target.type === "definition") {
    const key = keyOfDefinition(target.file, target.definition, resolver);
    if (key !== undefined) return { type: "key", key, literal: false, site };
  }
  const reason =
    target.type === "missing" ? target.reason
    : target.type === "definition" ? "has no key"
    : `is ${target.type === "other" ? "a plain value" : target.type === "namespace" ? "a module namespace" : target.type === "op" ? "an op" : "a job"}, not an asset`;
  return { type: "problem", written: ref.ref.member ? `${ref.ref.name}.${ref.ref.member}` : ref.ref.name, name: ref.ref.member ?? ref.ref.name, reason, site };
}

/** The key a handle to `definition` names: for a multi-asset its first member's, as at run time. */
export function keyOfDefinition(file: FileFacts, definition: DefinitionFact, resolver: Resolver): string | undefined {
  if (definition.type === "spec") return definition.specKey?.value;
  if (definition.type === "multi-asset") return memberSpecs(file, definition, resolver, () => 0)[0]?.spec.specKey?.value;
  return definition.options.key?.value ?? exportNameOf(file, definition) ?? definition.local;
}

/** The name the definition is exported under: its key when none is written, chosen as at run time. */
function exportNameOf(file: FileFacts, definition: DefinitionFact): string | undefined {
  return keyingExportName(file.exports.filter(([, local]) => local === definition.local).map(([exported]) => exported));
}

/** A multi-asset's specs, inline or by name, with the file each is written in. */
function memberSpecs(
  file: FileFacts,
  definition: DefinitionFact,
  resolver: Resolver,
  problem: (code: DiagnosticCode, site: Site, message: string) => unknown,
): { spec: DefinitionFact; file: FileFacts }[] {
  const specs: { spec: DefinitionFact; file: FileFacts }[] = [];
  for (const entry of definition.specs) {
    if (entry.type === "inline") {
      specs.push({ spec: entry.spec, file });
      continue;
    }
    const target = resolver.ref(file, entry.ref);
    if (target.type === "definition" && target.definition.type === "spec") specs.push({ spec: target.definition, file: target.file });
    else if (target.type !== "outside") problem(DiagnosticCodes.missingUpstream, { file, span: entry.ref.span }, `\`${entry.ref.name}\` in \`specs\` is not an AssetSpec: write AssetSpec("key") or import one.`);
  }
  return specs;
}

function makeNode(key: string, kind: AssetKind, definition: DefinitionFact, multi: DefinitionFact | undefined, exportName: string | undefined): SiteNode {
  const own = definition.options;
  const shared = multi?.options;
  const description = own.description ?? (multi ? undefined : definition.jsDoc);
  const explicit = own.codeVersion ?? shared?.codeVersion;
  return {
    key,
    kind,
    group: own.group ?? shared?.group ?? "default",
    tags: own.tags ?? {},
    kinds: own.kinds ?? [],
    owners: own.owners ?? shared?.owners ?? [],
    ...(description !== undefined && { description }),
    ...(explicit !== undefined && { codeVersion: explicit }),
    ...(exportName !== undefined && { definedBy: exportName }),
  };
}
