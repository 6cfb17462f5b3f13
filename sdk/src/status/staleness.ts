import { describeKeys, dynamicNames, type PartitionContext, upstreamPartitions } from "../partitions";
import type {
  AssetCheckNode,
  AssetEdge,
  AssetGraph,
  AssetNode,
  AssetStatus,
  Materialization,
  PartitionStatus,
} from "../protocol";
import type { StoreReader, StoredFailure } from "../store/store";
import { addChecksAndFreshness, type CheckFacts, type CheckedPartitions } from "./assetChecks";
import { withAutomation } from "./automationStatus";
import { formatGap } from "./describe";
import { reasonText, summariseReasons, upstreamSummary } from "./partitionReasons";
import {
  type AssessedPartitions,
  type AssessedUpstream,
  assessPartitions,
  edgeMapping,
  type PartitionFacts,
  partitionsSummary,
  upstreamPartitionReasons,
} from "./partitionStaleness";

export interface StalenessInput {
  /** The graph as the analyzer sees the code now: its code versions are compared with the stored ones. */
  graph: AssetGraph;
  /** Each asset's newest materialization (of whichever partition). */
  materializations: Map<string, Materialization>;
  failures: Map<string, StoredFailure>;
  /** A partitioned asset's newest record and failure per partition; asked for partitioned assets only. */
  partitionFacts?: (key: string) => PartitionFacts;
  /** The clock time windows and freshness are counted to, and dynamic partitions' keys. */
  partitionContext?: PartitionContext;
  /** The checks' newest evaluations; absent: no check was ever evaluated. */
  checks?: CheckFacts;
}

/** Keys with their upstreams first (Kahn's algorithm, iterative for long chains); keys in a cycle come last. */
function upstreamFirst(graph: AssetGraph): { order: string[]; upstream: Map<string, AssetEdge[]> } {
  const upstream = new Map<string, AssetEdge[]>(graph.nodes.map((node) => [node.key, []]));
  const downstream = new Map<string, string[]>(graph.nodes.map((node) => [node.key, []]));
  for (const edge of graph.edges) {
    if (!upstream.has(edge.to) || !upstream.has(edge.from)) continue;
    upstream.get(edge.to)!.push(edge);
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

const NO_FACTS: PartitionFacts = { records: new Map(), failures: new Map() };
const NO_CHECK_FACTS: CheckFacts = { latest: new Map(), partitions: () => new Map() };

/** The graph's checks by the asset they are about, in definition order. */
function checksByAsset(graph: AssetGraph): Map<string, AssetCheckNode[]> {
  const byAsset = new Map<string, AssetCheckNode[]>();
  for (const check of graph.checks ?? []) {
    const checks = byAsset.get(check.asset);
    if (checks) checks.push(check);
    else byAsset.set(check.asset, [check]);
  }
  return byAsset;
}

/** What assessing needs of a graph alone: its keys upstream first, each key's upstream edges, nodes and checks. */
interface GraphIndex extends ReturnType<typeof upstreamFirst> {
  nodes: Map<string, AssetNode>;
  checks: Map<string, AssetCheckNode[]>;
}

/**
 * Worked out once per graph object: a graph is never changed once made, and the daemon's stays the same object until
 * the next edit, so its every `status` reads only the store anew (building these maps was half of its time at 10,000
 * assets).
 */
const indexes = new WeakMap<AssetGraph, GraphIndex>();

function indexOf(graph: AssetGraph): GraphIndex {
  let index = indexes.get(graph);
  if (!index) {
    const nodes = new Map(graph.nodes.map((node) => [node.key, node]));
    indexes.set(graph, (index = { ...upstreamFirst(graph), nodes, checks: checksByAsset(graph) }));
  }
  return index;
}

/** What the assessment keeps: every asset's status, and each partitioned asset's partitions. */
interface Assessment {
  statuses: Map<string, AssetStatus>;
  partitioned: Map<string, AssessedPartitions>;
}

/**
 * What was assessed from one input: an asset's status depends only on its upstream, so asking for several assets'
 * partitions (`--partitions stale` over a selection) assesses each asset once.
 */
const assessed = new WeakMap<StalenessInput, Assessment>();

/**
 * Each asset's state with every reason in words. Stale means: code changed since the last materialization, an upstream
 * was materialized after this asset, or an upstream is itself not fresh (so staleness propagates downstream).
 * External assets are produced elsewhere: their state is unknown (Assetline records nothing of them, as Dagster knows
 * nothing of an external asset nobody reported), they are never stale and make nothing stale. A partitioned asset's
 * state sums its partitions up (see partitionStaleness.ts and AssetStatus.partitions).
 */
function assess(input: StalenessInput, graph = input.graph): Assessment {
  const { materializations, failures } = input;
  const context = input.partitionContext ?? defaultContext();
  const { order, upstream, nodes, checks } = indexOf(graph);
  const checkFacts = input.checks ?? NO_CHECK_FACTS;
  let known = assessed.get(input);
  if (!known) assessed.set(input, (known = { statuses: new Map(), partitioned: new Map() }));
  const { statuses, partitioned } = known;
  for (const key of order) {
    if (statuses.has(key)) continue;
    const node = nodes.get(key)!;
    const last = materializations.get(key) ?? null;
    const status: AssetStatus = { key, state: "fresh", reasons: [], lastMaterialization: last };
    statuses.set(key, status);
    let checked: CheckedPartitions | undefined;
    if (node.kind === "external") {
      status.state = "unknown";
      status.reasons.push(EXTERNAL_REASON);
    } else {
      // Not yet known only inside a cycle, which the analyzer reports as an error of its own.
      const upstreams = upstream.get(key)!.flatMap((edge): AssessedUpstream[] => {
        const up = statuses.get(edge.from);
        if (!up || nodes.get(edge.from)!.kind === "external") return [];
        const partitions = partitioned.get(edge.from);
        return [partitions ? { from: edge.from, edge, partitions } : { from: edge.from, edge, status: up }];
      });
      if (node.partitions) {
        const facts = input.partitionFacts?.(key) ?? NO_FACTS;
        const assessed = assessPartitions(node.partitions, node.codeVersion, facts, upstreams, context);
        partitioned.set(key, assessed);
        sumUp(status, assessed, context);
        checked = { keys: assessed.keys, dataVersion: (partition) => facts.records.get(partition)?.dataVersion };
      } else assessUnpartitioned(status, node, failures.get(key), upstreams, context);
    }
    addChecksAndFreshness(status, node, checks.get(key) ?? [], checkFacts, context.now.getTime(), checked);
  }
  return { statuses, partitioned };
}

/** An unpartitioned asset's state: failed, never materialized, or stale by its code and its upstreams. */
function assessUnpartitioned(
  status: AssetStatus,
  node: AssetNode,
  failure: StoredFailure | undefined,
  upstreams: AssessedUpstream[],
  context: PartitionContext,
): void {
  const last = status.lastMaterialization;
  if (failure && (!last || failure.timestamp > last.timestamp)) status.lastFailure = failure;
  if (status.lastFailure) {
    status.state = "failed";
    status.reasons.push(`last run failed: ${status.lastFailure.error}`);
  } else if (!last) {
    status.state = "never";
    status.reasons.push("never materialized");
  } else if (node.codeVersion && last.codeVersion !== node.codeVersion) {
    status.reasons.push("code changed since last materialization");
  }
  for (const up of upstreams) status.reasons.push(...upstreamReasons(up, last, context));
  if (status.state === "fresh" && status.reasons.length > 0) status.state = "stale";
}

/** What an upstream says against an unpartitioned asset's last materialization. */
function upstreamReasons(up: AssessedUpstream, last: Materialization | null, context: PartitionContext): string[] {
  const { from } = up;
  if ("partitions" in up) {
    // Every partition its mapping reads (all of them by default), each judged as a partition's upstream is.
    const mapping = edgeMapping(up.edge, up.partitions.definition, undefined);
    if (!mapping) return [];
    const mapped = upstreamPartitions(mapping, up.partitions.definition, undefined, undefined, context).keys;
    const against = last ?? { timestamp: Number.POSITIVE_INFINITY, upstreamDataVersions: {} };
    const reasons = mapped.flatMap((partition) => upstreamPartitionReasons(up.partitions, from, partition, against));
    return upstreamSummary(from, mapped.length, reasons);
  }
  const reasons: string[] = [];
  if (up.status.state !== "fresh") reasons.push(upstreamReason(from, up.status.state));
  const upLast = up.status.lastMaterialization;
  if (last && upLast && upLast.timestamp > last.timestamp) {
    reasons.push(`upstream ${from} materialized ${formatGap(upLast.timestamp - last.timestamp)} after this one`);
  } else if (last && upLast && (last.upstreamDataVersions[from] ?? upLast.dataVersion) !== upLast.dataVersion) {
    // Another run rewrote the upstream while this one ran: it is older, yet this asset consumed another value.
    reasons.push(`upstream ${from} changed since this one consumed it`);
  }
  return reasons;
}

/**
 * A partitioned asset's state from its partitions (AssetStatus's rule): `failed` if any failed, `never` if none is
 * materialized, `stale` if any is missing or stale, else `fresh`; the reasons count them.
 */
function sumUp(status: AssetStatus, assessed: AssessedPartitions, context: PartitionContext): void {
  const summary = partitionsSummary(assessed);
  status.partitions = summary;
  let newest: StoredFailure | undefined;
  assessed.states.forEach((state, index) => {
    const failure = state === "failed" ? assessed.facts.failures.get(assessed.keys[index]!) : undefined;
    if (failure && (!newest || failure.timestamp > newest.timestamp)) newest = failure;
  });
  if (newest) status.lastFailure = newest;
  status.state =
    summary.failed > 0
      ? "failed"
      : summary.materialized === 0
        ? "never"
        : summary.missing + summary.stale > 0
          ? "stale"
          : "fresh";
  status.reasons =
    summary.total === 0
      ? [describeKeys(assessed.definition, context)]
      : summariseReasons(assessed.states, assessed.reasons, newest?.error);
}

/** Each asset's status, in the graph's order. */
export function computeStatuses(input: StalenessInput): AssetStatus[] {
  const { statuses } = assess(input);
  return input.graph.nodes.map((node) => statuses.get(node.key)!);
}

/**
 * Each partition of one partitioned asset, in the definition's order, with its reasons in words (`status --partitions
 * KEY`). Only the asset's upstream closure is assessed. Undefined when the graph has no such partitioned asset.
 */
export function computePartitionStatuses(input: StalenessInput, key: string): PartitionStatus[] | undefined {
  const partitions = assess(input, upstreamClosure(input.graph, [key])).partitioned.get(key);
  if (!partitions) return undefined;
  return partitions.keys.map((partition, index) => {
    const state = partitions.states[index]!;
    const record = partitions.facts.records.get(partition);
    const failure = state === "failed" ? partitions.facts.failures.get(partition) : undefined;
    return {
      partition,
      state,
      reasons: partitions.reasons[index]!.map(reasonText),
      lastMaterialization: record ? { runId: record.runId, timestamp: record.timestamp } : null,
      ...(failure && { lastFailure: failure }),
    };
  });
}

/** `keys` and every asset upstream of them, with the edges between them. */
export function upstreamClosure(graph: AssetGraph, keys: Iterable<string>): AssetGraph {
  const wanted = new Set(keys);
  const queue = [...wanted];
  const upstream = new Map<string, string[]>();
  for (const edge of graph.edges) upstream.set(edge.to, [...(upstream.get(edge.to) ?? []), edge.from]);
  while (queue.length > 0)
    for (const from of upstream.get(queue.pop()!) ?? [])
      if (!wanted.has(from)) {
        wanted.add(from);
        queue.push(from);
      }
  const has = (node: AssetNode) => wanted.has(node.key);
  return {
    ...graph,
    nodes: graph.nodes.filter(has),
    edges: graph.edges.filter((edge) => wanted.has(edge.from) && wanted.has(edge.to)),
  };
}

/** The clock is now; dynamic partitions have no keys unless a store says so. */
function defaultContext(): PartitionContext {
  return { now: new Date(), dynamicKeys: () => [] };
}

/** The graph's partitioned assets' keys, and the checks of those assets: whose facts are read per partition. */
function perPartition(graph: AssetGraph): { keys: string[]; checks: string[] } {
  const keys = graph.nodes.filter((node) => node.partitions).map((node) => node.key);
  const has = new Set(keys);
  return { keys, checks: (graph.checks ?? []).filter((check) => has.has(check.asset)).map((check) => check.key) };
}

/**
 * The store's answers statuses need, read in one awaited round (concurrently: a shared store answers over the
 * network), so that assessing then runs from memory without waiting: the partitioned assets' records and failures,
 * the dynamic partitions' keys and the checks' evaluations.
 */
export async function readStatusInput(
  graph: AssetGraph,
  store: StoreReader,
  now = new Date(),
): Promise<StalenessInput> {
  const { keys, checks } = perPartition(graph);
  const names = dynamicNames(graph);
  const [materializations, failures, records, partitionFailures, latestChecks, checkPartitions, dynamicKeys] =
    await Promise.all([
      store.latestMaterializations(),
      store.latestFailures(),
      Promise.all(keys.map((key) => store.latestPartitionRecords(key))),
      Promise.all(keys.map((key) => store.latestPartitionFailures(key))),
      store.latestCheckEvaluations(),
      Promise.all(checks.map((checkKey) => store.latestPartitionCheckEvaluations(checkKey))),
      Promise.all(names.map((name) => store.dynamicPartitionKeys(name))),
    ]);
  const facts = new Map(
    keys.map((key, i): [string, PartitionFacts] => [key, { records: records[i]!, failures: partitionFailures[i]! }]),
  );
  const checkFacts = new Map(checks.map((checkKey, i) => [checkKey, checkPartitions[i]!]));
  const dynamic = new Map(names.map((name, i) => [name, dynamicKeys[i]!]));
  return {
    graph,
    materializations,
    failures,
    partitionFacts: (key) => facts.get(key) ?? NO_FACTS,
    checks: { latest: latestChecks, partitions: (checkKey) => checkFacts.get(checkKey) ?? new Map() },
    partitionContext: { now, dynamicKeys: (name) => dynamic.get(name) ?? [] },
  };
}

/** Statuses of the graph's assets from what a store recorded. */
export async function statusesFromStore(graph: AssetGraph, store: StoreReader): Promise<AssetStatus[]> {
  return withAutomation(graph, store, computeStatuses(await readStatusInput(graph, store)));
}

/** One asset's status from what a store recorded, reading and assessing only it and its upstream (`show KEY`). */
export async function assetStatusFromStore(
  graph: AssetGraph,
  store: StoreReader,
  key: string,
  now = new Date(),
): Promise<AssetStatus | undefined> {
  const closure = upstreamClosure(graph, [key]);
  const status = assess(await readStatusInput(closure, store, now)).statuses.get(key);
  return status && (await withAutomation(graph, store, [status]))[0];
}

/** `status --partitions KEY`: one partitioned asset's partitions from what a store recorded. */
export async function partitionStatuses(
  graph: AssetGraph,
  store: StoreReader,
  key: string,
): Promise<PartitionStatus[] | undefined> {
  return computePartitionStatuses(await readStatusInput(upstreamClosure(graph, [key]), store), key);
}
