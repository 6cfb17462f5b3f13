import type { LogLevel } from "../protocol/runEvents";
import { normalizeMetadata, type MetadataInput } from "./metadata";
import type { Metadata } from "../protocol/state";

export interface AssetLogger {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
}

/** What an asset, multi-asset or op receives as its context. */
export interface AssetContext {
  /** The asset being materialized (for a multi-asset: its first spec; ops: the graph asset). */
  readonly assetKey: string;
  /**
   * The keys this step materializes: an asset's own key; a multi-asset's members, or with `canSubset: true`
   * only those the run selected (yield exactly these).
   */
  readonly selectedAssetKeys: ReadonlySet<string>;
  readonly runId: string;
  /** Zero-based attempt number under a retry policy. */
  readonly attempt: number;
  readonly log: AssetLogger;
  /** Fires when the run is cancelled; long steps should pass it on (fetch, streams) or check it. */
  readonly signal: AbortSignal;
  /** Metadata merged into the materialization; `assetKey` picks a multi-asset member. */
  addOutputMetadata(metadata: MetadataInput, assetKey?: string): void;
}

export interface ContextSink {
  log(level: LogLevel, message: string): void;
  metadata(assetKey: string, metadata: Metadata): void;
}

export interface ContextOptions {
  assetKey: string;
  /** Default: `assetKey` alone. */
  selectedAssetKeys?: Iterable<string>;
  runId: string;
  attempt?: number;
  signal?: AbortSignal;
  sink: ContextSink;
}

export function createContext(options: ContextOptions): AssetContext {
  const { assetKey, sink } = options;
  const at = (level: LogLevel) => (message: string) => sink.log(level, String(message));
  return {
    assetKey,
    selectedAssetKeys: new Set(options.selectedAssetKeys ?? [assetKey]),
    runId: options.runId,
    attempt: options.attempt ?? 0,
    signal: options.signal ?? new AbortController().signal,
    log: { debug: at("debug"), info: at("info"), warning: at("warning"), error: at("error") },
    addOutputMetadata: (metadata, key) => sink.metadata(key ?? assetKey, normalizeMetadata(metadata)),
  };
}

/**
 * The context an asset gets when a test calls it directly: logs go to the console, metadata is kept for inspection.
 * `selectedAssetKeys` lets a test run a subsettable multi-asset on some members.
 */
export function createTestContext(
  assetKey = "test",
  runId = "test",
  selectedAssetKeys: Iterable<string> = [assetKey],
): AssetContext & { readonly metadata: Record<string, Metadata> } {
  const metadata: Record<string, Metadata> = {};
  const context = createContext({
    assetKey,
    selectedAssetKeys,
    runId,
    sink: {
      log: (level, message) => console.log(`[${level}] ${assetKey}: ${message}`),
      metadata: (key, entries) => void (metadata[key] = { ...metadata[key], ...entries }),
    },
  });
  return Object.assign(context, { metadata });
}
