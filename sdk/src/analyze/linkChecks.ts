/**
 * Checks in the link: each file reads the checks it writes (`FileChecks`, kept with the file's link), and the link
 * keeps those the runtime would load (`linkChecks`): inline in an asset, exported, or listed by the Definitions,
 * each check written once counted once, on an asset of the graph.
 */
import { checkKey } from "../protocol/checks";
import { DiagnosticCodes, type AnalyzerDiagnostic } from "./api";
import type { CheckFact, DefinitionFact, DefinitionsFact, DynamicFact, FileFacts } from "./facts";
import { freshnessPolicy } from "./linkFreshness";
import { exportNameOf, resolveRef, type LinkedRef } from "./linkFile";
import { diagnosticAt, locationOf, type Site } from "./report";
import type { Resolver } from "./resolve";
import type { CheckSite, GraphCheckSite, LinkContext } from "./sites";
import { kindOf, unfollowable, writtenName } from "./targetWords";
import { unresolvedImport } from "./unresolvedImport";

/** A check's name: one asset-key part. */
const CHECK_NAME = /^[A-Za-z0-9_-]+$/;

/** What the Definitions lists in its `checks`: top-level checks by name, and the call whose own entries count. */
export interface ListedChecks {
  facts: ReadonlySet<CheckFact>;
  call: DefinitionsFact | undefined;
}

/** One file's checks, read into sites; their references join the file's (checked against the keys with them). */
export class FileChecks {
  readonly sites: CheckSite[] = [];

  constructor(
    private readonly file: FileFacts,
    private readonly resolver: Resolver,
    private readonly refs: LinkedRef[],
    private readonly problems: AnalyzerDiagnostic[],
    /** Records a site in another file whose spans the result holds. */
    private readonly hold: (site: Site) => Site,
  ) {}

  /** The file's top-level checks, and those written inside its Definitions calls. */
  written(): void {
    for (const fact of this.file.checks) {
      const exported = exportNameOf(this.file, fact);
      this.add(this.file, fact, exported ? "exported" : "top", undefined, exported);
    }
    for (const call of this.file.definitionsCalls)
      for (const entry of call.checks) if (entry.type === "inline") this.add(this.file, entry.check, call);
  }

  /** An asset's `checks`: each about `asset` (its first key) unless it names its own, defined by the asset's binding. */
  inline(definition: DefinitionFact, asset: string | undefined, definedBy: string | undefined): void {
    const owner = `Asset "${asset ?? definition.local}" (${this.file.path})`;
    for (const entry of definition.checks) {
      if (entry.type === "inline") {
        this.add(this.file, entry.check, "inline", asset, definedBy);
        continue;
      }
      if (entry.type === "dynamic") {
        this.unfollowed(entry, `${owner}: its checks entry \`${entry.text}\` ${unfollowable(entry.what)}`);
        continue;
      }
      const target = this.resolver.ref(this.file, entry.ref);
      if (target.type === "check") this.add(target.file, target.check, "inline", asset, definedBy);
      else checkEntryProblem(this.file, entry.ref, target, owner, (d) => this.problems.push(d));
    }
  }

  private unfollowed(written: DynamicFact, message: string): void {
    this.problems.push(
      diagnosticAt(
        { file: this.file, span: written.span },
        DiagnosticCodes.dynamicCheck,
        "warning",
        `${message}, so that check is not in the graph. ${CHECK_FIX}`,
      ),
    );
  }

  /** The sites of one check definition written in `where` (this file, or another whose check this file lists). */
  private add(
    where: FileFacts,
    fact: CheckFact,
    origin: CheckSite["origin"],
    inlineAsset?: string,
    definedBy?: string,
  ): void {
    // A check written in another file is reported there, as the top-level check it is.
    const own = where === this.file;
    const exportName = fact.local ? exportNameOf(where, fact) : undefined;
    const labelOf = (name: string | undefined) => `Check "${name ?? (fact.local || "?")}" (${where.path})`;
    if (own && fact.freshness)
      freshnessPolicy(where, fact.freshness, labelOf(fact.specs[0]?.name?.value), this.problems);
    for (const spec of fact.specs) {
      const name = spec.name?.value ?? (fact.call === "assetCheck" && !spec.dynamicName ? exportName : undefined);
      const label = labelOf(name);
      let asset = inlineAsset;
      let assetSite: Site | undefined;
      if (spec.asset) {
        const resolved = resolveRef(where, spec.asset, this.resolver);
        if (own) this.refs.push({ resolved, downstream: undefined, edges: [], check: `${label}: asset` });
        asset = resolved.type === "key" ? resolved.key : undefined;
        if (resolved.type !== "outside") assetSite = this.hold(resolved.site);
      }
      const additionalAssets: string[] = [];
      for (const ref of fact.ins) {
        const resolved = resolveRef(where, ref, this.resolver);
        if (own) this.refs.push({ resolved, downstream: undefined, edges: [], check: `${label}: input` });
        if (resolved.type === "key" && resolved.key !== asset && !additionalAssets.includes(resolved.key))
          additionalAssets.push(resolved.key);
      }
      const at = { file: where, span: spec.name?.span ?? fact.localSpan ?? fact.span };
      if (spec.dynamicName) {
        if (own)
          this.unfollowed(
            spec.dynamicName,
            `${label}: its name \`${spec.dynamicName.text}\` ${unfollowable(spec.dynamicName.what)}`,
          );
        continue;
      }
      if (name === undefined || !CHECK_NAME.test(name)) {
        if (own) this.problems.push(nameProblem(at, name, label));
        continue;
      }
      this.sites.push({
        node: {
          name,
          ...(asset !== undefined && { asset }),
          blocking: spec.blocking,
          ...(spec.description !== undefined && { description: spec.description }),
          ...(additionalAssets.length > 0 && { additionalAssets }),
          form: origin === "inline" ? "inline" : fact.call,
          ...((origin === "inline" ? definedBy : exportName) !== undefined && {
            definedBy: origin === "inline" ? definedBy : exportName,
          }),
        },
        location: this.hold({ file: where, span: fact.span }),
        ...(assetSite && { asset: assetSite }),
        name: this.hold(at),
        ...(spec.blockingSpan && { blocking: { file: where, span: spec.blockingSpan } }),
        spec,
        fact,
        origin,
      });
    }
  }
}

const CHECK_FIX = "Write the check there (assetCheck(...), checks.unique(...)), or name a top-level one.";

function nameProblem(at: Site, name: string | undefined, label: string): AnalyzerDiagnostic {
  const message =
    name === undefined
      ? `${label} has no name: give it one (\`name: "positive_totals"\`), or export it to be named after its binding.`
      : `Invalid check name "${name}": use only letters, digits, "_" and "-".`;
  return diagnosticAt(at, DiagnosticCodes.invalidKey, "error", message);
}

/** A `checks` entry that names no check: an unresolved import (AL1014), something else, or what cannot be followed. */
export function checkEntryProblem(
  file: FileFacts,
  ref: Parameters<Resolver["ref"]>[1],
  target: ReturnType<Resolver["ref"]>,
  owner: string,
  report: (diagnostic: AnalyzerDiagnostic) => void,
): void {
  const site = { file, span: ref.span };
  const written = writtenName(ref);
  if (target.type === "outside") return;
  if (target.type === "unresolved") {
    const { reason, fix } = unresolvedImport(target);
    report(
      diagnosticAt(
        site,
        DiagnosticCodes.unresolvedImport,
        "error",
        `${owner}: its check \`${written}\` ${reason}. ${fix}`,
      ),
    );
    return;
  }
  const reason =
    target.type === "dynamic"
      ? unfollowable(target.what, target.file === file ? "" : ` in ${target.file.path}`)
      : target.type === "missing"
        ? target.reason
        : `is ${kindOf(target)}, not a check`;
  report(
    diagnosticAt(
      site,
      DiagnosticCodes.dynamicCheck,
      "warning",
      `${owner}: its checks entry \`${written}\` ${reason}, so that check is not in the graph. ${CHECK_FIX}`,
    ),
  );
}

/**
 * The graph's checks from the loaded files' sites: inline ones, exported ones, and those the Definitions lists; a
 * check reached several ways counts once (inline first: there it has its asset). Reports checks without an asset,
 * two checks with one key, and blocking checks on external assets.
 */
export function linkChecks(
  { report, nodeOf }: Pick<LinkContext, "report" | "nodeOf">,
  sites: readonly CheckSite[],
  listed: ListedChecks,
): GraphCheckSite[] {
  const included = sites.filter(
    (site) =>
      site.origin === "inline" ||
      site.origin === "exported" ||
      (site.origin === "top" ? listed.facts.has(site.fact) : site.origin === listed.call),
  );
  const winner = new Map<CheckSite["spec"], CheckSite>();
  for (const site of included)
    if (!winner.has(site.spec) || (site.origin === "inline" && winner.get(site.spec)!.origin !== "inline"))
      winner.set(site.spec, site);
  const byKey = new Map<string, CheckSite>();
  const checks: GraphCheckSite[] = [];
  for (const site of included) {
    if (winner.get(site.spec) !== site) continue;
    const { asset, name } = site.node;
    // An asset written but not followed, or naming no asset, was reported with the file's references.
    if (asset === undefined) {
      if (!site.spec.asset)
        report.add(
          DiagnosticCodes.missingCheckAsset,
          "error",
          site.name,
          `Check "${name}" (${site.location.file.path}) names no asset: write \`asset: orders\` in it, or list it in an asset's \`checks\`.`,
        );
      continue;
    }
    const target = nodeOf(asset);
    if (!target) continue;
    const key = checkKey(asset, name);
    const first = byKey.get(key);
    if (first) {
      const where = `${first.name.file.path}:${locationOf(first.name).range.start.line + 1}`;
      report.add(
        DiagnosticCodes.duplicateCheck,
        "error",
        site.name,
        `Duplicate check "${name}" on "${asset}": it is also defined in ${where}. Give one of them another name.`,
        { related: [{ location: locationOf(first.name), message: `"${key}" is also defined here` }] },
      );
      continue;
    }
    byKey.set(key, site);
    if (site.node.blocking && target.node.kind === "external")
      report.add(
        DiagnosticCodes.blockingExternalCheck,
        "warning",
        site.blocking ?? site.name,
        `Check "${name}" is blocking, but "${asset}" is an external asset (AssetSpec): no run here materializes it, so there is nothing to block. Remove \`blocking: true\`.`,
      );
    checks.push(site as GraphCheckSite);
  }
  return checks;
}
