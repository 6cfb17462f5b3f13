/** What the main thread sends the layout worker and gets back. Typed arrays so results transfer without copying. */
import type { LineageDirection } from "assetline/protocol";

/** Which way edges run: "right" puts layers in columns (upstream left), "down" in rows (upstream above). */
export type LayoutDirection = LineageDirection;

export interface LayoutRequest {
  id: number;
  nodeCount: number;
  /** Edge endpoints as node indices: from0, to0, from1, to1, ... */
  edges: Int32Array;
  /** Per node: a cluster number (the asset group); nodes of one cluster are kept together within a layer. */
  clusters: Int32Array;
  nodeWidth: number;
  nodeHeight: number;
  /** Left to right when absent. */
  direction?: LayoutDirection;
  /** Wrap separate parts of the graph into shelves no longer than this along the layers (see packing.ts). */
  wrap?: number;
  /** Also paint the overview picture, in the worker, so the UI thread never rasterises thousands of shapes. */
  overview?: OverviewStyle;
}

export interface OverviewStyle {
  /** Per node: an index into `palette`. */
  colourIndex: Uint8Array;
  palette: string[];
  edgeColour: string;
  /** Longest side of the picture in pixels. */
  maxSize: number;
}

/** The whole laid-out graph as a picture; drawn scaled by `scale` (picture pixels per layout unit). */
export interface Overview {
  bitmap: ImageBitmap;
  scale: number;
}

export interface LayoutResult {
  id: number;
  /** Node centres. */
  x: Float64Array;
  y: Float64Array;
  /** Edge i's polyline is points [edgeOffsets[i], edgeOffsets[i+1]) of edgePoints (x, y pairs), from its source to its target. */
  edgeOffsets: Int32Array;
  edgePoints: Float64Array;
  width: number;
  height: number;
  /** Crossings between adjacent layers after ordering. */
  crossings: number;
  overview?: Overview;
}
