/// <reference lib="webworker" />
/** The layout worker: lays out each request off the UI thread and transfers the typed arrays back. */
import { layoutLayered } from "./layered";
import type { LayoutRequest } from "./types";

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const result = layoutLayered(event.data);
  self.postMessage(result, [result.x.buffer, result.y.buffer, result.edgeOffsets.buffer, result.edgePoints.buffer]);
};
