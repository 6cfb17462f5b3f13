/** What a schedule or sensor runs: one job, or a selection; both or neither is a mistake said where it is written. */
import { isAssetJob, type AssetJob } from "../define/job";
import type { AutomationTarget } from "../protocol/automation";
import { AssetSelection, formatSelectionInput } from "../selection/builder";

/** Exactly one of `job` and `selection`. */
export type TargetOptions =
  | { job: AssetJob; selection?: undefined }
  | { selection: string | AssetSelection; job?: undefined };

/** The target as kept on the definition: the job itself (its name is read when the graph is built). */
export type WrittenTarget = { job: AssetJob } | { selection: string | AssetSelection };

export function targetOption(options: { job?: unknown; selection?: unknown }, where: string): WrittenTarget {
  const { job, selection } = options;
  if (job !== undefined && selection !== undefined)
    throw new Error(`${where}: give either \`job\` or \`selection\`, not both.`);
  if (job !== undefined) {
    if (!isAssetJob(job)) throw new Error(`${where}: \`job\` must be a job made with defineAssetJob({ name, selection }).`);
    return { job };
  }
  if (selection === undefined)
    throw new Error(`${where}: say what it runs: \`job: someJob\` or \`selection: "group:gold"\`.`);
  if (typeof selection !== "string" && !(selection instanceof AssetSelection))
    throw new Error(`${where}: \`selection\` must be a selection string or an AssetSelection chain.`);
  return { selection };
}

/** The target as the graph carries it. */
export function targetData(target: WrittenTarget): AutomationTarget {
  return "job" in target ? { job: target.job.name } : { selection: formatSelectionInput(target.selection) };
}
