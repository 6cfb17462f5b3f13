/**
 * Where the view looks when it is fitted: the whole graph when it fits at a readable zoom, else (never zooming below
 * readable, the rest is reached by scrolling) the part around the selected asset with its upstream, or the graph's
 * start (its sources) when nothing is selected.
 */
import type { LayoutDirection } from "../layout/types";
import type { Box } from "./placement";

/** On-screen size of a node's title, in CSS pixels, below which a fit zooms no further out. */
export const MIN_LABEL_PX = 9.5;
const MAX_FIT_ZOOM = 1.2;
export const FIT_MARGIN = 12;

export interface Framing {
  /** The graph's drawn extent (nodes and group frames), in layout units. */
  bounds: Box;
  direction: LayoutDirection;
  /** The selected asset's box, and the box around it and its shown upstream. */
  focus?: { node: Box; withUpstream: Box };
}

/** The lowest zoom at which a node's title, drawn at `titlePx` at zoom 1, still shows at MIN_LABEL_PX. */
export const readableZoom = (titlePx: number): number => MIN_LABEL_PX / titlePx;

/**
 * The start of a window of `length` on one axis: the whole span centred when it fits, else the anchor centred when
 * it fits, else `fallback`; clamped so the window stays on the span.
 */
function windowStart(
  span: [number, number],
  length: number,
  anchor: [number, number] | null,
  fallback: number,
): number {
  const [lo, hi] = span;
  if (hi - lo <= length) return (lo + hi - length) / 2;
  const start = !anchor ? lo : anchor[1] - anchor[0] <= length ? (anchor[0] + anchor[1] - length) / 2 : fallback;
  return Math.min(hi - length, Math.max(lo, start));
}

/** The zoom and the layout point drawn at the panel's top-left corner (less the margin). */
export function frame(
  framing: Framing,
  panel: { width: number; height: number },
  minZoom: number,
): { k: number; x: number; y: number } {
  const { bounds, focus, direction } = framing;
  const room = { width: panel.width - 2 * FIT_MARGIN, height: panel.height - 2 * FIT_MARGIN };
  const fits = Math.min(
    room.width / Math.max(1, bounds.x1 - bounds.x0),
    room.height / Math.max(1, bounds.y1 - bounds.y0),
  );
  const k = Math.min(MAX_FIT_ZOOM, Math.max(minZoom, fits));
  const axis = (lo: "x0" | "y0", hi: "x1" | "y1", length: number, acrossLayers: boolean): number => {
    const anchor = focus ? ([focus.withUpstream[lo], focus.withUpstream[hi]] as [number, number]) : null;
    // Too much upstream to show: the selection at the far end of the layer axis, as much upstream as fits before it;
    // along the layers, the selection in the middle.
    const fallback = !focus
      ? bounds[lo]
      : acrossLayers
        ? focus.node[hi] - length
        : (focus.node[lo] + focus.node[hi] - length) / 2;
    return windowStart([bounds[lo], bounds[hi]], length, anchor, fallback);
  };
  const x0 = axis("x0", "x1", room.width / k, direction === "right");
  const y0 = axis("y0", "y1", room.height / k, direction === "down");
  return { k, x: FIT_MARGIN - x0 * k, y: FIT_MARGIN - y0 * k };
}
