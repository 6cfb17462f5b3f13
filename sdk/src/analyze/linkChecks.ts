/**
 * Checks in the link: each file reads the checks it writes (`FileChecks`, kept with the file's link), and the link
 * keeps those the runtime would load (`linkChecks`): inline in an asset, exported, or listed by the Definitions,
 * each check written once counted once, on an asset of the graph.
 */
import { checkKey } from "../protocol/checks";
import { DiagnosticCodes, type AnalyzerDiagnostic } from "./api";
import { KEY_PART } from "../define/keys";
import type {
  CheckEntryFact,
  CheckFact,
  CheckNameFact,
  DefinitionFact,
  DefinitionsFact,
  DynamicFact,
  FileFacts,
  RefFact,
} from "./facts";
import type { Span } from "./lineIndex";
import { freshnessPolicy } from "./linkFreshness";
import { exportNameOf, resolveRef, writtenKey, type LinkedRef } from "./linkFile";
import { diagnosticAt, locationOf, type Site } from "./report";
import type { Resolver } from "./resolve";
import type { CheckSite, GraphCheckSite, LinkContext } from "./sites";
import { kindOf, unfollowable, writtenName } from "./targetWords";
import { unresolvedImport } from "./unresolvedImport";

/** What the Definitions lists in its `checks`: top-level checks by name, and the call whose own entries count. */
export interface ListedChecks {
  facts: ReadonlySet<CheckFact>;
  call: DefinitionsFact | undefined;
}

/** One file's checks, read into sites; their references join the file's (checked against the keys with them). */
export class FileChecks {
  private readonly sites: CheckSite[] = [];
  /** Where each site is written or listed in this file: sites are listed in that order. */
  private readonly places = new Map<CheckSite, number>();

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
      this.add(this.file, fact, { origin: exported ? "exported" : "top", place: fact.span.start, definedBy: exported });
    }
    for (const call of this.file.definitionsCalls)
      for (const entry of call.checks)
        if (entry.type === "inline") this.add(this.file, entry.check, { origin: call, place: entry.check.span.start });
  }

  /**
   * An asset's `checks`: each about that asset (`asset`, its key), defined by its binding. A check there that names
   * an asset of its own is refused at run time, so it is reported and left out.
   */
  inline(definition: DefinitionFact, asset: string | undefined, definedBy: string | undefined): void {
    const owner = `Asset "${asset ?? definition.local}" (${this.file.path})`;
    for (const entry of definition.checks) {
      if (entry.type === "dynamic") {
        this.unfollowed(entry, `${owner}: its checks entry \`${entry.text}\` ${unfollowable(entry.what)}`);
        continue;
      }
      const listed = this.entryCheck(entry, owner);
      if (!listed) continue;
      const { where, fact, at } = listed;
      const named = fact.specs.find((spec) => spec.asset)?.asset;
      if (named) {
        this.problems.push(
          diagnosticAt(
            { file: this.file, span: at ?? spanOfRef(named) },
            DiagnosticCodes.missingCheckAsset,
            "error",
            `${owner}: a check in its \`checks\` names an asset of its own, and is about that asset only: remove its \`asset\` (or export the check beside the asset instead).`,
          ),
        );
        continue;
      }
      // One named here is reported where it is written, as the top-level check it is.
      this.add(where, fact, { origin: "inline", place: (at ?? fact.span).start, asset, definedBy, quiet: !!at });
    }
  }

  /** The check an entry names, the file it is written in, and where a name entry is; undefined (reported) for none. */
  private entryCheck(
    entry: Exclude<CheckEntryFact, { type: "dynamic" }>,
    owner: string,
  ): { where: FileFacts; fact: CheckFact; at?: Span } | undefined {
    if (entry.type === "inline") return { where: this.file, fact: entry.check };
    const target = this.resolver.ref(this.file, entry.ref);
    if (target.type === "check") return { where: target.file, fact: target.check, at: entry.ref.span };
    checkEntryProblem(this.file, entry.ref, target, owner, (d) => this.problems.push(d));
    return undefined;
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

  /** The sites, in the order the file writes or lists them. */
  sorted(): CheckSite[] {
    return this.sites.sort((a, b) => this.places.get(a)! - this.places.get(b)!);
  }

  /**
   * The sites of one check definition written in `where` (this file, or another whose check this file lists).
   * `asset` and `definedBy`: an inline check's asset and that asset's binding; `definedBy` otherwise: its export.
   * `quiet`: listed by name, so its problems and references are its top-level definition's, not reported again.
   */
  private add(
    where: FileFacts,
    fact: CheckFact,
    {
      origin,
      place,
      asset: owner,
      definedBy,
      quiet = false,
    }: { origin: CheckSite["origin"]; place: number; asset?: string; definedBy?: string; quiet?: boolean },
  ): void {
    const reports = !quiet;
    const exportName = fact.local ? exportNameOf(where, fact) : undefined;
    const names = fact.specs.map((spec) =>
      spec.name ? this.nameOf(where, spec.name) : fact.call === "assetCheck" ? { name: exportName } : {},
    );
    const labels = names.map(({ name }) => `Check "${name ?? (fact.local || "?")}" (${where.path})`);
    if (reports && fact.freshness) freshnessPolicy(where, fact.freshness, labels[0]!, this.problems, this.resolver);
    const assets = fact.specs.map((spec, i) =>
      origin === "inline" ? { key: owner } : this.keyOf(where, spec.asset, `${labels[i]}: asset`, reports),
    );
    // Without `ins`, a multiAssetCheck reads each spec's asset, as at run time.
    const read = fact.ins
      ? fact.ins.map((ref) => this.keyOf(where, ref, `${labels[0]}: input`, reports).key)
      : fact.call === "multiAssetCheck"
        ? assets.map((asset) => asset.key)
        : [];
    fact.specs.forEach((spec, i) => {
      const { name, site: nameSite, unknown } = names[i]!;
      const at = nameSite ?? { file: where, span: fact.localSpan ?? fact.span };
      if (unknown) {
        if (reports)
          this.problems.push(
            diagnosticAt(
              at,
              DiagnosticCodes.dynamicCheck,
              "warning",
              `${labels[i]}: its name \`${unknown.written}\` ${unknown.reason}, so that check is not in the graph. Write a string literal or a top-level const.`,
            ),
          );
        return;
      }
      if (name === undefined || !KEY_PART.test(name)) {
        if (reports) this.problems.push(nameProblem(at, name, labels[i]!));
        return;
      }
      const { key: asset, site: assetSite } = assets[i]!;
      const additionalAssets = [...new Set(read)].filter((key): key is string => key !== undefined && key !== asset);
      const site: CheckSite = {
        node: {
          name,
          ...(asset !== undefined && { asset }),
          blocking: spec.blocking,
          ...(spec.description !== undefined && { description: spec.description }),
          ...(additionalAssets.length > 0 && { additionalAssets }),
          form: fact.call === "multiAssetCheck" ? "multiAssetCheck" : spec.asset ? "assetCheck" : "inline",
          ...(definedBy !== undefined && { definedBy }),
        },
        location: this.hold({ file: where, span: fact.span }),
        ...(assetSite && { asset: assetSite }),
        name: this.hold(at),
        ...(spec.blockingSpan && { blocking: { file: where, span: spec.blockingSpan } }),
        spec,
        fact,
        origin,
      };
      this.sites.push(site);
      this.places.set(site, place);
    });
  }

  /** A name as written, followed to the const that holds it; `unknown` says why it cannot be read. */
  private nameOf(
    where: FileFacts,
    written: CheckNameFact,
  ): { name?: string; site?: Site; unknown?: { written: string; reason: string } } {
    if (written.type === "string") return { name: written.value, site: { file: where, span: written.span } };
    const key = writtenKey(
      where,
      written.type === "const" ? { type: "handle", ref: written.ref } : written,
      this.resolver,
    );
    if (key.type === "key") return { name: (written.type === "const" ? written.prefix : "") + key.key, site: key.name };
    return { site: key.site, unknown: key };
  }

  /**
   * The key a check's asset or input names, and where, as far as this file can tell; when `reports`, the reference
   * joins the file's, checked against the keys with the rest (AL1021, AL1025).
   */
  private keyOf(
    where: FileFacts,
    ref: RefFact | undefined,
    what: string,
    reports: boolean,
  ): { key?: string; site?: Site } {
    if (!ref) return {};
    const resolved = resolveRef(where, ref, this.resolver);
    if (reports) this.refs.push({ resolved, downstream: undefined, edges: [], check: what });
    if (resolved.type === "outside") return {};
    return { ...(resolved.type === "key" && { key: resolved.key }), site: this.hold(resolved.site) };
  }
}

/** Where a reference is written. */
function spanOfRef(ref: RefFact): Span {
  return ref.type === "key" ? ref.key.span : ref.type === "handle" ? ref.ref.span : ref.span;
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
 * The graph's checks from the loaded files' sites, as the runtime collects them: inline ones (each place an asset
 * lists one), exported ones and those the Definitions lists (one check when both). Reports a listed check without an
 * asset, two checks with one key, and blocking checks on external assets.
 */
export function linkChecks(
  { report, nodeOf }: Pick<LinkContext, "report" | "nodeOf">,
  sites: readonly CheckSite[],
  listed: ListedChecks,
): GraphCheckSite[] {
  const byKey = new Map<string, CheckSite>();
  const checks: GraphCheckSite[] = [];
  for (const site of sites) {
    const isListed = site.origin === listed.call || (site.origin !== "inline" && listed.facts.has(site.fact));
    if (site.origin !== "inline" && site.origin !== "exported" && !isListed) continue;
    const { asset, name } = site.node;
    if (asset === undefined) {
      // One written but not followed was reported with the file's references; an exported check without an asset
      // is for assets to list (and counts where they do), but the Definitions cannot give it one.
      if (!site.spec.asset && isListed)
        report.add(
          DiagnosticCodes.missingCheckAsset,
          "error",
          site.name,
          `Check "${name}" (${site.location.file.path}) names no asset: write \`asset: orders\` in it, or list it in an asset's \`checks\` instead of the Definitions'.`,
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
