/** Custom LSP messages between the Assetline client and language server (or any LSP client that wants them). */
import type { AssetGraph, Position } from "./graph";
import type { AssetStatus } from "./state";
import { notification, request } from "./messages";

export interface GraphWithStatuses {
  graph: AssetGraph;
  /** Empty when the store cannot be read (untrusted workspace, never materialized). */
  statuses: AssetStatus[];
}

/** The whole graph with each asset's state, for the lineage view. */
export const GraphRequest = request<Record<string, never>, GraphWithStatuses>("assetline/graph");

export interface AssetAtParams {
  uri: string;
  position: Position;
}

/** The asset defined or referenced at a position, or null. */
export const AssetAtRequest = request<AssetAtParams, { key: string } | null>("assetline/assetAt");

/** Server -> client: the graph or the statuses changed; the lineage view should ask again. */
export const GraphChangedNotification = notification<Record<string, never>>("assetline/graphChanged");

/** Client -> server: Workspace Trust changed; the server reads the store only when trusted. */
export const TrustChangedNotification = notification<{ trusted: boolean }>("assetline/trustChanged");

/** Client -> server: a run the editor started has finished; refresh statuses now rather than on the watcher. */
export const RunFinishedNotification = notification<{ runId: string }>("assetline/runFinished");

/** Where runs are recorded unless `assetline.storeFolder` / `--store` says otherwise, relative to the workspace root. */
export const DEFAULT_STORE_FOLDER = ".assetline";

/** The settings section the server reads for each workspace folder with `workspace/configuration`. */
export const SETTINGS_SECTION = "assetline";

/**
 * What the server uses of the `assetline` section, per workspace folder. A client that can answer
 * `workspace/configuration` (VS Code) is asked per folder; one that cannot may pass these in `initialize`.
 */
export interface AssetlineFolderSettings {
  /** Store folder relative to the folder's root (setting `assetline.storeFolder`); `.assetline` when absent. */
  storeFolder?: string;
  /** Definitions file relative to the folder's root, when auto-discovery is not wanted (`assetline.definitionsFile`). */
  definitionsFile?: string;
  /**
   * A team's shared store, a `postgres://` URL (`assetline.store`): the server's CLI reads statuses from it, given
   * the URL in `STORE_URL_VARIABLE`, and polls it for runs other machines record.
   */
  store?: string;
}

/** Options the client passes in `initialize`; the folder settings apply to every folder the client has no answer for. */
export interface AssetlineInitializationOptions extends AssetlineFolderSettings {
  trusted: boolean;
  /**
   * The client runs `command:` links in hover Markdown (VS Code with the Assetline extension): hovers then offer
   * Materialize and Lineage links. Other clients would show them as dead text, so they are off unless asked for.
   */
  commandLinks?: boolean;
}

/** The commands a hover may link to; the client trusts exactly these in hover Markdown. */
export const HOVER_COMMANDS = [
  "assetline.materialize",
  "assetline.materializeWithUpstream",
  "assetline.materializePartitions",
  "assetline.backfillMissing",
  "assetline.showLineage",
  "assetline.runChecks",
  "assetline.previewTable",
] as const;
