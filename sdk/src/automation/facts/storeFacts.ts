/** The evaluator's facts from what the store recorded and the current graph (docs/automation.md), read once per tick. */
import { dynamicNames } from "../../partitions/dynamicNames";
import type { PartitionsDefinitionData } from "../../protocol";
import type { StoreReader, StoredFailure } from "../../store/store";
import type { AutomationFacts } from "../evaluate/inputs";
import { runningTargets, type Targets } from "./runningTargets";

export interface FactsOptions {
  /**
   * Assets (partitions) of runs started but not yet recorded as running (their process is starting): in progress too,
   * so the next tick does not request them again.
   */
  starting?: Targets;
}

/** `partition` "" stands for an unpartitioned asset, as in the evaluator's state. */
const WHOLE = "";

/** What the facts read of the graph (a protocol `AssetGraph` fits): conditions, partitions, edges and code versions. */
export interface FactsGraph {
  nodes: readonly {
    key: string;
    codeVersion?: string;
    automationCondition?: unknown;
    partitions?: PartitionsDefinitionData;
  }[];
  edges: readonly { from: string; to: string }[];
}

/** What the facts read of the store. */
export type FactsStore = Pick<
  StoreReader,
  | "latestMaterializationTimes"
  | "latestPartitionRecords"
  | "latestFailures"
  | "latestPartitionFailures"
  | "dynamicPartitionKeys"
  | "runs"
  | "events"
>;

/** The partitioned assets a condition may look at: those with a condition and everything upstream of them. */
function partitionedInSight(graph: FactsGraph): string[] {
  const upstream = new Map<string, string[]>();
  for (const edge of graph.edges) upstream.set(edge.to, [...(upstream.get(edge.to) ?? []), edge.from]);
  const seen = new Set(graph.nodes.filter((node) => node.automationCondition).map((node) => node.key));
  const queue = [...seen];
  while (queue.length > 0)
    for (const from of upstream.get(queue.pop()!) ?? [])
      if (!seen.has(from)) {
        seen.add(from);
        queue.push(from);
      }
  return graph.nodes.filter((node) => node.partitions && seen.has(node.key)).map((node) => node.key);
}

/**
 * The evaluator's facts, read from the store in one awaited round before it evaluates (it runs synchronously): the
 * materialization times and failures, each partitioned asset's in sight of a condition per partition, the dynamic
 * partitions' keys and the running runs' targets. An asset no condition looks at (downstream of all) costs nothing.
 */
export async function readAutomationFacts(
  graph: FactsGraph,
  store: FactsStore,
  options: FactsOptions = {},
): Promise<AutomationFacts> {
  const codeVersions = new Map(graph.nodes.map((node) => [node.key, node.codeVersion]));
  const keys = partitionedInSight(graph);
  const names = dynamicNames(graph);
  const [times, failures, records, partitionFailures, dynamicKeys, running] = await Promise.all([
    store.latestMaterializationTimes(),
    store.latestFailures(),
    Promise.all(keys.map((key) => store.latestPartitionRecords(key))),
    Promise.all(keys.map((key) => store.latestPartitionFailures(key))),
    Promise.all(names.map((name) => store.dynamicPartitionKeys(name))),
    runningTargets(store, options.starting),
  ]);
  const recordsOf = new Map(keys.map((key, i) => [key, records[i]!]));
  const failuresOf = new Map(keys.map((key, i) => [key, partitionFailures[i]!]));
  const dynamic = new Map(names.map((name, i) => [name, dynamicKeys[i]!]));
  const latest = (key: string, partition: string | undefined): number | undefined =>
    partition === undefined ? times.get(key) : recordsOf.get(key)?.get(partition)?.timestamp;
  const failure = (key: string, partition: string | undefined): StoredFailure | undefined =>
    partition === undefined ? failures.get(key) : failuresOf.get(key)?.get(partition);
  return {
    latestMaterialization: latest,
    codeVersion: (key) => codeVersions.get(key),
    inProgress(key, partition) {
      return running.get(key)?.has(partition ?? WHOLE) ?? false;
    },
    latestAttemptFailed(key, partition) {
      const failed = failure(key, partition);
      // A failure older than the newest materialization was retried with success since.
      return failed !== undefined && failed.timestamp >= (latest(key, partition) ?? Number.NEGATIVE_INFINITY);
    },
    dynamicKeys: (name) => dynamic.get(name) ?? [],
  };
}
