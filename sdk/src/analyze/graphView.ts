/**
 * The linked sites as editors see them: the whole graph, or one file's or one key's share of it. A site's converted
 * node or edge is kept per site object, and an edit re-links only the edited file's sites, so after a keystroke
 * graph() converts that file again and reuses the rest; the per-file and per-key answers convert nothing else.
 */
import { checkKey, type AssetCheckNode } from "../protocol/checks";
import type { AssetEdge, AssetGraph, AssetNode, JobInfo } from "../protocol/graph";
import { partitionCount } from "../partitions";
import type { PartitionsDefinitionData } from "../protocol/partitions";
import type { AssetDetail } from "./api";
import type { EdgeSite, GraphCheckSite, JobSite, Linked, NodeSite } from "./sites";
import { locationOf, type Site } from "./report";
import { sourceVersion } from "./sourceVersion";

/** A job's, schedule's or sensor's info with its location. */
const located = <I>(site: { info: I; location: Site }) => ({ ...site.info, location: locationOf(site.location) });
const toJob = (job: JobSite): JobInfo => located(job);

/** A definition with how many partitions it has now; none for dynamic keys, which only the store knows. */
function counted(definition: PartitionsDefinitionData, now: Date): NonNullable<AssetNode["partitions"]> {
  const count = partitionCount(definition, { now, dynamicKeys: () => undefined });
  return count === undefined ? { ...definition } : { ...definition, count };
}

export class GraphView {
  private readonly nodes = new WeakMap<NodeSite, AssetNode>();
  private readonly edges = new WeakMap<EdgeSite, AssetEdge>();
  private readonly checks = new WeakMap<GraphCheckSite, AssetCheckNode>();
  private whole: AssetGraph | undefined;
  private byNameFile: Map<string, NodeSite[]> | undefined;

  constructor(
    private linked: Linked,
    /** The clock time-window partitions are counted up to. */
    private readonly now: () => Date,
  ) {}

  /** A new link: what was derived from the previous one goes; the per-site conversions stay. */
  relinked(linked: Linked): void {
    this.linked = linked;
    this.whole = undefined;
    this.byNameFile = undefined;
  }

  /** The same object until the next link. */
  graph(): AssetGraph {
    this.whole ??= {
      nodes: this.linked.nodes().map((site) => this.node(site)),
      edges: this.linked.edges.map((edge) => this.edge(edge)),
      jobs: this.linked.jobs.map(toJob),
      checks: this.linked.checks.map((check) => this.check(check)),
      ...(this.linked.schedules.length > 0 && { schedules: this.linked.schedules.map(located) }),
      ...(this.linked.sensors.length > 0 && { sensors: this.linked.sensors.map(located) }),
    };
    return this.whole;
  }

  /** The jobs defined in `file`: lenses and hover ask this after every edit, without building the whole graph. */
  jobsIn(file: string): JobInfo[] {
    return this.linked.jobs.filter((job) => job.location.file.file === file).map(toJob);
  }

  /** The graph's assets whose name is written in `file` (a spec a multi-asset lists sits where the spec is). */
  assetsIn(file: string): AssetDetail[] {
    if (!this.byNameFile) {
      this.byNameFile = new Map();
      for (const site of this.linked.nodes()) {
        const list = this.byNameFile.get(site.name.file.file);
        if (list) list.push(site);
        else this.byNameFile.set(site.name.file.file, [site]);
      }
    }
    return this.details(this.byNameFile.get(file) ?? []);
  }

  asset(key: string): AssetDetail | null {
    const site = this.linked.nodeOf(key);
    return site ? this.details([site])[0]! : null;
  }

  /** The sites' nodes with their neighbours, from one pass over the edges. */
  private details(sites: readonly NodeSite[]): AssetDetail[] {
    const found = new Map(
      sites.map((site): [string, AssetDetail] => [
        site.node.key,
        { node: this.node(site), upstream: [], downstream: [] },
      ]),
    );
    if (found.size === 0) return [];
    for (const edge of this.linked.edges) {
      const into = found.get(edge.to);
      if (into && !into.upstream.includes(edge.from)) into.upstream.push(edge.from);
      const outOf = found.get(edge.from);
      if (outOf && !outOf.downstream.includes(edge.to)) outOf.downstream.push(edge.to);
    }
    return [...found.values()];
  }

  private node(site: NodeSite): AssetNode {
    // A kept site's one field a later link may rewrite: its kinds, when the Definitions' io changed (linkIo.ts).
    if (this.nodes.get(site)?.kinds !== site.node.kinds) this.nodes.delete(site);
    return converted(this.nodes, site, () => {
      const { owner, node: fields } = site;
      const written = fields.codeVersion;
      const partitions = fields.partitions && counted(fields.partitions, this.now());
      return {
        ...fields,
        ...(partitions && { partitions }),
        location: locationOf(site.location),
        nameLocation: locationOf(site.name),
        // A getter: hashing every definition's source cost more than linking, and most callers never read it.
        get codeVersion() {
          return written ?? sourceVersion(owner);
        },
      };
    });
  }

  private check(site: GraphCheckSite): AssetCheckNode {
    return converted(this.checks, site, () => ({
      key: checkKey(site.node.asset, site.node.name),
      ...site.node,
      location: locationOf(site.location),
      ...(site.asset && { assetLocation: locationOf(site.asset) }),
    }));
  }

  private edge(site: EdgeSite): AssetEdge {
    return converted(this.edges, site, () => ({
      from: site.from,
      to: site.to,
      kind: site.kind,
      ...(site.mapping && { mapping: site.mapping }),
      location: locationOf(site.reference),
    }));
  }
}

/** A site's conversion, made once per site object. */
function converted<S extends object, T>(cache: WeakMap<S, T>, site: S, convert: () => T): T {
  let value = cache.get(site);
  if (value === undefined) cache.set(site, (value = convert()));
  return value;
}
