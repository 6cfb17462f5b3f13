/**
 * What `check-assets` checks: the checks it names, or every check of the selected assets; and which values of them:
 * the partitions asked for, else every partition with a stored value.
 */
import { partitionIndex, type PartitionContext } from "../partitions";
import type { AssetGraph } from "../protocol";
import type { SelectionFacts } from "../selection";
import type { StoreReader } from "../store/store";
import { choosePartitions, type PartitionRequest } from "./choosePartitions";
import { definitionData } from "./plan";
import { didYouMean, nothingSelected, resolveSelection } from "./resolveSelection";
import { StatusesNeeded } from "./workspaceFacts";

export interface CheckTarget {
  /** The selection as written (a positional or `--select`); absent: every asset. */
  select?: string;
  /** `--check` keys: exactly these checks (the selection is then not given). */
  checks?: string[];
  partitions?: PartitionRequest;
}

export interface ChosenChecks {
  keys: Set<string>;
  /** Recorded with the run: the selection, or the `--check` flags, as written. */
  label: string;
}

/** A mistake in what to check (an unknown check key, a selection that names nothing): the CLI exits 2. */
export class CheckTargetMistake extends Error {}

export function chooseChecks(target: CheckTarget, graph: AssetGraph, facts?: SelectionFacts): ChosenChecks {
  const known = (graph.checks ?? []).map((check) => check.key);
  if (target.checks && target.checks.length > 0) {
    const unknown = target.checks.filter((key) => !known.includes(key));
    if (unknown.length > 0)
      throw new CheckTargetMistake(
        `no check ${unknown.map((key) => `"${key}"`).join(", ")} in this workspace.${didYouMean(unknown, known)} A check's key is asset:name; \`assetline list\` shows the assets.`,
      );
    return { keys: new Set(target.checks), label: target.checks.map((key) => `--check ${key}`).join(" ") };
  }
  const selection = target.select ?? "*";
  let assets: Set<string>;
  try {
    assets = resolveSelection(selection, graph, facts);
  } catch (error) {
    if (error instanceof StatusesNeeded) throw error;
    throw new CheckTargetMistake(error instanceof Error ? error.message : String(error));
  }
  if (assets.size === 0)
    throw new CheckTargetMistake(
      nothingSelected(
        "the selection",
        selection,
        graph.nodes.map((node) => node.key),
      ).message,
    );
  const keys = (graph.checks ?? []).filter((check) => assets.has(check.asset)).map((check) => check.key);
  return { keys: new Set(keys), label: selection };
}

/**
 * The values to check, in the graph's order: each chosen check's asset once, a partitioned one in each partition
 * `request` asks for (chosen as `materialize` chooses them), else in each partition the store has a value of.
 */
export async function checkedValues(
  keys: ReadonlySet<string>,
  graph: AssetGraph,
  store: StoreReader,
  request: PartitionRequest | undefined,
  context: PartitionContext,
): Promise<{ key: string; partition?: string }[]> {
  if (request && "status" in request)
    throw new CheckTargetMistake(
      `--partitions ${request.status} picks partitions to materialize; give check-assets partition keys (a, a...b or a,b), or none to check every stored partition.`,
    );
  const assets = new Set((graph.checks ?? []).filter((check) => keys.has(check.key)).map((check) => check.asset));
  const nodes = graph.nodes.filter((node) => assets.has(node.key));
  const chosen = request ? choosePartitionsOrSay(graph, assets, request, context) : undefined;
  const values = await Promise.all(
    nodes.map(async (node) => {
      if (!node.partitions) return [{ key: node.key }];
      const definition = definitionData(node.partitions);
      const order = (partition: string) => partitionIndex(definition, partition, context) ?? Number.MAX_SAFE_INTEGER;
      const partitions =
        chosen?.get(node.key) ??
        [...(await store.latestPartitionRecords(node.key)).keys()].sort((a, b) => order(a) - order(b));
      return partitions.map((partition) => ({ key: node.key, partition }));
    }),
  );
  return values.flat();
}

/** `choosePartitions`, whose errors (partitions no checked asset has) are mistakes in the call. */
function choosePartitionsOrSay(
  graph: AssetGraph,
  keys: ReadonlySet<string>,
  request: PartitionRequest,
  context: PartitionContext,
): Map<string, string[]> {
  try {
    return choosePartitions({ graph, keys, request, context });
  } catch (error) {
    throw new CheckTargetMistake(error instanceof Error ? error.message : String(error));
  }
}
