import type { AssetGraph, AssetState } from "../protocol";
import type { SelectionFacts } from "../selection";
import { statusesFromStore } from "../status/staleness";
import type { StoreReader } from "../store/store";
import type { PartitionRequest, PartitionStatusFilter } from "./choosePartitions";
import { keysSelection, nothingSelected, resolveKeys, resolveSelection } from "./resolveSelection";

/**
 * What to materialize, as the command line says it; at most one of `select`, `job`, `stale` and `keys` is set (none:
 * every asset). `partitions` (`--partition`/`--partitions`) combines with any of them.
 */
export interface RunTarget {
  select?: string;
  job?: string;
  stale?: boolean;
  keys?: string[];
  partitions?: PartitionRequest;
}

export interface ChosenAssets {
  keys: Set<string>;
  /** The selection recorded with the run, in the selection syntax. */
  label: string;
}

/** A selection or job that names no asset is an error, not an empty run; `--stale` with nothing stale is not. */
function nonEmpty(keys: Set<string>, what: string, selection: string, graph: AssetGraph): Set<string> {
  if (keys.size > 0) return keys;
  throw nothingSelected(
    what,
    selection,
    graph.nodes.map((node) => node.key),
  );
}

/** The asset states `--partitions missing|failed|stale` asks of an unpartitioned asset. */
const WANTED_STATES: Record<PartitionStatusFilter, (state: AssetState) => boolean> = {
  missing: (state) => state === "never",
  failed: (state) => state === "failed",
  stale: (state) => state !== "fresh",
};

/**
 * `facts` answer the selection's status:, code_location: and changed_in_branch: terms. With `--partitions
 * missing|failed|stale`, a selected unpartitioned asset runs only in that state too: "backfill what is missing" must
 * not re-run a materialized upstream, which would make every partition already materialized stale.
 */
export async function chooseAssets(
  target: RunTarget,
  graph: AssetGraph,
  store: StoreReader,
  facts?: SelectionFacts,
): Promise<ChosenAssets> {
  const chosen = await chooseSelectedAssets(target, graph, store, facts);
  const filter = target.partitions && "status" in target.partitions ? target.partitions.status : undefined;
  if (filter === undefined) return chosen;
  const unpartitioned = new Set(graph.nodes.filter((node) => !node.partitions).map((node) => node.key));
  for (const status of await statusesFromStore(graph, store))
    if (unpartitioned.has(status.key) && !WANTED_STATES[filter](status.state)) chosen.keys.delete(status.key);
  return chosen;
}

async function chooseSelectedAssets(
  target: RunTarget,
  graph: AssetGraph,
  store: StoreReader,
  facts?: SelectionFacts,
): Promise<ChosenAssets> {
  if (target.select !== undefined)
    return {
      keys: nonEmpty(resolveSelection(target.select, graph, facts), "the selection", target.select, graph),
      label: target.select,
    };
  if (target.job !== undefined) {
    const job = graph.jobs.find((candidate) => candidate.name === target.job);
    if (!job) {
      const names = graph.jobs.map((candidate) => candidate.name);
      throw new Error(
        `no job named "${target.job}"${names.length ? `; the jobs are: ${names.join(", ")}` : ": define one with defineAssetJob"}.`,
      );
    }
    return {
      keys: nonEmpty(
        resolveSelection(job.selection, graph, facts),
        `job ${job.name}'s selection`,
        job.selection,
        graph,
      ),
      label: `job ${job.name} (${job.selection})`,
    };
  }
  if (target.stale) {
    const external = new Set(graph.nodes.filter((node) => node.kind === "external").map((node) => node.key));
    const stale = (await statusesFromStore(graph, store)).filter(
      (status) => status.state !== "fresh" && !external.has(status.key),
    );
    const keys = new Set(stale.map((status) => status.key));
    return { keys, label: keysSelection(keys) };
  }
  if (target.keys && target.keys.length > 0) {
    return {
      keys: resolveKeys(
        target.keys,
        graph.nodes.map((node) => node.key),
      ),
      label: keysSelection(target.keys),
    };
  }
  return { keys: nonEmpty(new Set(graph.nodes.map((node) => node.key)), "the selection", "*", graph), label: "*" };
}
