/**
 * One file's share of the link: its nodes, its references resolved to keys, and the problems only it can have.
 * The result is kept while every file it was computed from is unchanged, so an edit re-links the edited file and
 * the files that import it, not the workspace.
 */
import { ASSET_KIND_OF, type AssetKind, type EdgeKind } from "../protocol/graph";
import { keyProblem, keyingExportName } from "../define/keys";
import { DiagnosticCodes, type AnalyzerDiagnostic, type DiagnosticCode } from "./api";
import type { BackfillPolicy, PartitionMappingData, PartitionsDefinitionData } from "../protocol/partitions";
import type { DefinitionFact, FileFacts, RefFact, UpstreamFact, WrittenValue } from "./facts";
import { FilePartitions, type Read } from "./filePartitions";
import { FileChecks } from "./linkChecks";
import { freshnessPolicy } from "./linkFreshness";
import { automationCondition } from "./linkConditions";
import { spanOf } from "./partitionsValue";
import type { CheckSite, EdgeSite, KeySite, NodeSite, SiteNode } from "./sites";
import { diagnosticAt, type Site } from "./report";
import type { Resolver } from "./resolve";
import { cannotFollow, kindOf, notWanted, unfollowable, writtenName } from "./targetWords";
import { unresolvedImport } from "./unresolvedImport";

/** A reference resolved as far as one file can: the key it names (existence is checked globally), or why it names none. */
export type ResolvedRef =
  /** `via`: the top-level const that holds the key, and that const's literal (which a rename edits). */
  | { type: "key"; key: string; literal: boolean; site: Site; via?: { name: string; literal: Site } }
  /** `written` is the handle as written; `reason` completes "`x` ...". */
  | { type: "problem"; written: string; name: string; reason: string; site: Site }
  /** Only running the code would tell the key (a `let`, a call): a warning, as the code may well be right. */
  | { type: "dynamic"; written: string; reason: string; site: Site }
  /** Imported from a specifier TypeScript resolves to no file (AL1014); `reason` completes "`x` ..." and says the fix. */
  | { type: "unresolved"; written: string; reason: string; fix: string; site: Site }
  /** Points outside the workspace (a package): not ours to judge. */
  | { type: "outside" };

/** What the fix of a key the analyzer cannot follow says. */
export const KEY_FIX = "Use a string literal or a top-level const.";

export interface LinkedRef {
  resolved: ResolvedRef;
  /** The asset whose `ins` or `deps` hold it (a multi-asset's first member): its diagnostics name it. */
  downstream: string | undefined;
  /** The edges this reference makes when its key exists. */
  edges: EdgeSite[];
  /** A check's asset or input rather than an upstream: what its messages start with (`Check "x" (src/c.ts): asset`). */
  check?: string;
}

export interface FileLink {
  /** The file linked (absolute path). */
  file: string;
  /** Other files this result resolved names through, with the surface it saw (see FileFacts.surface). */
  deps: { file: string; surface: string }[];
  /** Other files whose spans the result holds (specs a multi-asset lists by name): these must be unchanged. */
  exactDeps: FileFacts[];
  nodes: NodeSite[];
  /** Keys of this file's multi-asset members (an `AssetSpec` with such a key is a member, not an external asset). */
  memberKeys: string[];
  refs: LinkedRef[];
  /** The checks the file writes, in the graph or not (see linkChecks.ts). */
  checks: CheckSite[];
  /** The keys `refs` name, to tell quickly whether a key that came or went concerns this file. */
  refKeys: Set<string>;
  problems: AnalyzerDiagnostic[];
  /** Whether a node is partitioned (or may be) or an edge has a mapping: else the graph-wide mapping checks skip the file. */
  hasPartitions: boolean;
}

export function linkFile(file: FileFacts, resolver: Resolver): FileLink {
  const { result, visited } = resolver.tracked(() => linkFileUntracked(file, resolver));
  visited.delete(file);
  const deps = [...visited].map((dep) => ({ file: dep.file, surface: dep.surface }));
  const { held, ...link } = result;
  held.delete(file);
  return { ...link, file: file.file, deps, exactDeps: [...held] };
}

/** Whether a link computed earlier still holds for the files as they are now. */
export function isCurrent(link: FileLink, files: ReadonlyMap<string, FileFacts>): boolean {
  return (
    link.deps.every((dep) => files.get(dep.file)?.surface === dep.surface) &&
    link.exactDeps.every((dep) => files.get(dep.file) === dep)
  );
}

function linkFileUntracked(
  file: FileFacts,
  resolver: Resolver,
): Omit<FileLink, "file" | "deps" | "exactDeps"> & { held: Set<FileFacts> } {
  const nodes: NodeSite[] = [];
  const memberKeys: string[] = [];
  const refs: LinkedRef[] = [];
  const problems: AnalyzerDiagnostic[] = [];
  /** The files whose spans the result holds: a spec or a key const written in another file. */
  const held = new Set<FileFacts>();
  const hold = (site: Site) => (held.add(site.file), site);
  const problem = (code: DiagnosticCode, site: Site, message: string) =>
    problems.push(diagnosticAt(hold(site), code, "error", message));
  const unfollowed = (site: Site, message: string) =>
    problems.push(diagnosticAt(hold(site), DiagnosticCodes.dynamicKey, "warning", message));
  /** A key that cannot be read: a warning when only running the code would tell, an error when its import resolves to nothing. */
  const unfollowedKey = (key: Extract<WrittenKey, { type: "unfollowed" }>, message: string) =>
    key.code === DiagnosticCodes.unresolvedImport
      ? problem(key.code, key.site, `${message} ${key.fix}`)
      : unfollowed(key.site, `${message} ${key.fix}`);

  const parts = new FilePartitions(file, resolver, (diagnostic) => problems.push(diagnostic), hold);
  parts.checkConsts();
  const checks = new FileChecks(file, resolver, refs, problems, hold);
  checks.written();
  /** A definition's freshness policy; one written in another file (a spec listed by name) is reported there. */
  const freshness = (definition: DefinitionFact, where: FileFacts, owner: string) =>
    definition.options.freshness &&
    freshnessPolicy(where, definition.options.freshness, owner, where === file ? problems : [], resolver);
  /** A definition's automation condition; as freshness, one written in another file is reported there. */
  const condition = (definition: DefinitionFact, where: FileFacts, owner: string) =>
    definition.options.automationCondition &&
    automationCondition(where, definition.options.automationCondition, owner, where === file ? problems : [], resolver);

  if (file.syntaxError) {
    const { message, span } = file.syntaxError;
    problems.push(
      diagnosticAt(
        { file, span },
        DiagnosticCodes.syntaxError,
        "error",
        `${file.path} does not parse: ${message} Fix the syntax; until then the analyzer may miss its assets and the runner cannot load it.`,
      ),
    );
  }
  if (file.tooDeep) {
    const { depth, span } = file.tooDeep;
    problems.push(
      diagnosticAt(
        { file, span },
        DiagnosticCodes.tooDeep,
        "warning",
        `${file.path} nests too deeply to parse (brackets about ${depth} levels deep here; TypeScript's parser runs out of stack at several hundred), so the analyzer reads nothing in it: its assets, jobs and exports are left out of the graph. Flatten it: build the value from smaller named parts, or load deep data from a JSON file.`,
      ),
    );
  }
  for (const { callee, span } of file.hiddenDefinitions) {
    const message = `${callee}(...) inside a function or a loop (${file.path}) makes an asset only running the code reveals, so the graph, the editor and runs leave it out. Define each asset at the top level: \`export const name = ${callee}(...)\`.`;
    problems.push(diagnosticAt({ file, span }, DiagnosticCodes.assetFactory, "warning", message));
  }
  for (const definition of file.definitions) {
    const exportName = exportNameOf(file, definition);
    const binding: Site = { file, span: definition.localSpan ?? definition.span };
    const downstream: string[] = [];
    if (definition.type === "multi-asset") {
      const owner = `Multi-asset "${exportName ?? definition.local}" (${file.path})`;
      const specProblem = (site: Site, message: string, warning: boolean) =>
        warning ? unfollowed(site, `${owner}: ${message}`) : problem(DiagnosticCodes.missingUpstream, site, message);
      const firstMember = nodes.length;
      // One definition for every member, as at run time: the multi-asset's, else the first spec's own.
      let shared = parts.partitionsDef(definition.options.partitionsDef, owner);
      const sharedCondition = condition(definition, file, owner);
      for (const { spec, file: specFile } of memberSpecs(file, definition, resolver, specProblem)) {
        const own = parts.partitionsDef(spec.options.partitionsDef, owner, specFile, specFile !== file);
        if (own.data && shared.data && JSON.stringify(own.data) !== JSON.stringify(shared.data))
          parts.memberMismatch(owner, keyOfSpec(specFile, spec, resolver), {
            file: specFile,
            span: spanOf(spec.options.partitionsDef!),
          });
        else if (!shared.data && (own.data || own.unknown)) shared = own;
        if (!spec.specKey) continue;
        const key = writtenKey(specFile, spec.specKey, resolver);
        if (key.type === "unfollowed") {
          // A spec written elsewhere is reported there, as the top-level AssetSpec it is.
          if (specFile === file)
            unfollowedKey(
              key,
              `${owner}: the key of its spec, \`${key.written}\`, ${key.reason}, so that asset is left out of the graph.`,
            );
          continue;
        }
        // Each member's own: a multi-asset takes no freshness of its own, as at run time.
        const policy = freshness(spec, specFile, owner);
        // A member's own automation condition, else the multi-asset's (every member's default).
        const automation = condition(spec, specFile, owner) ?? sharedCondition;
        nodes.push({
          node: {
            ...makeNode(key.key, "multi-asset-member", spec, definition, exportName),
            ...(policy && { freshness: policy }),
            ...(automation && { automationCondition: automation }),
          },
          location: hold({ file: specFile, span: spec.span }),
          name: hold(key.name),
          keyLiteral: hold(key.literal),
          owner: definition,
          binding,
          writtenKinds: spec.options.kinds ?? [],
        });
        memberKeys.push(key.key);
        downstream.push(key.key);
      }
      const canSubset = definition.options.canSubset ?? false;
      const backfillPolicy = parts.backfillPolicy(definition.options.backfillPolicy, owner, shared);
      for (const site of nodes.slice(firstMember)) {
        site.node.multiAsset = { firstKey: downstream[0]!, canSubset };
        partitioned(site, shared, backfillPolicy);
      }
      parts.contextReads(definition, owner, shared);
    } else {
      const fact = definition.type === "spec" ? definition.specKey : definition.options.key;
      if (definition.type === "spec" && !fact) {
        problem(
          DiagnosticCodes.invalidKey,
          binding,
          `AssetSpec "${definition.local}" needs its key: AssetSpec("my_key"), with a string literal or a top-level const.`,
        );
        continue;
      }
      const written = fact && writtenKey(file, fact, resolver);
      const shown = exportName ?? definition.local;
      if (written?.type === "unfollowed") {
        if (definition.type === "spec") {
          unfollowedKey(
            written,
            `AssetSpec "${shown}" (${file.path}): its key \`${written.written}\` ${written.reason}, so it is left out of the graph.`,
          );
          continue;
        }
        // Shown under its name rather than left out: its lens, its lineage by handle, and a run that fails loudly if asked for it.
        unfollowedKey(
          written,
          `Asset "${shown}" (${file.path}): its key \`${written.written}\` ${written.reason}, so it is shown as "${shown}".`,
        );
      }
      const key = written?.type === "key" ? written : undefined;
      if (!written && !exportName)
        problem(
          DiagnosticCodes.invalidKey,
          binding,
          `Asset "${definition.local}" has no key: export it, or give it a \`key\` option.`,
        );
      const node = makeNode(key?.key ?? shown, ASSET_KIND_OF[definition.type], definition, undefined, exportName);
      const owner = `${definition.type === "spec" ? "AssetSpec" : "Asset"} "${shown}" (${file.path})`;
      const partitions = parts.partitionsDef(definition.options.partitionsDef, owner);
      const backfillPolicy = parts.backfillPolicy(definition.options.backfillPolicy, owner, partitions);
      parts.contextReads(definition, owner, partitions);
      const policy = freshness(definition, file, owner);
      if (policy) node.freshness = policy;
      const automation = condition(definition, file, owner);
      if (automation) node.automationCondition = automation;
      if (definition.type === "graph-asset")
        node.ops = definition.opCalls.flatMap((ref) => {
          const target = resolver.ref(file, ref);
          return target.type === "op" ? [target.name] : [];
        });
      const site: NodeSite = {
        node,
        location: { file, span: definition.span },
        name: key?.name ?? binding,
        ...(key && { keyLiteral: hold(key.literal) }),
        owner: definition,
        binding,
        writtenKinds: node.kinds,
      };
      partitioned(site, partitions, backfillPolicy);
      nodes.push(site);
      downstream.push(node.key);
    }
    if (definition.type === "asset") checks.inline(definition, downstream[0], exportName);
    const reader = `Asset "${downstream[0] ?? definition.local}" (${file.path})`;
    const add = (list: UpstreamFact[], kind: EdgeKind) => {
      for (const ref of list) {
        const resolved = resolveRef(file, ref, resolver);
        if (resolved.type === "key" && resolved.via) hold(resolved.via.literal);
        const mapping = ref.mapping && edgeMapping(parts.mapping(ref.mapping, reader, writtenRef(ref)), ref.mapping);
        const edges =
          resolved.type === "key"
            ? downstream.map((to) => ({ from: resolved.key, to, kind, reference: resolved.site, ...mapping }))
            : [];
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
  const hasPartitions =
    nodes.some((site) => site.node.partitions || site.partitionsUnknown) ||
    refs.some((ref) => ref.edges.some((edge) => edge.mapping || edge.mappingUnknown));
  return { nodes, memberKeys, refs, checks: checks.sorted(), refKeys, problems, held, hasPartitions };
}

/** Puts what was read of a definition's partitions on its node. */
function partitioned(
  site: NodeSite,
  partitions: Read<PartitionsDefinitionData>,
  backfillPolicy?: BackfillPolicy,
): void {
  if (partitions.data) site.node.partitions = partitions.data;
  if (partitions.unknown) site.partitionsUnknown = true;
  if (backfillPolicy) site.node.backfillPolicy = backfillPolicy;
}

/** An edge's share of a mapping read on its reference: the data and where it is written, or that it is unknown. */
function edgeMapping(read: Read<PartitionMappingData>, written: WrittenValue): Partial<EdgeSite> {
  if (read.unknown) return { mappingUnknown: true };
  return read.data ? { mapping: read.data, mappingSpan: spanOf(written) } : {};
}

/** An upstream reference as written, for messages. */
function writtenRef(ref: UpstreamFact): string {
  return ref.type === "handle" ? writtenName(ref.ref) : ref.type === "key" ? `"${ref.key.value}"` : ref.text;
}

/** A member spec's key for messages: as followed, else as written. */
function keyOfSpec(file: FileFacts, spec: DefinitionFact, resolver: Resolver): string {
  return followedKey(file, spec.specKey, resolver) ?? spec.local;
}

/** Where the file names keys (its references, then its definitions); derived when an editor asks, not on every link. */
export function keySitesOf(fileLink: FileLink): KeySite[] {
  const sites: KeySite[] = [];
  for (const { resolved } of fileLink.refs) {
    if (resolved.type !== "key") continue;
    sites.push({
      file: resolved.site.file,
      span: resolved.site.span,
      key: resolved.key,
      role: "reference",
      literal: resolved.literal,
    });
    // The const's literal is where a rename edits the key.
    if (resolved.via) sites.push({ ...resolved.via.literal, key: resolved.key, role: "reference", literal: true });
  }
  for (const site of fileLink.nodes) {
    sites.push({
      file: site.name.file,
      span: site.name.span,
      key: site.node.key,
      role: "definition",
      literal: site.keyLiteral === site.name,
    });
    if (site.keyLiteral && site.keyLiteral !== site.name)
      sites.push({ ...site.keyLiteral, key: site.node.key, role: "definition", literal: true });
  }
  return sites;
}

/** The key a reference names, as far as resolution goes; whether an asset has that key is checked by the caller. */
export function resolveRef(file: FileFacts, ref: RefFact, resolver: Resolver): ResolvedRef {
  if (ref.type === "key") return { type: "key", key: ref.key.value, literal: true, site: { file, span: ref.key.span } };
  if (ref.type === "dynamic")
    return { type: "dynamic", written: ref.text, reason: unfollowable(ref.what), site: { file, span: ref.span } };
  const site = { file, span: ref.ref.span };
  const written = writtenName(ref.ref);
  const target = resolver.ref(file, ref.ref);
  if (target.type === "outside") return target;
  if (target.type === "unresolved") return { type: "unresolved", written, ...unresolvedImport(target), site };
  if (target.type === "string")
    return { type: "key", key: target.value, literal: false, site, via: { name: written, literal: target.site } };
  if (target.type === "dynamic") return { type: "dynamic", written, reason: cannotFollow(target, file), site };
  if (target.type === "definition") {
    const key = keyOfDefinition(target.file, target.definition, resolver);
    if (key !== undefined) return { type: "key", key, literal: false, site };
    return { type: "dynamic", written, reason: "names an asset whose key the analyzer cannot follow", site };
  }
  const reason = target.type === "missing" ? target.reason : `is ${kindOf(target)}, not an asset`;
  return { type: "problem", written, name: ref.ref.member ?? ref.ref.name, reason, site };
}

/** The key a handle to `definition` names: for a multi-asset its first member's, as at run time. */
export function keyOfDefinition(file: FileFacts, definition: DefinitionFact, resolver: Resolver): string | undefined {
  if (definition.type === "spec") return followedKey(file, definition.specKey, resolver);
  if (definition.type === "multi-asset") {
    const first = memberSpecs(file, definition, resolver, () => 0)[0];
    return first && followedKey(first.file, first.spec.specKey, resolver);
  }
  // As its node: a key the analyzer cannot follow shows the asset under its name.
  return followedKey(file, definition.options.key, resolver) ?? exportNameOf(file, definition) ?? definition.local;
}

/** A key as written (`key:` option, AssetSpec's argument): a literal, a top-level const's value, or why it cannot be read. */
type WrittenKey =
  /** `name`: where it is written; `literal`: the string a rename edits (the same object when written in place). */
  | { type: "key"; key: string; name: Site; literal: Site }
  /** `fix`: what to write instead; `code`: AL1009 (only running the code would tell) or AL1014 (an unresolved import). */
  | { type: "unfollowed"; written: string; reason: string; site: Site; fix: string; code: DiagnosticCode };

export function writtenKey(file: FileFacts, ref: RefFact, resolver: Resolver): WrittenKey {
  if (ref.type === "key") {
    const site = { file, span: ref.key.span };
    return { type: "key", key: ref.key.value, name: site, literal: site };
  }
  const dynamic = { fix: KEY_FIX, code: DiagnosticCodes.dynamicKey };
  if (ref.type === "dynamic")
    return {
      type: "unfollowed",
      written: ref.text,
      reason: unfollowable(ref.what),
      site: { file, span: ref.span },
      ...dynamic,
    };
  const site = { file, span: ref.ref.span };
  const target = resolver.ref(file, ref.ref);
  if (target.type === "string") return { type: "key", key: target.value, name: site, literal: target.site };
  if (target.type === "unresolved") {
    const { reason, fix } = unresolvedImport(target);
    return {
      type: "unfollowed",
      written: writtenName(ref.ref),
      reason,
      site,
      fix,
      code: DiagnosticCodes.unresolvedImport,
    };
  }
  const reason = notWanted(target, file, "a key string");
  return { type: "unfollowed", written: writtenName(ref.ref), reason, site, ...dynamic };
}

function followedKey(file: FileFacts, ref: RefFact | undefined, resolver: Resolver): string | undefined {
  const key = ref && writtenKey(file, ref, resolver);
  return key?.type === "key" ? key.key : undefined;
}

/** The name a definition or check is exported under: its key (or name) when none is written, chosen as at run time. */
export function exportNameOf(file: FileFacts, definition: { local: string }): string | undefined {
  return keyingExportName(file.exports.filter(([, local]) => local === definition.local).map(([exported]) => exported));
}

/** A multi-asset's specs, inline or by name, with the file each is written in; `report` gets what cannot be one. */
function memberSpecs(
  file: FileFacts,
  definition: DefinitionFact,
  resolver: Resolver,
  report: (site: Site, message: string, warning: boolean) => unknown,
): { spec: DefinitionFact; file: FileFacts }[] {
  const specs: { spec: DefinitionFact; file: FileFacts }[] = [];
  const fix = 'Write AssetSpec("key") there, or name a top-level AssetSpec.';
  for (const entry of definition.specs) {
    if (entry.type === "inline") {
      specs.push({ spec: entry.spec, file });
      continue;
    }
    if (entry.type === "dynamic") {
      report(
        { file, span: entry.span },
        `its spec \`${entry.text}\` ${unfollowable(entry.what)}, so that asset is left out of the graph. ${fix}`,
        true,
      );
      continue;
    }
    const site = { file, span: entry.ref.span };
    const target = resolver.ref(file, entry.ref);
    if (target.type === "definition" && target.definition.type === "spec")
      specs.push({ spec: target.definition, file: target.file });
    else if (target.type === "dynamic")
      report(
        site,
        `its spec \`${writtenName(entry.ref)}\` ${cannotFollow(target, file)}, so that asset is left out of the graph. ${fix}`,
        true,
      );
    else if (target.type !== "outside")
      report(
        site,
        `\`${entry.ref.name}\` in \`specs\` is not an AssetSpec: write AssetSpec("key") or import one.`,
        false,
      );
  }
  return specs;
}

function makeNode(
  key: string,
  kind: AssetKind,
  definition: DefinitionFact,
  multi: DefinitionFact | undefined,
  exportName: string | undefined,
): SiteNode {
  const own = definition.options;
  const shared = multi?.options;
  // A multi-asset's options are its members' defaults, as at run time (sdk/src/define/multiAsset.ts).
  const description = own.description ?? (multi ? shared?.description : definition.jsDoc);
  const explicit = own.codeVersion ?? shared?.codeVersion;
  const pool = own.pool ?? shared?.pool;
  return {
    key,
    kind,
    group: own.group ?? shared?.group ?? "default",
    tags: { ...shared?.tags, ...own.tags },
    kinds: own.kinds ?? [],
    owners: own.owners ?? shared?.owners ?? [],
    ...(description !== undefined && { description }),
    ...(explicit !== undefined && { codeVersion: explicit }),
    ...(exportName !== undefined && { definedBy: exportName }),
    ...(pool !== undefined && { pool }),
  };
}
