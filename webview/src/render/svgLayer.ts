/**
 * The detailed drawing: SVG nodes (icon, key, kind, check and freshness badges), edges (data solid, order-only dashed)
 * and group frames, only for what lies in the viewport, joined by id so panning adds and removes a few elements at a time.
 */
import { line, curveBasis } from "d3-shape";
import type { Selection } from "d3-selection";
import type { StripRun } from "../partitionStrip";
import { BADGE, placeBadges, type NodeBadge } from "./badges";
import type { LookUp } from "./look";
import {
  edgeInView,
  edgePoints,
  intersects,
  nodeBox,
  NODE_HEIGHT,
  NODE_WIDTH,
  type Box,
  type Placement,
} from "./placement";
import { STRIP, stripSegments } from "./strip";

export interface SvgLayerHandlers {
  nodeClicked(id: string, event: MouseEvent): void;
  nodeMenu(id: string, event: MouseEvent): void;
  nodeHovered(id: string | null, event: MouseEvent): void;
  expandClicked(id: string): void;
  groupToggled(group: string): void;
}

const path = line().curve(curveBasis);
const SVG_NS = "http://www.w3.org/2000/svg";

/** New elements per frame: adding hundreds of SVG nodes at once costs one long frame of style and layout. */
const NEW_NODES_PER_FRAME = 60;
const NEW_EDGES_PER_FRAME = 150;
/**
 * Edges drawn at most. Between distant groups hundreds of long edges can pass through a view of a few nodes; each
 * one redrawn costs raster time on every frame that changes, so those whose ends are in view come first.
 */
const MAX_EDGES = 300;

/** Keeps what is already drawn and admits at most `budget` new items, so a big change spreads over a few frames. */
function admit<T>(candidates: T[], drawn: Set<string>, idOf: (item: T) => string, budget: number): T[] {
  return candidates.filter((item) => drawn.has(idOf(item)) || budget-- > 0);
}

function setAttribute(element: Element, name: string, value: string): void {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

function setText(parent: Element, selector: string, text: string): void {
  const child = parent.querySelector(selector)!;
  if (child.textContent !== text) child.textContent = text;
}

function drawnIds<E extends SVGElement, T>(
  selection: Selection<E, T, SVGGElement, unknown>,
  idOf: (item: T) => string,
): Set<string> {
  return new Set(selection.data().map(idOf));
}

/** The partition health strip, redrawn only when its runs changed (a backfill changes a few nodes per event). */
function drawStrip(strip: SVGGElement, runs: readonly StripRun[] | undefined): void {
  const drawn = runs ? runs.map(({ state, count }) => `${state}:${count}`).join(" ") : "";
  if (strip.dataset.runs === drawn) return;
  strip.dataset.runs = drawn;
  strip.replaceChildren(
    ...stripSegments(runs ?? []).map(({ state, x, width }) => {
      const rect = document.createElementNS(SVG_NS, "rect");
      rect.setAttribute("class", `strip-${state}`);
      rect.setAttribute("x", String(x));
      rect.setAttribute("width", String(width));
      rect.setAttribute("height", String(STRIP.height));
      return rect;
    }),
  );
}

/** The badges as pills (a rect and its text each), redrawn only when they changed. */
function drawBadges(holder: SVGGElement, badges: readonly NodeBadge[]): void {
  const drawn = badges.map(({ kind, text }) => `${kind}:${text}`).join(" ");
  if (holder.dataset.badges === drawn) return;
  holder.dataset.badges = drawn;
  holder.replaceChildren(
    ...placeBadges(badges).map(({ kind, text, label, x, width }) => {
      const pill = document.createElementNS(SVG_NS, "g");
      pill.setAttribute("class", `badge badge-${kind}`);
      pill.setAttribute("transform", `translate(${x},${BADGE.y})`);
      const rect = pill.appendChild(document.createElementNS(SVG_NS, "rect"));
      rect.setAttribute("rx", String(BADGE.height / 2));
      rect.setAttribute("width", String(width));
      rect.setAttribute("height", String(BADGE.height));
      const words = pill.appendChild(document.createElementNS(SVG_NS, "text"));
      words.setAttribute("x", String(width / 2));
      words.setAttribute("y", String(BADGE.height - 4));
      words.setAttribute("text-anchor", "middle");
      words.textContent = text;
      pill.appendChild(document.createElementNS(SVG_NS, "title")).textContent = label;
      return pill;
    }),
  );
}

export function drawDetail(
  root: Selection<SVGGElement, unknown, null, undefined>,
  placement: Placement,
  look: LookUp,
  viewport: Box,
  marks: { focus: string | null; selected: string | null },
  handlers: SvgLayerHandlers,
): boolean {
  const { graph, layout, groupBoxes } = placement;

  type FrameDatum = (typeof groupBoxes)[number];
  const frameId = (d: FrameDatum): string => d.group;
  const frames = root.select<SVGGElement>("g.groups").selectAll<SVGGElement, FrameDatum>("g.group-frame");
  const framesInView = groupBoxes.filter(({ box }) => intersects(box, viewport));
  const shownFrames = admit(framesInView, drawnIds(frames, frameId), frameId, NEW_NODES_PER_FRAME);
  frames.data(shownFrames, frameId).join((enter) => {
    const frame = enter
      .append("g")
      .attr("class", "group-frame")
      .attr("data-group", (d) => d.group);
    frame
      .append("rect")
      .attr("rx", 8)
      .attr("x", (d) => d.box.x0)
      .attr("y", (d) => d.box.y0)
      .attr("width", (d) => d.box.x1 - d.box.x0)
      .attr("height", (d) => d.box.y1 - d.box.y0);
    frame
      .append("text")
      .attr("class", "group-label")
      .attr("role", "button")
      .attr("x", (d) => d.box.x0 + 10)
      .attr("y", (d) => d.box.y0 + 16)
      .text((d) => `▾ ${d.group}`)
      .on("click", (_event, d) => handlers.groupToggled(d.group));
    return frame;
  });

  type EdgeDatum = { edge: (typeof graph.edges)[number]; e: number };
  const edgeId = (d: EdgeDatum): string => `${d.edge.from}\u0000${d.edge.to}`;
  const edgePaths = root.select<SVGGElement>("g.edges").selectAll<SVGPathElement, EdgeDatum>("path.edge");
  const endsInView = (edge: (typeof graph.edges)[number]): number =>
    [edge.from, edge.to].filter((id) => intersects(nodeBox(layout, placement.indexOf.get(id)!), viewport)).length;
  const edgesInView = graph.edges
    .map((edge, e) => ({ edge, e }))
    .filter(({ e }) => edgeInView(placement, e, viewport))
    .map((d) => ({ ...d, ends: endsInView(d.edge) }))
    .sort((a, b) => b.ends - a.ends || a.e - b.e)
    .slice(0, MAX_EDGES);
  const shownEdges = admit(edgesInView, drawnIds(edgePaths, edgeId), edgeId, NEW_EDGES_PER_FRAME);
  // Geometry is written once, on enter: the scene starts from empty for every new placement.
  edgePaths.data(shownEdges, edgeId).join((enter) =>
    enter
      .append("path")
      .attr("class", (d) => `edge edge-${d.edge.kind}`)
      .attr("data-from", (d) => d.edge.from)
      .attr("data-to", (d) => d.edge.to)
      .attr("marker-end", "url(#al-arrow)")
      .attr("d", (d) => path(edgePoints(layout, d.e))),
  );

  type NodeDatum = { node: (typeof graph.nodes)[number]; i: number };
  const nodeId = (d: NodeDatum): string => d.node.id;
  const nodeGroups = root.select<SVGGElement>("g.nodes").selectAll<SVGGElement, NodeDatum>("g.node");
  const nodesInView = graph.nodes
    .map((node, i) => ({ node, i }))
    .filter(({ i }) => intersects(nodeBox(layout, i), viewport));
  const shownNodes = admit(nodesInView, drawnIds(nodeGroups, nodeId), nodeId, NEW_NODES_PER_FRAME);
  nodeGroups
    .data(shownNodes, nodeId)
    .join((enter) => {
      const node = enter
        .append("g")
        .attr("tabindex", -1)
        .attr("role", "button")
        .attr("data-id", (d) => d.node.id)
        .attr("transform", (d) => {
          const box = nodeBox(layout, d.i);
          return `translate(${box.x0},${box.y0})`;
        });
      node
        .append("rect")
        .attr("class", "node-body")
        .attr("rx", 6)
        .attr("width", NODE_WIDTH)
        .attr("height", NODE_HEIGHT);
      node.append("rect").attr("class", "node-state-bar").attr("rx", 3).attr("width", 6).attr("height", NODE_HEIGHT);
      node.append("text").attr("class", "node-icon").attr("x", 16).attr("y", 19);
      node.append("text").attr("class", "node-title").attr("x", 32).attr("y", 19);
      node.append("text").attr("class", "node-subtitle").attr("x", 32).attr("y", 35);
      node.append("g").attr("class", "node-strip").attr("transform", `translate(${STRIP.x},${STRIP.y})`);
      node.append("g").attr("class", "node-badges");
      node
        .append("text")
        .attr("class", "node-expand")
        .attr("x", NODE_WIDTH - 8)
        .attr("y", 27)
        .attr("text-anchor", "end");
      node
        .on("click", (event: MouseEvent, d) => handlers.nodeClicked(d.node.id, event))
        .on("contextmenu", (event: MouseEvent, d) => handlers.nodeMenu(d.node.id, event))
        .on("mouseenter", (event: MouseEvent, d) => handlers.nodeHovered(d.node.id, event))
        .on("mouseleave", (event: MouseEvent) => handlers.nodeHovered(null, event));
      node.select(".node-expand").on("click", (event: MouseEvent, d) => {
        event.stopPropagation();
        handlers.expandClicked(d.node.id);
      });
      return node;
    })
    .each(function (d) {
      // Only what changed is written: rewriting unchanged text would make the browser lay it out again.
      const { title, subtitle, icon, state, description, hiddenNeighbours, strip, badges } = look(d.node.id);
      const node = this as SVGGElement;
      setAttribute(
        node,
        "class",
        `node state-${state}${marks.focus === d.node.id ? " focused" : ""}${marks.selected === d.node.id ? " selected" : ""}`,
      );
      setAttribute(node, "aria-label", description);
      setText(node, ".node-icon", icon);
      setText(node, ".node-title", title);
      setText(node, ".node-subtitle", subtitle);
      setText(node, ".node-expand", hiddenNeighbours > 0 ? `+${hiddenNeighbours}` : "");
      drawStrip(node.querySelector(".node-strip")!, strip);
      drawBadges(node.querySelector(".node-badges")!, badges);
    });
  return (
    shownNodes.length < nodesInView.length ||
    shownEdges.length < edgesInView.length ||
    shownFrames.length < framesInView.length
  );
}
