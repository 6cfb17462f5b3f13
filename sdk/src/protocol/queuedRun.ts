/**
 * What a queued run records for its workers (`runs.plan`): enough to plan the same steps from the same bundle on any
 * machine. Written by `materialize --executor queue`, read by `assetline worker`, which may be of another version:
 * both sides validate it, and a plan of another version is refused with what to upgrade.
 */
import * as v from "valibot";

export const QUEUED_RUN_PLAN_VERSION = 1;

const StringLists = v.record(v.string(), v.array(v.string()));

export const QueuedRunPlanSchema = v.object({
  version: v.literal(QUEUED_RUN_PLAN_VERSION),
  /** The run's selection, as `runs` shows it. */
  selection: v.string(),
  /** The chosen asset keys. */
  keys: v.array(v.string()),
  /** The chosen partitions by key (absent: the key is not partitioned). */
  partitions: StringLists,
  /** Epoch ms: the clock the run planned its partitions with. */
  now: v.number(),
  /** The dynamic partitions' keys as read at launch, by partitions name. */
  dynamicKeys: StringLists,
  /** The code version each materialization records, by key (the launcher's analyzer hashed them). */
  codeVersions: v.record(v.string(), v.string()),
  /** The validated run config by asset key. */
  config: v.record(v.string(), v.unknown()),
  /** The bundle's module format. */
  format: v.picklist(["cjs", "esm"]),
  /** The index of the Definitions file's module among the bundle's modules; absent: every module counts. */
  definitionsModule: v.optional(v.number()),
  /** Steps of the run at once across workers; 0: no limit. */
  concurrency: v.number(),
});
export type QueuedRunPlan = v.InferOutput<typeof QueuedRunPlanSchema>;

/** Parses `runs.plan`; throws one line saying what is wrong (another version: which side to upgrade). */
export function parseQueuedRunPlan(text: string): QueuedRunPlan {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error("the run's plan is not JSON: the store is damaged or was written by another program");
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (typeof version === "number" && version !== QUEUED_RUN_PLAN_VERSION) {
    throw new Error(
      `the run was planned by an Assetline that writes plan version ${version}, this one reads version ${QUEUED_RUN_PLAN_VERSION}: run the same Assetline version on the workers as where runs are started`,
    );
  }
  const parsed = v.safeParse(QueuedRunPlanSchema, json);
  if (!parsed.success) {
    throw new Error(`the run's plan does not fit its schema: ${v.summarize(parsed.issues).split("\n")[0]}`);
  }
  return parsed.output;
}
