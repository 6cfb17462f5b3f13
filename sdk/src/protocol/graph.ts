/**
 * The asset graph as every process sees it: analyzer output, CLI `graph --json`, server and webview input.
 * Each shape is a valibot schema, and its type is derived from it: what is declared is what is validated.
 */
import * as v from "valibot";
import { ConditionSchema, ScheduleInfoSchema, SensorInfoSchema } from "./automation";
import { AssetCheckNodeSchema, FreshnessPolicySchema } from "./checks";
import { SourceLocationSchema } from "./location";
import { BackfillPolicySchema, PartitionMappingSchema, PartitionsDefinitionSchema } from "./partitions";

export {
  PositionSchema,
  RangeSchema,
  SourceLocationSchema,
  type Position,
  type Range,
  type SourceLocation,
} from "./location";

/**
 * `asset`: one `asset(...)` call; `multi-asset-member`: one spec of a `multiAsset`;
 * `graph-asset`: a `graphAsset(...)` built from ops; `external`: an `AssetSpec` produced elsewhere.
 */
export const AssetKindSchema = v.picklist(["asset", "multi-asset-member", "graph-asset", "external"]);
export type AssetKind = v.InferOutput<typeof AssetKindSchema>;

/** The SDK call a definition is written with; the analyzer and the runtime both map it to the kind of its assets. */
export type DefinitionType = "asset" | "multi-asset" | "graph-asset" | "spec";

export const ASSET_KIND_OF: Readonly<Record<DefinitionType, AssetKind>> = {
  asset: "asset",
  "multi-asset": "multi-asset-member",
  "graph-asset": "graph-asset",
  spec: "external",
};

/** `data`: declared in `ins`, the upstream value is loaded; `order`: declared in `deps`, ordering only. */
export const EdgeKindSchema = v.picklist(["data", "order"]);
export type EdgeKind = v.InferOutput<typeof EdgeKindSchema>;

export const AssetNodeSchema = v.object({
  key: v.string(),
  kind: AssetKindSchema,
  /** `default` when the definition names none, as in Dagster. */
  group: v.string(),
  tags: v.record(v.string(), v.string()),
  kinds: v.array(v.string()),
  owners: v.array(v.string()),
  description: v.optional(v.string()),
  /** The explicit `codeVersion`, or the hash of the definition's source (see codeVersion()). */
  codeVersion: v.string(),
  /** Dagster's pool (`pool` option): its steps run at most the pool's limit at once (`assetline pools`). */
  pool: v.optional(v.string()),
  /** The exported binding that defines this asset (for a multi-asset member: the multi-asset's binding). */
  definedBy: v.optional(v.string()),
  /**
   * Multi-asset members, which one step materializes together: the multi-asset's first member key (the same for every
   * member, so it names the step's definition) and whether a run may materialize only the selected members.
   */
  multiAsset: v.optional(v.object({ firstKey: v.string(), canSubset: v.boolean() })),
  /** Ops of a graph asset, in call order. */
  ops: v.optional(v.array(v.string())),
  /**
   * The asset's `partitionsDef` as data, with `count`: how many partitions it has now (time windows counted up to the
   * analysis's clock; absent for dynamic partitions, whose keys only the store knows).
   */
  partitions: v.optional(v.intersect([PartitionsDefinitionSchema, v.object({ count: v.optional(v.number()) })])),
  /** Absent: `multi-run`. */
  backfillPolicy: v.optional(BackfillPolicySchema),
  /** `freshness: { maximumLag, cron? }` as data; absent: no policy. */
  freshness: v.optional(FreshnessPolicySchema),
  /** Dagster's `automation_condition` as data; absent: none (or one only running the code would tell). */
  automationCondition: v.optional(ConditionSchema),
  /** The whole definition (the call expression). Absent for nodes built at run time. */
  location: v.optional(SourceLocationSchema),
  /** The asset's name: its key string when one is given, else the exported binding's name. */
  nameLocation: v.optional(SourceLocationSchema),
});
export type AssetNode = v.InferOutput<typeof AssetNodeSchema>;

export const AssetEdgeSchema = v.object({
  from: v.string(),
  to: v.string(),
  kind: EdgeKindSchema,
  /** The partition mapping written on this edge (`AssetIn`/`AssetDep`); absent: the default mapping. */
  mapping: v.optional(PartitionMappingSchema),
  /** The reference in the downstream definition (handle or key string). */
  location: v.optional(SourceLocationSchema),
});
export type AssetEdge = v.InferOutput<typeof AssetEdgeSchema>;

export const JobInfoSchema = v.object({
  name: v.string(),
  /** The selection as written (string syntax), or the builder expression rendered to the string syntax. */
  selection: v.string(),
  location: v.optional(SourceLocationSchema),
});
export type JobInfo = v.InferOutput<typeof JobInfoSchema>;

export const AssetGraphEntries = {
  nodes: v.array(AssetNodeSchema),
  edges: v.array(AssetEdgeSchema),
  jobs: v.array(JobInfoSchema),
  /** Every check of the workspace's assets, in definition order (absent only in output from before checks). */
  checks: v.optional(v.array(AssetCheckNodeSchema)),
  /** The workspace's schedules and sensors, in definition order (absent in output from before automation). */
  schedules: v.optional(v.array(ScheduleInfoSchema)),
  sensors: v.optional(v.array(SensorInfoSchema)),
};
export const AssetGraphSchema = v.object(AssetGraphEntries);
export type AssetGraph = v.InferOutput<typeof AssetGraphSchema>;
