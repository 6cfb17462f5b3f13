import { formatGap } from "./describe";
import type { AssetGraph, AssetStatus, Materialization } from "../protocol";
import type { StoreReader, StoredFailure } from "../store/store";

export interface StalenessInput {
  /** The graph as the analyzer sees the code now: its code versions are compared with the stored ones. */
  graph: AssetGraph;
  materializations: Map<string, Materialization>;
  failures: Map<string, StoredFailure>;
}

/** Keys with their upstreams first (Kahn's algorithm, iterative for long chains); keys in a cycle come last. */
function upstreamFirst(graph: AssetGraph): { order: string[]; upstream: Map<string, string[]> } {
  const upstream = new Map<string, string[]>(graph.nodes.map((node) => [node.key, []]));
  const downstream = new Map<string, string[]>(graph.nodes.map((node) => [node.key, []]));
  for (const edge of graph.edges) {
    if (!upstream.has(edge.to) || !upstream.has(edge.from)) continue;
    upstream.get(edge.to)!.push(edge.from);
    downstream.get(edge.from)!.push(edge.to);
  }
  const waiting = new Map([...upstream].map(([key, ups]) => [key, ups.length]));
  const order = graph.nodes.filter((node) => waiting.get(node.key) === 0).map((node) => node.key);
  for (let i = 0; i < order.length; i++) {
    for (const next of downstream.get(order[i]!)!) {
      const left = waiting.get(next)! - 1;
      waiting.set(next, left);
      if (left === 0) order.push(next);
    }
  }
  if (order.length < graph.nodes.length)
    for (const node of graph.nodes) if (waiting.get(node.key)! > 0) order.push(node.key);
  return { order, upstream };
}

const EXTERNAL_REASON = "external asset: produced outside Assetline, which records no materialization of it";

function upstreamReason(from: string, state: AssetStatus["state"]): string {
  if (state === "failed") return `upstream ${from} failed`;
  if (state === "never") return `upstream ${from} was never materialized`;
  return `upstream ${from} is stale`;
}

/**
 * Each asset's state with every reason in words. Stale means: code changed since the last materialization, an upstream
 * was materialized after this asset, or an upstream is itself not fresh (so staleness propagates downstream).
 * External assets are produced elsewhere: their state is unknown (Assetline records nothing of them, as Dagster knows
 * nothing of an external asset nobody reported), they are never stale and make nothing stale.
 */
export function computeStatuses({ graph, materializations, failures }: StalenessInput): AssetStatus[] {
  const { order, upstream } = upstreamFirst(graph);
  const nodes = new Map(graph.nodes.map((node) => [node.key, node]));
  const statuses = new Map<string, AssetStatus>();
  for (const key of order) {
    const node = nodes.get(key)!;
    const last = materializations.get(key) ?? null;
    const failure = failures.get(key);
    const status: AssetStatus = { key, state: "fresh", reasons: [], lastMaterialization: last };
    if (failure && (!last || failure.timestamp > last.timestamp)) status.lastFailure = failure;
    statuses.set(key, status);
    if (node.kind === "external") {
      status.state = "unknown";
      status.reasons.push(EXTERNAL_REASON);
      continue;
    }
    if (status.lastFailure) {
      status.state = "failed";
      status.reasons.push(`last run failed: ${status.lastFailure.error}`);
    } else if (!last) {
      status.state = "never";
      status.reasons.push("never materialized");
    } else if (node.codeVersion && last.codeVersion !== node.codeVersion) {
      status.reasons.push("code changed since last materialization");
    }
    for (const from of upstream.get(key)!) {
      const up = statuses.get(from);
      // Not yet known only inside a cycle, which the analyzer reports as an error of its own.
      if (!up || nodes.get(from)!.kind === "external") continue;
      if (up.state !== "fresh") status.reasons.push(upstreamReason(from, up.state));
      const upLast = up.lastMaterialization;
      if (last && upLast && upLast.timestamp > last.timestamp) {
        status.reasons.push(
          `upstream ${from} materialized ${formatGap(upLast.timestamp - last.timestamp)} after this one`,
        );
      } else if (last && upLast && (last.upstreamDataVersions[from] ?? upLast.dataVersion) !== upLast.dataVersion) {
        // Another run rewrote the upstream while this one ran: it is older, yet this asset consumed another value.
        status.reasons.push(`upstream ${from} changed since this one consumed it`);
      }
    }
    if (status.state === "fresh" && status.reasons.length > 0) status.state = "stale";
  }
  return graph.nodes.map((node) => statuses.get(node.key)!);
}

/** Statuses of the graph's assets from what a store recorded. */
export function statusesFromStore(graph: AssetGraph, store: StoreReader): AssetStatus[] {
  return computeStatuses({ graph, materializations: store.latestMaterializations(), failures: store.latestFailures() });
}
