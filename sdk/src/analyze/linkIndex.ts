/**
 * The key index: each asset key's definitions across the graph's files, kept between links and patched with the
 * edited files' sites when it can be, so that an edit costs the edited file, not the workspace.
 */
import { DiagnosticCodes } from "./api";
import type { FileLink } from "./linkFile";
import { locationOf, type Reporter } from "./report";
import type { NodeSite } from "./sites";

/** A file whose link was made anew: its link before and after. */
export interface ChangedLink {
  before: FileLink;
  after: FileLink;
}

export class KeyIndex {
  private byKey = new Map<string, NodeSite[]>();
  private memberKeys = new Set<string>();
  /** Keys defined more than once. */
  private duplicates = new Set<string>();
  /** Each key's first definition, listed when first asked after a change. */
  private nodeList: NodeSite[] | undefined;
  private keyList: string[] | undefined;

  /** The graph's nodes: each key's first definition. */
  nodes(): readonly NodeSite[] {
    this.nodeList ??= [...this.byKey.values()].map((sites) => sites[0]!);
    return this.nodeList;
  }

  first(key: string): NodeSite | undefined {
    return this.byKey.get(key)?.[0];
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  keys(): readonly string[] {
    this.keyList ??= [...this.byKey.keys()];
    return this.keyList;
  }

  /** Whether `patch` can bring the index up to date with these changes (else `rebuild`). */
  static patchable(changed: readonly ChangedLink[]): boolean {
    // Patching needs the same multi-asset members, and one definition per key within each changed file.
    return changed.every(
      ({ before, after }) =>
        before.memberKeys.join("\n") === after.memberKeys.join("\n") && distinctKeys(before) && distinctKeys(after),
    );
  }

  rebuild(fileLinks: readonly FileLink[]): void {
    this.memberKeys = new Set(fileLinks.flatMap((l) => l.memberKeys));
    this.byKey = new Map();
    for (const fileLink of fileLinks) for (const site of fileLink.nodes) this.add(site);
    this.duplicates = new Set([...this.byKey].filter(([, sites]) => sites.length > 1).map(([key]) => key));
    this.changed();
  }

  /** Replaces the changed files' sites; returns the keys that came or went. */
  patch(changed: readonly ChangedLink[]): Set<string> {
    const affected = new Set<string>();
    for (const { before, after } of changed) {
      const kept = new Map(after.nodes.map((site) => [site.node.key, site]));
      for (const site of before.nodes) {
        const sites = this.byKey.get(site.node.key);
        const at = sites?.indexOf(site) ?? -1;
        if (!sites || at < 0) continue;
        const replacement = kept.get(site.node.key);
        if (replacement) {
          // Same key, new spans: swap in place.
          sites[at] = replacement;
          kept.delete(site.node.key);
        } else {
          sites.splice(at, 1);
          if (sites.length === 0) this.byKey.delete(site.node.key), affected.add(site.node.key);
        }
      }
      for (const site of kept.values()) if (this.add(site)) affected.add(site.node.key);
    }
    for (const { before, after } of changed)
      for (const site of [...before.nodes, ...after.nodes]) this.trackDuplicate(site.node.key);
    this.changed();
    return affected;
  }

  reportDuplicates(report: Reporter): void {
    for (const key of this.duplicates) reportDuplicates(key, this.byKey.get(key)!, report);
  }

  private changed(): void {
    this.nodeList = undefined;
    this.keyList = undefined;
  }

  private trackDuplicate(key: string): void {
    if ((this.byKey.get(key)?.length ?? 0) > 1) this.duplicates.add(key);
    else this.duplicates.delete(key);
  }

  /** Adds a site; returns whether its key is new. */
  private add(site: NodeSite): boolean {
    // An AssetSpec that a multi-asset lists is that multi-asset's member, not an external asset.
    if (site.node.kind === "external" && this.memberKeys.has(site.node.key)) return false;
    const same = this.byKey.get(site.node.key);
    if (!same) return (this.byKey.set(site.node.key, [site]), true);
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
}

function distinctKeys(fileLink: FileLink): boolean {
  return new Set(fileLink.nodes.map((n) => n.node.key)).size === fileLink.nodes.length;
}

/** Node keys that a changed file no longer or newly defines. */
export function keysThatMoved({ before, after }: ChangedLink): string[] {
  const was = new Set(before.nodes.map((n) => n.node.key));
  const is = new Set(after.nodes.map((n) => n.node.key));
  return [...[...was].filter((key) => !is.has(key)), ...[...is].filter((key) => !was.has(key))];
}

/** The folder all these files share, with its trailing `/`: paths shown after it tell same-named files apart. */
function commonFolder(files: string[]): string {
  let common = files[0]!.slice(0, files[0]!.lastIndexOf("/") + 1);
  for (const file of files)
    while (!file.startsWith(common)) common = common.slice(0, common.lastIndexOf("/", common.length - 2) + 1);
  return common;
}

function reportDuplicates(key: string, sites: NodeSite[], report: Reporter): void {
  const common = commonFolder(sites.map((site) => site.name.file.file));
  const where = (site: NodeSite) =>
    `${site.name.file.file.slice(common.length)}:${locationOf(site.name).range.start.line + 1}`;
  for (const site of sites) {
    const others = sites.filter((s) => s !== site);
    // A site reached twice (the same file:line) is named once.
    const places = [...new Set(others.map(where))].filter((place) => place !== where(site));
    report.add(
      DiagnosticCodes.duplicateKey,
      "error",
      site.name,
      `Duplicate asset key "${key}": it is also defined in ${places.join(", ")}. Rename one of them.`,
      {
        related: others.map((o) => ({ location: locationOf(o.name), message: `"${key}" is also defined here` })),
      },
    );
  }
}
