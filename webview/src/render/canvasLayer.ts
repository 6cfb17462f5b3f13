/**
 * The overview shown when the view is zoomed too far out for words or holds too many nodes for the DOM: the
 * worker's picture of the whole graph, scaled to the current zoom, plus live run states painted over it.
 */
import type { ZoomTransform } from "d3-zoom";
import { themeColour, type LookUp } from "./look";
import { nodeBox, type Placement } from "./placement";

export function drawOverview(
  canvas: HTMLCanvasElement,
  placement: Placement,
  look: LookUp,
  transform: ZoomTransform,
  liveKeys: Iterable<string>,
): void {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const context = canvas.getContext("2d")!;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  context.setTransform(ratio * transform.k, 0, 0, ratio * transform.k, ratio * transform.x, ratio * transform.y);
  const overview = placement.layout.overview;
  if (overview)
    context.drawImage(
      overview.bitmap,
      0,
      0,
      overview.bitmap.width / overview.scale,
      overview.bitmap.height / overview.scale,
    );
  // The picture holds the states at layout time; steps running since then are painted over it.
  for (const key of liveKeys) {
    const index = placement.indexOf.get(key);
    if (index === undefined) continue;
    const box = nodeBox(placement.layout, index);
    context.fillStyle = themeColour(look(key).state);
    context.fillRect(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0);
  }
}
