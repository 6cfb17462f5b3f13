import type { AssetSelection } from "../selection/builder";

const JOB = Symbol.for("assetline.job");

export interface AssetJobOptions {
  name: string;
  /** Selection syntax (`group:bronze and key:orders*+`) or an `AssetSelection`. */
  selection: string | AssetSelection;
  description?: string;
  tags?: Record<string, string>;
}

export interface AssetJob extends Readonly<AssetJobOptions> {
  readonly [JOB]: true;
}

export function defineAssetJob(options: AssetJobOptions): AssetJob {
  if (!options.name) throw new Error("defineAssetJob: give the job a `name`.");
  return { ...options, [JOB]: true };
}

export function isAssetJob(value: unknown): value is AssetJob {
  return typeof value === "object" && value !== null && JOB in value;
}
