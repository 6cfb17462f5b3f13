/** Messages between the lineage webview and its host (the extension's panel). Sent only after `Ready`. */
import type { GraphWithStatuses } from "./lsp";
import type { RunEvent } from "./runEvents";
import { notification } from "./messages";

/** Webview -> host: the app is loaded and listening. */
export const ReadyMessage = notification<Record<string, never>>("ready");

/** Host -> webview: the graph with statuses, whenever it changes. */
export const GraphMessage = notification<GraphWithStatuses>("graph");

/** Host -> webview: the asset under the editor's cursor (null when none). */
export const FocusMessage = notification<{ key: string | null }>("focus");

/** Host -> webview: a runner event, to show running / done / failed live. */
export const RunEventMessage = notification<RunEvent>("runEvent");

/** Webview -> host: open the asset's definition. */
export const RevealMessage = notification<{ key: string }>("reveal");

export type MaterializeMode = "asset" | "upstream" | "downstream" | "stale";

/** Webview -> host: materialize; `selection` is in the selection syntax, computed by the webview from the mode. */
export const MaterializeMessage = notification<{ key: string | null; mode: MaterializeMode; selection: string }>(
  "materialize",
);

/** Webview -> host: open the first rows of a table asset (Assetline: Preview Table). */
export const PreviewTableMessage = notification<{ key: string }>("previewTable");

/** Webview -> host: save the current view as an SVG file. */
export const ExportSvgMessage = notification<{ svg: string }>("exportSvg");

/** Webview -> host (tests and status): how many nodes are drawn now. */
export const RenderedMessage = notification<{ nodes: number; edges: number }>("rendered");

/** Which way the lineage's edges run: "right" (upstream to the left) or "down" (upstream above). */
export type LineageDirection = "right" | "down";

/**
 * Both ways: the layout direction the user chose with the toolbar's toggle (null: chosen from the panel's shape).
 * Webview -> host when the user toggles; host -> webview after Ready, so a reopened panel keeps the choice.
 */
export const ViewStateMessage = notification<{ direction: LineageDirection | null }>("viewState");

/** Every message as it travels: `{ method, params }`. */
export interface WebviewEnvelope<P = unknown> {
  method: string;
  params: P;
}
