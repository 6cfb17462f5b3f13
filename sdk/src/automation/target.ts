/** What a schedule or sensor runs: one job, or a selection; both or neither is a mistake said where it is written. */
import { isAssetJob, type AssetJob } from "../define/job";
import type { AutomationTarget } from "../protocol/automation";
import { AssetSelection, formatSelectionInput } from "../selection/builder";

/** Exactly one of `job` (the job, or its name) and `selection`. */
export type TargetOptions =
  | { job: AssetJob | string; selection?: undefined }
  | { selection: string | AssetSelection; job?: undefined };

/** The target as kept on the definition: the job itself or its name (checked when the repository is built). */
export type WrittenTarget = { job: AssetJob | string } | { selection: string | AssetSelection };

export function targetOption(options: { job?: unknown; selection?: unknown }, where: string): WrittenTarget {
  const { job, selection } = options;
  if (job !== undefined && selection !== undefined)
    throw new Error(`${where}: give either \`job\` or \`selection\`, not both.`);
  if (job !== undefined) {
    if (!isAssetJob(job) && typeof job !== "string")
      throw new Error(`${where}: \`job\` must be a job made with defineAssetJob({ name, selection }), or its name.`);
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
  if (!("job" in target)) return { selection: formatSelectionInput(target.selection) };
  return { job: typeof target.job === "string" ? target.job : target.job.name };
}
