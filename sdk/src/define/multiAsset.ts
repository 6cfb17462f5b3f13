import { createTestContext, type AssetContext } from "./context";
import {
  DEFINITION,
  callLabel,
  ioOption,
  poolOption,
  infoOf,
  partitionInfo,
  upstreamsOf,
  type AssetHandle,
  type CommonOptions,
  type DefinitionInfo,
  type PartitionOptions,
  type UpstreamRef,
} from "./definition";
import { configSchema, type DefinitionContext, type InsMap, type InValues } from "./asset";
import type { PartitionsDefinition } from "./partitions";
import type { MaterializeResult } from "./result";
import type { AssetSpec } from "./spec";
import { conditionOption } from "../automation/condition";
import type { ConfigOption } from "../config/configContext";
import type { StandardSchemaV1 } from "../config/standardSchema";
import { resourceKeys, type ResourcesOf, type ResourcesOption } from "../resources/requested";

type MaybePartitions = PartitionsDefinition | undefined;

/** `partitionsDef` partitions every member (a spec may repeat it; one that names another definition is an error). */
export interface MultiAssetOptions<Ins extends InsMap = InsMap, P extends MaybePartitions = MaybePartitions>
  extends Pick<
      CommonOptions,
      | "group"
      | "description"
      | "tags"
      | "owners"
      | "codeVersion"
      | "retryPolicy"
      | "pool"
      | "preview"
      | "io"
      | "automationCondition"
    >,
    PartitionOptions<P> {
  /** The assets produced, one `AssetSpec` each. */
  specs: AssetSpec[];
  /**
   * Whether a run may materialize only some of the specs (Dagster's `can_subset`): the function then yields a result
   * for each key in `ctx.selectedAssetKeys` and no other. Default: the multi-asset always runs whole.
   */
  canSubset?: boolean;
  ins?: Ins;
  deps?: UpstreamRef[];
  /** The resources the function reads from `ctx.resources`, as an asset's: `["warehouse"]`, or `{ warehouse }` to type them. */
  resources?: ResourcesOption;
}

/** What a multi-asset function may produce: yielded results (sync or async generator) or an array of them. */
export type MultiAssetOutput =
  | AsyncIterable<MaterializeResult>
  | Iterable<MaterializeResult>
  | Promise<Iterable<MaterializeResult>>;

interface MultiAssetHandle extends AssetHandle<never> {
  readonly specs: readonly AssetSpec[];
}
// biome-ignore lint/complexity/noBannedTypes: `{}`: no resources requested.
type NoResources = {};
export type MultiAssetWithIns<
  Ins extends InsMap,
  P extends MaybePartitions = undefined,
  Res = NoResources,
> = MultiAssetHandle & ((inputs: InValues<Ins, P>, context?: AssetContext<Res>) => MultiAssetOutput);
export type MultiAssetWithoutIns<Res = NoResources> = MultiAssetHandle &
  ((context?: AssetContext<Res>) => MultiAssetOutput);

/**
 * One call, several assets: the function yields one `MaterializeResult` per spec (with `canSubset`, per key in
 * `ctx.selectedAssetKeys`), each naming its `assetKey`. Like `asset`, it takes `(inputs, context)` when it has `ins`, else `(context)`.
 */
export function multiAsset<
  const Ins extends InsMap,
  P extends MaybePartitions = undefined,
  const Q extends ResourcesOption = readonly [],
  C extends StandardSchemaV1 | undefined = undefined,
>(
  options: MultiAssetOptions<Ins, P> & ConfigOption<C> & { ins: Ins; resources?: Q },
  fn: (inputs: InValues<Ins, P>, context: DefinitionContext<Q, C>) => MultiAssetOutput,
): MultiAssetWithIns<Ins, P, ResourcesOf<Q>>;
export function multiAsset<
  P extends MaybePartitions = undefined,
  const Q extends ResourcesOption = readonly [],
  C extends StandardSchemaV1 | undefined = undefined,
>(
  options: MultiAssetOptions<never, P> & ConfigOption<C> & { ins?: undefined; resources?: Q },
  fn: (context: DefinitionContext<Q, C>) => MultiAssetOutput,
): MultiAssetWithoutIns<ResourcesOf<Q>>;
export function multiAsset(
  options: MultiAssetOptions & ConfigOption<StandardSchemaV1 | undefined>,
  fn: (...args: never[]) => MultiAssetOutput,
): unknown {
  const run = fn as (...args: unknown[]) => MultiAssetOutput;
  const hasIns = options.ins !== undefined;
  if (options.specs.length === 0) throw new Error("multiAsset: `specs` must list at least one AssetSpec.");
  const where = callLabel("multiAsset", options.specs[0]!.key);
  // Every member's default, as the other options are.
  const condition = options.automationCondition && conditionOption(options.automationCondition, where);
  const info: DefinitionInfo = {
    type: "multi-asset",
    // Options are every member's defaults; a spec's own values win (tags merge, the spec's keys over the options').
    assets: options.specs.map((spec) => {
      const member = infoOf(spec).assets[0]!;
      return {
        ...member,
        group: member.group ?? options.group,
        owners: member.owners ?? options.owners,
        codeVersion: member.codeVersion ?? options.codeVersion,
        description: member.description ?? options.description,
        automationCondition: member.automationCondition ?? condition,
        tags: options.tags || member.tags ? { ...options.tags, ...member.tags } : undefined,
      };
    }),
    ...upstreamsOf(options.ins, options.deps, where),
    ...(options.resources !== undefined && { resources: resourceKeys(options.resources, where) }),
    ...(options.config !== undefined && { config: configSchema(options.config, where) }),
    ...partitionInfo({ ...options, partitionsDef: membersPartitions(options, where) }, where),
    retryPolicy: options.retryPolicy,
    preview: options.preview ?? true,
    ...ioOption(options.io, where),
    ...poolOption(options.pool, where),
    canSubset: options.canSubset ?? false,
    execute: (inputs, context) => (hasIns ? run(inputs, context) : run(context)),
  };
  const testContext = () =>
    createTestContext(
      options.specs[0]!.key,
      "test",
      options.specs.map((spec) => spec.key),
    );
  const callable = (...args: unknown[]) =>
    hasIns ? run(args[0] ?? {}, args[1] ?? testContext()) : run(args[0] ?? testContext());
  return Object.assign(callable, { specs: options.specs, [DEFINITION]: info });
}

/** The one partitions definition of every member: the options' or the specs' own, which must all agree. */
function membersPartitions(options: MultiAssetOptions, where: string): PartitionsDefinition | undefined {
  let chosen = options.partitionsDef;
  for (const spec of options.specs) {
    const own = infoOf(spec).partitionsDef as PartitionsDefinition | undefined;
    if (own === undefined) continue;
    if (chosen !== undefined && JSON.stringify(own) !== JSON.stringify(chosen))
      throw new Error(
        `${where}: the spec "${spec.key}" has another \`partitionsDef\` than the multi-asset's: one function materializes every member, so they share one definition.`,
      );
    chosen ??= own;
  }
  return chosen;
}
