/**
 * The run-time shape every definition carries, behind a brand that works across copies of the SDK
 * (a workspace's copy and the runner's copy of `assetline` may differ).
 */
import type { AssetContext } from "./context";
import type { MetadataInput } from "./metadata";
import type { DefinitionType } from "../protocol/graph";

export const DEFINITION = Symbol.for("assetline.definition");

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
  /** Automatic Markdown preview of tabular values in materialization metadata; on by default. */
  preview?: boolean;
}

export type AssetRef = AssetHandle<unknown> | string;

/** Anything whose key a downstream can name: an asset, a graph asset or an `AssetSpec`. */
export interface AssetHandle<T> {
  readonly [DEFINITION]: DefinitionInfo;
  /** Phantom: the stored value's type, for typed `ins`. */
  readonly __value?: T;
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
}

export interface DefinitionInfo {
  type: DefinitionType;
  /** The assets it produces: one, or a multi-asset's specs. A spec alone is an external asset. */
  assets: AssetInfo[];
  ins: Record<string, AssetRef>;
  deps: AssetRef[];
  retryPolicy?: RetryPolicy;
  preview: boolean;
  /** Multi-assets: a run may plan only the selected members; the function reads them from `ctx.selectedAssetKeys`. */
  canSubset?: boolean;
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

export function commonAssetInfo(options: CommonOptions): AssetInfo {
  const { group, description, tags, kinds, owners, codeVersion, metadata } = options;
  return { key: options.key ?? options.name, group, description, tags, kinds, owners, codeVersion, metadata };
}
