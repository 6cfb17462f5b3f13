/**
 * The overview drawn when the view is zoomed too far out for words or holds too many nodes for the DOM:
 * state-coloured boxes and thin edges on a canvas, a few milliseconds even at 5,000 nodes.
 */
import type { ZoomTransform } from "d3-zoom";
import { stateColour, themeColour, type LookUp } from "./look";
import { edgePoints, intersects, nodeBox, type Box, type Placement } from "./placement";

export function drawOverview(canvas: HTMLCanvasElement, placement: Placement, look: LookUp, transform: ZoomTransform, viewport: Box): void {
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

  const { graph, layout, edgeBoxes, groupBoxes } = placement;
  context.lineWidth = 1 / transform.k;
  context.strokeStyle = themeColour("group");
  for (const { box } of groupBoxes) if (intersects(box, viewport)) context.strokeRect(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0);

  context.strokeStyle = themeColour("edge");
  context.globalAlpha = 0.6;
  context.beginPath();
  graph.edges.forEach((_, e) => {
    if (!intersects(edgeBoxes[e]!, viewport)) return;
    edgePoints(layout, e).forEach(([x, y], i) => (i === 0 ? context.moveTo(x, y) : context.lineTo(x, y)));
  });
  context.stroke();
  context.globalAlpha = 1;

  const colours = new Map<string, string>();
  graph.nodes.forEach((node, i) => {
    const box = nodeBox(layout, i);
    if (!intersects(box, viewport)) return;
    const state = look(node.id).state;
    if (!colours.has(state)) colours.set(state, stateColour(state));
    context.fillStyle = colours.get(state)!;
    context.fillRect(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0);
  });
}
