/**
 * Paints the overview picture in the worker with an OffscreenCanvas: thin straight edges and state-coloured boxes.
 * Rasterising 5,000 boxes and 7,000 lines costs hundreds of milliseconds in software; here it never blocks the UI,
 * which then only scales one bitmap while the user pans and zooms far out.
 */
import type { LayoutResult, Overview, OverviewStyle } from "./types";

export function paintOverview(
  layout: LayoutResult,
  style: OverviewStyle,
  nodeWidth: number,
  nodeHeight: number,
): Overview | undefined {
  if (typeof OffscreenCanvas === "undefined" || layout.width <= 0 || layout.height <= 0) return undefined;
  const scale = Math.min(1, style.maxSize / Math.max(layout.width, layout.height));
  const canvas = new OffscreenCanvas(
    Math.max(1, Math.ceil(layout.width * scale)),
    Math.max(1, Math.ceil(layout.height * scale)),
  );
  const context = canvas.getContext("2d");
  if (!context) return undefined;
  context.scale(scale, scale);
  context.lineWidth = 1 / scale;
  context.strokeStyle = style.edgeColour;
  context.globalAlpha = 0.6;
  context.beginPath();
  for (let e = 0; e + 1 < layout.edgeOffsets.length; e++) {
    const first = layout.edgeOffsets[e]!;
    const last = layout.edgeOffsets[e + 1]! - 1;
    if (last <= first) continue;
    context.moveTo(layout.edgePoints[2 * first]!, layout.edgePoints[2 * first + 1]!);
    context.lineTo(layout.edgePoints[2 * last]!, layout.edgePoints[2 * last + 1]!);
  }
  context.stroke();
  context.globalAlpha = 1;
  for (let colour = 0; colour < style.palette.length; colour++) {
    context.fillStyle = style.palette[colour]!;
    for (let i = 0; i < layout.x.length; i++) {
      if (style.colourIndex[i] === colour)
        context.fillRect(layout.x[i]! - nodeWidth / 2, layout.y[i]! - nodeHeight / 2, nodeWidth, nodeHeight);
    }
  }
  return { bitmap: canvas.transferToImageBitmap(), scale };
}
