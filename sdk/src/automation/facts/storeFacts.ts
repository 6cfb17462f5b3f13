/**
 * The evaluator's facts from what the store recorded and the current graph (docs/automation.md): each read once per
 * tick and only when the evaluator asks, so an asset no condition looks at costs nothing.
 */
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

/** What the facts read of the graph (a protocol `AssetGraph` fits): each asset's current code version. */
export interface CodeVersions {
  nodes: readonly { key: string; codeVersion?: string }[];
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

export function automationFacts(graph: CodeVersions, store: FactsStore, options: FactsOptions = {}): AutomationFacts {
  const codeVersions = new Map(graph.nodes.map((node) => [node.key, node.codeVersion]));
  const cache = new Map<string, unknown>();
  const once = <T>(name: string, read: () => T): T => {
    if (!cache.has(name)) cache.set(name, read());
    return cache.get(name) as T;
  };
  const latest = (key: string, partition: string | undefined): number | undefined =>
    partition === undefined
      ? once("materializations", () => store.latestMaterializationTimes()).get(key)
      : once(`records ${key}`, () => store.latestPartitionRecords(key)).get(partition)?.timestamp;
  const failure = (key: string, partition: string | undefined): StoredFailure | undefined =>
    partition === undefined
      ? once("failures", () => store.latestFailures()).get(key)
      : once(`failures ${key}`, () => store.latestPartitionFailures(key)).get(partition);
  const running = () => once("running", () => runningTargets(store, options.starting));
  return {
    latestMaterialization: latest,
    codeVersion: (key) => codeVersions.get(key),
    inProgress(key, partition) {
      return (
        running()
          .get(key)
          ?.has(partition ?? WHOLE) ?? false
      );
    },
    latestAttemptFailed(key, partition) {
      const failed = failure(key, partition);
      // A failure older than the newest materialization was retried with success since.
      return failed !== undefined && failed.timestamp >= (latest(key, partition) ?? Number.NEGATIVE_INFINITY);
    },
    dynamicKeys: (name) => once(`dynamic ${name}`, () => store.dynamicPartitionKeys(name)),
  };
}
