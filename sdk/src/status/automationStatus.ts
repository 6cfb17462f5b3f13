/**
 * What statuses, `show` and `assetline automation` say of an asset's automation: its latest evaluation (the newest
 * partition's for a partitioned asset, with how many partitions will run), as the daemon recorded it.
 */
import type { AssetGraph, AssetStatus } from "../protocol";
import type { AutomationRecord, AutomationStatus } from "../protocol/automation";
import { automationType } from "../selection/evaluate";
import type { StoreReader } from "../store/store";

/** The newest of one asset's records (the latest partition among those evaluated last), and the count that will run. */
export function latestAnswer(records: readonly AutomationRecord[]): {
  record: AutomationRecord;
  partitionsWillRun?: number;
} {
  const newest = Math.max(...records.map((record) => record.evaluatedAt));
  const record = records.filter((each) => each.evaluatedAt === newest).at(-1)!;
  if (record.partition === undefined) return { record };
  return { record, partitionsWillRun: records.filter((each) => each.evaluatedAt === newest && each.willRun).length };
}

/** Statuses with `automation` filled for each asset that has a condition and an evaluation. */
export async function withAutomation(
  graph: AssetGraph,
  store: StoreReader,
  statuses: AssetStatus[],
): Promise<AssetStatus[]> {
  const nodes = new Map(graph.nodes.filter((node) => node.automationCondition).map((node) => [node.key, node]));
  const keys = statuses.map((status) => status.key).filter((key) => nodes.has(key));
  if (keys.length === 0) return statuses;
  // One asset (`show KEY`) is looked up by key; more are read in one query.
  const evaluations = await store.latestAutomationEvaluations(keys.length === 1 ? keys : undefined);
  for (const status of statuses) {
    const node = nodes.get(status.key);
    const records = evaluations.get(status.key);
    if (node === undefined || records === undefined || records.length === 0) continue;
    const { record, partitionsWillRun } = latestAnswer(records);
    const automation: AutomationStatus = {
      label: automationType(node) ?? "custom",
      evaluatedAt: record.evaluatedAt,
      willRun: record.willRun,
      reason: record.reason,
      ...(record.runId !== undefined && { runId: record.runId }),
      ...(partitionsWillRun !== undefined && { partitionsWillRun }),
    };
    status.automation = automation;
  }
  return statuses;
}
