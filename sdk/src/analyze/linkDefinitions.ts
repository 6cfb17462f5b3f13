/** The workspace's `Definitions`: which assets it leaves out (a warning) and which jobs it declares. */
import { posix } from "node:path";
import { DiagnosticCodes } from "./api";
import type { AutomationFact, CheckFact, DefinitionFact, DefinitionsFact, FileFacts, JobFact } from "./facts";
import { checkEntryProblem, type ListedChecks } from "./linkChecks";
import type { Resolver } from "./resolve";
import { unfollowable } from "./targetWords";
import { linkResources } from "./linkResources";
import { locationOf, type Reporter, type Site } from "./report";
import { resolveRef } from "./linkFile";
import type { LinkContext } from "./sites";
import { unresolvedImport } from "./unresolvedImport";

export interface DefinitionsLink {
  /** The jobs the Definitions lists, in order; undefined when there is no Definitions (every exported job counts). */
  jobs: { file: FileFacts; job: JobFact }[] | undefined;
  /** The checks its `checks` lists (see linkChecks.ts). */
  checks: ListedChecks;
  /** The schedules and sensors it lists; undefined without a Definitions (exported ones count anyway). */
  automation: { file: FileFacts; fact: AutomationFact }[] | undefined;
  /** The Definitions used and its file; absent when there is none. */
  chosen?: { file: FileFacts; fact: DefinitionsFact };
}

const NO_CHECKS: ListedChecks = { facts: new Set(), call: undefined };

/**
 * Over the files the runner loads (all, or those the definitions file reaches). The Definitions used is the
 * definitions file's, else the first in file order; every other one they hold is reported as ignored.
 */
export function linkDefinitions(context: LinkContext): DefinitionsLink {
  const { loadedFiles, definitionsFile, resolver, report, nodes, refKey } = context;
  const holding = loadedFiles.filter((f) => f.definitionsCalls.length > 0);
  const file = holding.find((f) => f.file === definitionsFile) ?? holding[0];
  const chosen = file?.definitionsCalls[0];
  if (!file || !chosen) return { jobs: undefined, checks: NO_CHECKS, automation: undefined };
  reportIgnored(holding, file, chosen, definitionsFile, report);
  linkResources(context, file, chosen);

  const listed = new Set<DefinitionFact>();
  /** An entry only running the code would tell: which assets are left out is then unknown, so none is said to be. */
  let unknown = false;
  for (const ref of chosen.assets) {
    const target = ref.type === "handle" ? resolver.ref(file, ref.ref) : undefined;
    if (target?.type === "definition") listed.add(target.definition);
    const resolved = resolveRef(file, ref, resolver);
    if (resolved.type !== "dynamic") refKey(file, ref, "Definitions entry");
    else if (target?.type !== "definition") {
      // A definition whose key cannot be followed is still listed, and warned about where it is defined.
      unknown = true;
      report.add(
        DiagnosticCodes.dynamicKey,
        "warning",
        resolved.site,
        `Definitions entry \`${resolved.written}\` (${file.path}) ${resolved.reason}, so which assets the Definitions lists is unknown. List each asset by its name.`,
      );
    }
  }
  const warned = new Set<DefinitionFact>();
  const where = posix.basename(file.file);
  for (const site of unknown ? [] : nodes()) {
    if (listed.has(site.owner) || warned.has(site.owner)) continue;
    warned.add(site.owner);
    const name =
      site.node.kind === "multi-asset-member"
        ? `Multi-asset "${site.node.definedBy ?? site.owner.local}"`
        : `Asset "${site.node.key}"`;
    report.add(
      DiagnosticCodes.notInDefinitions,
      "warning",
      site.node.kind === "multi-asset-member" ? site.binding : site.name,
      `${name} is not in the Definitions in ${where}: add it to \`assets\` there, or runs will not include it.`,
    );
  }

  const jobs: { file: FileFacts; job: JobFact }[] = [];
  for (const ref of chosen.jobs) {
    const target = resolver.ref(file, ref);
    if (target.type === "job") jobs.push({ file: target.file, job: target.job });
    else if (target.type === "unresolved") {
      const { reason, fix } = unresolvedImport(target);
      const written = ref.member ? `${ref.name}.${ref.member}` : ref.name;
      const message = `Definitions job \`${written}\` (${file.path}) ${reason}, so the job is not in the graph. ${fix}`;
      report.add(DiagnosticCodes.unresolvedImport, "error", { file, span: ref.span }, message);
    }
  }
  const automation = [...chosen.schedules, ...chosen.sensors].flatMap((ref) => {
    const target = resolver.ref(file, ref);
    return target.type === "automation" ? [{ file: target.file, fact: target.automation }] : [];
  });
  return { jobs, checks: listedChecks(file, chosen, resolver, report), chosen: { file, fact: chosen }, automation };
}

/** The top-level checks the Definitions names in its `checks` (those written there are its file's own sites). */
function listedChecks(file: FileFacts, chosen: DefinitionsFact, resolver: Resolver, report: Reporter): ListedChecks {
  const facts = new Set<CheckFact>();
  const owner = `Definitions (${file.path})`;
  for (const entry of chosen.checks) {
    if (entry.type === "inline") continue;
    if (entry.type === "dynamic") {
      report.add(
        DiagnosticCodes.dynamicCheck,
        "warning",
        { file, span: entry.span },
        `${owner}: its checks entry \`${entry.text}\` ${unfollowable(entry.what)}, so which checks it lists is unknown. List each check by its name.`,
      );
      continue;
    }
    const target = resolver.ref(file, entry.ref);
    if (target.type === "check") facts.add(target.check);
    else checkEntryProblem(file, entry.ref, target, owner, (diagnostic) => report.push(diagnostic));
  }
  return { facts, call: chosen };
}

/** Every Definitions but the one used, each told which one is and how to keep one. */
function reportIgnored(
  holding: readonly FileFacts[],
  file: FileFacts,
  chosen: DefinitionsFact,
  definitionsFile: string | undefined,
  report: Reporter,
): void {
  const used: Site = { file, span: chosen.calleeSpan };
  const where = `${file.path}:${locationOf(used).range.start.line + 1}`;
  const fix =
    definitionsFile === undefined
      ? "Keep one Definitions per workspace, or set assetline.definitionsFile / --definitions FILE to choose."
      : `Keep one Definitions in ${file.path} and the files it imports.`;
  for (const other of holding) {
    for (const call of other.definitionsCalls) {
      if (call === chosen) continue;
      report.add(
        DiagnosticCodes.duplicateDefinitions,
        "warning",
        { file: other, span: call.calleeSpan },
        `This Definitions is ignored: the workspace uses the one in ${where}. ${fix}`,
        {
          related: [{ location: locationOf(used), message: "The Definitions the workspace uses" }],
        },
      );
    }
  }
}
