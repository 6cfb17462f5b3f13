/**
 * The run-time shape every definition carries, behind a brand that works across copies of the SDK
 * (a workspace's copy and the runner's copy of `assetline` may differ).
 */
import type { AssetContext } from "./context";
import type { MetadataInput } from "./metadata";
import type { DefinitionType } from "../protocol/graph";
import type { BackfillPolicy, PartitionMappingData, PartitionsDefinitionData } from "../protocol/partitions";
import { asAssetInput, type AssetInput } from "./mappings";
import { isPartitionsDefinition, type PartitionsDefinition } from "./partitions";
import type { CheckHandle } from "../checks/definition";
import { freshnessPolicyOf, type FreshnessOptions } from "../checks/freshnessPolicy";
import type { FreshnessPolicy } from "../protocol/checks";
import type { StandardSchemaV1 } from "../config/standardSchema";
import { conditionOption, type AutomationCondition } from "../automation/condition";
import type { Condition } from "../protocol/automation";
import type { TableShape } from "../warehouse/table";

export const DEFINITION = Symbol.for("assetline.definition");

import { IO_MANAGERS, isIOManagerName, type IOManagerName } from "../protocol/ioKinds";

export { IO_MANAGERS, type IOManagerName };

export interface RetryPolicy {
  maxRetries: number;
  delayMs?: number;
}

/** Options every asset-producing definition accepts. */
export interface CommonOptions {
  /** The asset key; defaults to the exported binding's name. `name` is an alias. */
  key?: string;
  name?: string;
  group?: string;
  description?: string;
  tags?: Record<string, string>;
  kinds?: string[];
  owners?: string[];
  /** Overrides the hash of the definition's source. */
  codeVersion?: string;
  /** Static metadata attached to the definition. */
  metadata?: MetadataInput;
  retryPolicy?: RetryPolicy;
  /**
   * Dagster's pool: steps of assets in the same pool run at most the pool's limit at once, across runs and workers
   * (`assetline pools set NAME LIMIT`; docs/scale.md).
   */
  pool?: string;
  /** Automatic Markdown preview of tabular values in materialization metadata; on by default. */
  preview?: boolean;
  /**
   * Where its values are stored (docs/warehouse.md): `"duckdb"` tables in the store's warehouse, `"parquet"` files,
   * `"json"`; by default the Definitions' `io`, else `"json"`. A value that is no table is stored as JSON anyway.
   */
  io?: IOManagerName;
  /** Dagster's FreshnessPolicy: the asset is overdue once its newest materialization is older than `maximumLag`. */
  freshness?: FreshnessOptions;
  /** Dagster's `automation_condition`: when the daemon runs it on its own, as `AutomationCondition.eager()`. */
  automationCondition?: AutomationCondition;
}

/** Options of every definition that can be partitioned (Dagster's `partitions_def`, `backfill_policy`). */
export interface PartitionOptions<P extends PartitionsDefinition | undefined = PartitionsDefinition | undefined> {
  /** The asset's partitions: `DailyPartitionsDefinition({ startDate: "2026-03-01" })`, a static list, … */
  partitionsDef?: P;
  /** `multi-run` (default): one step per partition in a backfill; `single-run`: one call gets the whole range. */
  backfillPolicy?: BackfillPolicy;
}

export type AssetRef = AssetHandle<unknown> | string;

/** An `ins` value or a `deps` entry: a reference, or one with a partition mapping (`AssetIn`, `AssetDep`). */
export type UpstreamRef = AssetRef | AssetInput;

/** Anything whose key a downstream can name: an asset, a graph asset or an `AssetSpec`. */
export interface AssetHandle<T, P extends PartitionsDefinitionData | undefined = PartitionsDefinitionData | undefined> {
  readonly [DEFINITION]: DefinitionInfo;
  /** Phantom: the stored value's type, for typed `ins`. */
  readonly __value?: T;
  /** Phantom: the asset's partitions definition (`undefined`: unpartitioned), for the shape of its value in `ins`. */
  readonly __partitions?: P;
}

export type { DefinitionType };

/** What describes one asset, as opposed to how its definition runs. */
type DescriptiveOptions = Pick<
  CommonOptions,
  "group" | "description" | "tags" | "kinds" | "owners" | "codeVersion" | "metadata"
>;

/** One asset as the runtime sees it; `key` is filled from the export name when the options give none. */
export interface AssetInfo extends DescriptiveOptions {
  key: string | undefined;
  freshness?: FreshnessPolicy;
  automationCondition?: Condition;
}

export interface DefinitionInfo {
  type: DefinitionType;
  /** The assets it produces: one, or a multi-asset's specs. A spec alone is an external asset. */
  assets: AssetInfo[];
  /** Upstream references by `ins` name and in `deps`, unwrapped from `AssetIn`/`AssetDep`: their mappings are in `mappings`. */
  ins: Record<string, AssetRef>;
  deps: AssetRef[];
  /**
   * The partition mapping written on an upstream reference, by `ins` name and by index in `deps`; a reference without
   * one takes `defaultMapping(upstream, downstream)` from `partitions/`. Keys resolve lazily (`upstreamEdges`), since
   * a handle's key is known only once the repository names it.
   */
  mappings: { ins: Record<string, PartitionMappingData>; deps: Record<number, PartitionMappingData> };
  /** The shape a table input is read as (`AssetIn(x, { as })`), by `ins` name; absent: what the upstream returned. */
  inputShapes?: Record<string, TableShape>;
  /** Every asset of the definition shares it (a multi-asset's specs too). */
  partitionsDef?: PartitionsDefinitionData;
  backfillPolicy?: BackfillPolicy;
  retryPolicy?: RetryPolicy;
  /** The pool its steps take a slot of (`pool` option). */
  pool?: string;
  preview: boolean;
  /** The IO manager written on the definition; absent: the Definitions' default. */
  io?: IOManagerName;
  /** Multi-assets: a run may plan only the selected members; the function reads them from `ctx.selectedAssetKeys`. */
  canSubset?: boolean;
  /** An asset's inline `checks: [...]`, as written: each is about that asset. */
  checks?: CheckHandle[];
  /** The resources `ctx.resources` holds, by key (`asset({ resources })`). */
  resources?: string[];
  /** An asset's `config` schema: the run validates its run config with it before any step runs (`ctx.config`). */
  config?: StandardSchemaV1;
  /** Graph assets: their ops, filled when the composition is traced. */
  ops?: string[];
  /** Runs the definition: inputs by `ins` name; returns the value or yields/returns MaterializeResults. */
  execute?: (inputs: Record<string, unknown>, context: AssetContext) => unknown;
}

export function isDefinition(value: unknown): value is AssetHandle<unknown> {
  return (typeof value === "object" || typeof value === "function") && value !== null && DEFINITION in value;
}

export function infoOf(handle: AssetHandle<unknown>): DefinitionInfo {
  return handle[DEFINITION];
}

/** The key a reference names; throws when a handle's key is not known yet (not exported, no `key` option). */
export function refKey(ref: AssetRef): string {
  return namedKey(ref, "An upstream asset");
}

/** `refKey` for a reference in `downstream`'s `ins` or `deps`: the error names the asset that holds it. */
export function upstreamKey(ref: AssetRef, downstream: string): string {
  return namedKey(ref, `An upstream asset of "${downstream}"`);
}

/** `refKey` whose error calls the reference `which`, for callers where it is no upstream (a selection's key). */
export function namedKey(ref: AssetRef, which: string): string {
  if (typeof ref === "string") return ref;
  const key = infoOf(ref).assets[0]?.key;
  if (key === undefined)
    throw new Error(
      `${which} has no key: export it from a module the Definitions include, or give it a \`key\` option.`,
    );
  return key;
}

/** One upstream reference of a definition, in `ins` then `deps` order. */
export interface UpstreamEdge {
  ref: AssetRef;
  kind: "data" | "order";
  /** The `ins` name of a data edge. */
  name?: string;
  /** The mapping written on it; absent: the default mapping. */
  mapping?: PartitionMappingData;
  /** A data edge's table shape, when the downstream asked for one. */
  as?: TableShape;
}

export function upstreamEdges(info: DefinitionInfo): UpstreamEdge[] {
  const edges: UpstreamEdge[] = Object.entries(info.ins).map(([name, ref]) => ({
    ref,
    kind: "data",
    name,
    ...(info.mappings.ins[name] && { mapping: info.mappings.ins[name] }),
    ...(info.inputShapes?.[name] && { as: info.inputShapes[name] }),
  }));
  info.deps.forEach((ref, index) =>
    edges.push({ ref, kind: "order", ...(info.mappings.deps[index] && { mapping: info.mappings.deps[index] }) }),
  );
  return edges;
}

/**
 * Splits `ins` and `deps` as options give them (references, `AssetIn`/`AssetDep`, `{ asset, partitionMapping }`) into
 * plain references and their mappings, checking each: `where` names the definition in errors.
 */
export function upstreamsOf(
  ins: Record<string, unknown> | undefined,
  deps: readonly unknown[] | undefined,
  where: string,
): Pick<DefinitionInfo, "ins" | "deps" | "mappings" | "inputShapes"> {
  const mappings: DefinitionInfo["mappings"] = { ins: {}, deps: {} };
  const inputShapes: Record<string, TableShape> = {};
  /** The plain reference of `value`; its mapping, if any, goes to `record`. */
  const unwrap = (value: unknown, at: string, record: (mapping: PartitionMappingData) => void): AssetRef => {
    const input = asAssetInput(value);
    const ref = input ? input.asset : value;
    if (typeof ref !== "string" && !isDefinition(ref))
      throw new Error(
        `${where}: ${at} must be an asset, an asset key string, or AssetIn(asset, { partitionMapping }) (got ${describe(ref)}).`,
      );
    if (input?.partitionMapping) record(input.partitionMapping);
    return ref;
  };
  const insRefs: Record<string, AssetRef> = {};
  for (const [name, value] of Object.entries(ins ?? {})) {
    insRefs[name] = unwrap(value, `\`ins.${name}\``, (mapping) => {
      mappings.ins[name] = mapping;
    });
    const as = asAssetInput(value)?.as;
    if (as) inputShapes[name] = as;
  }
  const depRefs = (deps ?? []).map((value, index) =>
    unwrap(value, `\`deps[${index}]\``, (mapping) => {
      mappings.deps[index] = mapping;
    }),
  );
  return { ins: insRefs, deps: depRefs, mappings, ...(Object.keys(inputShapes).length > 0 && { inputShapes }) };
}

/** The partition options as `DefinitionInfo` keeps them, checked: `where` names the definition in errors. */
export function partitionInfo(
  options: PartitionOptions,
  where: string,
): Pick<DefinitionInfo, "partitionsDef" | "backfillPolicy"> {
  const { partitionsDef, backfillPolicy } = options;
  if (partitionsDef !== undefined && !isPartitionsDefinition(partitionsDef))
    throw new Error(
      `${where}: \`partitionsDef\` must come from a partitions constructor such as DailyPartitionsDefinition({ startDate: "2026-03-01" }).`,
    );
  if (backfillPolicy !== undefined && backfillPolicy !== "single-run" && backfillPolicy !== "multi-run")
    throw new Error(
      `${where}: \`backfillPolicy\` must be "single-run" or "multi-run" (got ${describe(backfillPolicy)}).`,
    );
  if (backfillPolicy !== undefined && partitionsDef === undefined)
    throw new Error(
      `${where}: \`backfillPolicy\` applies to partitioned assets only: add a \`partitionsDef\` or remove it.`,
    );
  return {
    ...(partitionsDef !== undefined && { partitionsDef }),
    ...(backfillPolicy !== undefined && { backfillPolicy }),
  };
}

/** The `io` option, checked where it is written: a misspelling must not silently store JSON. */
export function ioOption(io: unknown, where: string): { io?: IOManagerName } {
  if (io === undefined) return {};
  if (isIOManagerName(io)) return { io };
  throw new Error(
    `${where}: \`io\` must be one of ${IO_MANAGERS.map((name) => `"${name}"`).join(", ")}, not ${describe(io)}.`,
  );
}

/** A pool is a name (letters, digits, `_`, `-`, `.`): it is shown in the CLI and keyed in the queue's `pools` table. */
export const POOL_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

export function poolOption(pool: unknown, where: string): { pool?: string } {
  if (pool === undefined) return {};
  if (typeof pool === "string" && POOL_NAME.test(pool)) return { pool };
  throw new Error(
    `${where}: \`pool\` must be a name of letters, digits, "_", "-" or "." (at most 64), such as "warehouse", not ${typeof pool === "string" ? JSON.stringify(pool) : describe(pool)}.`,
  );
}

/** How errors name a definition before the repository knows its export name: `asset("orders")` or `asset(…)`. */
export function callLabel(call: string, key: string | undefined): string {
  return `${call}(${key === undefined ? "…" : JSON.stringify(key)})`;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === "object") return "an object";
  return typeof value === "function" ? "a function" : JSON.stringify(value);
}

/** `where` names the definition in errors (a bad freshness policy or automation condition). */
export function commonAssetInfo(options: CommonOptions, where: string): AssetInfo {
  const { group, description, tags, kinds, owners, codeVersion, metadata, freshness, automationCondition } = options;
  return {
    key: options.key ?? options.name,
    group,
    description,
    tags,
    kinds,
    owners,
    codeVersion,
    metadata,
    ...(freshness !== undefined && { freshness: freshnessPolicyOf(freshness, where) }),
    ...(automationCondition !== undefined && {
      automationCondition: conditionOption(automationCondition, where),
    }),
  };
}
