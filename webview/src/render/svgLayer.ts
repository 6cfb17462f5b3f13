/**
 * The detailed drawing: SVG nodes (icon, key, kind), edges (data solid, order-only dashed) and group frames,
 * only for what lies in the viewport, joined by id so panning adds and removes a few elements at a time.
 */
import { line, curveBasis } from "d3-shape";
import type { Selection } from "d3-selection";
import type { LookUp } from "./look";
import { edgePoints, intersects, nodeBox, NODE_HEIGHT, NODE_WIDTH, type Box, type Placement } from "./placement";

export interface SvgLayerHandlers {
  nodeClicked(id: string, event: MouseEvent): void;
  nodeMenu(id: string, event: MouseEvent): void;
  nodeHovered(id: string | null, event: MouseEvent): void;
  expandClicked(id: string): void;
  groupToggled(group: string): void;
}

const path = line().curve(curveBasis);

export function drawDetail(
  root: Selection<SVGGElement, unknown, null, undefined>,
  placement: Placement,
  look: LookUp,
  viewport: Box,
  marks: { focus: string | null; selected: string | null },
  handlers: SvgLayerHandlers,
): void {
  const { graph, layout, edgeBoxes, groupBoxes } = placement;

  root
    .select<SVGGElement>("g.groups")
    .selectAll<SVGGElement, (typeof groupBoxes)[number]>("g.group-frame")
    .data(groupBoxes.filter(({ box }) => intersects(box, viewport)), (d) => d.group)
    .join((enter) => {
      const frame = enter.append("g").attr("class", "group-frame");
      frame.append("rect").attr("rx", 8);
      frame.append("text").attr("class", "group-label").attr("role", "button").on("click", (_event, d) => handlers.groupToggled(d.group));
      return frame;
    })
    .call((frame) => {
      frame.select("rect").attr("x", (d) => d.box.x0).attr("y", (d) => d.box.y0).attr("width", (d) => d.box.x1 - d.box.x0).attr("height", (d) => d.box.y1 - d.box.y0);
      frame.select("text").attr("x", (d) => d.box.x0 + 10).attr("y", (d) => d.box.y0 + 16).text((d) => `▾ ${d.group}`);
    });

  const shownEdges = graph.edges.map((edge, e) => ({ edge, e })).filter(({ e }) => intersects(edgeBoxes[e]!, viewport));
  root
    .select<SVGGElement>("g.edges")
    .selectAll<SVGPathElement, (typeof shownEdges)[number]>("path.edge")
    .data(shownEdges, (d) => `${d.edge.from}\u0000${d.edge.to}`)
    .join("path")
    .attr("class", (d) => `edge edge-${d.edge.kind}`)
    .attr("data-from", (d) => d.edge.from)
    .attr("data-to", (d) => d.edge.to)
    .attr("marker-end", "url(#al-arrow)")
    .attr("d", (d) => path(edgePoints(layout, d.e)));

  const shownNodes = graph.nodes.map((node, i) => ({ node, i })).filter(({ i }) => intersects(nodeBox(layout, i), viewport));
  root
    .select<SVGGElement>("g.nodes")
    .selectAll<SVGGElement, (typeof shownNodes)[number]>("g.node")
    .data(shownNodes, (d) => d.node.id)
    .join((enter) => {
      const node = enter.append("g").attr("tabindex", -1).attr("role", "button");
      node.append("rect").attr("class", "node-body").attr("rx", 6).attr("width", NODE_WIDTH).attr("height", NODE_HEIGHT);
      node.append("rect").attr("class", "node-state-bar").attr("rx", 3).attr("width", 6).attr("height", NODE_HEIGHT);
      node.append("text").attr("class", "node-icon").attr("x", 16).attr("y", 19);
      node.append("text").attr("class", "node-title").attr("x", 32).attr("y", 19);
      node.append("text").attr("class", "node-subtitle").attr("x", 32).attr("y", 35);
      node.append("text").attr("class", "node-expand").attr("x", NODE_WIDTH - 8).attr("y", 27).attr("text-anchor", "end");
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
      const { title, subtitle, icon, state, description, hiddenNeighbours } = look(d.node.id);
      const box = nodeBox(layout, d.i);
      const node = this as SVGGElement;
      node.setAttribute("class", `node state-${state}${marks.focus === d.node.id ? " focused" : ""}${marks.selected === d.node.id ? " selected" : ""}`);
      node.setAttribute("data-id", d.node.id);
      node.setAttribute("transform", `translate(${box.x0},${box.y0})`);
      node.setAttribute("aria-label", description);
      node.querySelector(".node-icon")!.textContent = icon;
      node.querySelector(".node-title")!.textContent = title;
      node.querySelector(".node-subtitle")!.textContent = subtitle;
      node.querySelector(".node-expand")!.textContent = hiddenNeighbours > 0 ? `+${hiddenNeighbours}` : "";
    });
}
