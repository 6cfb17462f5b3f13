/** What the store knows about assets: metadata, materializations, statuses. Shared by runner, server, client, webview. */

export type MetadataEntry =
  | { type: "md"; value: string }
  | { type: "text"; value: string }
  | { type: "json"; value: unknown }
  | { type: "url"; value: string }
  | { type: "path"; value: string }
  | { type: "int"; value: number }
  | { type: "float"; value: number }
  | { type: "bool"; value: boolean }
  /** Milliseconds since the epoch. */
  | { type: "timestamp"; value: number }
  | { type: "table"; value: { columns: string[]; rows: Record<string, unknown>[] } };

export type Metadata = Record<string, MetadataEntry>;

export interface Materialization {
  key: string;
  runId: string;
  /** Milliseconds since the epoch, when the value was stored. */
  timestamp: number;
  durationMs: number;
  metadata: Metadata;
  codeVersion: string;
  dataVersion: string;
  /** Data versions of the upstream assets this value was computed from, by key. */
  upstreamDataVersions: Record<string, string>;
  /**
   * Where the store keeps this materialization's value (`table:<sha256>` or `file:<sha256>`); absent for records from
   * before values were immutable, and for runs without a store. Only the latest materialization's value is kept.
   */
  valueRef?: string;
}

/** `running` is never stored as an asset state; editors overlay it from the live event stream. */
export type AssetState = "never" | "fresh" | "stale" | "failed" | "running";

export interface AssetStatus {
  key: string;
  state: Exclude<AssetState, "running">;
  /** Every reason, in words: "code changed since last materialization", "upstream beta is stale". */
  reasons: string[];
  lastMaterialization: Materialization | null;
  /** The last failed attempt, if it is newer than the last materialization. */
  lastFailure?: { runId: string; timestamp: number; error: string };
}

export type RunStatus = "running" | "success" | "failed" | "cancelled";

export type RunOrigin = "cli" | "editor";

export interface RunSummary {
  id: string;
  status: RunStatus;
  startedAt: number;
  endedAt: number | null;
  selection: string;
  origin: RunOrigin;
}
