/// <reference lib="webworker" />
/** The layout worker: lays out each request off the UI thread (and paints its overview) and transfers the result back. */
import { layoutPacked } from "./packing";
import { paintOverview } from "./overviewPicture";
import type { LayoutRequest } from "./types";

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const request = event.data;
  const result = layoutPacked(request);
  const overview = request.overview && paintOverview(result, request.overview, request.nodeWidth, request.nodeHeight);
  if (overview) result.overview = overview;
  const transfer: Transferable[] = [
    result.x.buffer,
    result.y.buffer,
    result.edgeOffsets.buffer,
    result.edgePoints.buffer,
  ];
  if (overview) transfer.push(overview.bitmap);
  self.postMessage(result, transfer);
};
