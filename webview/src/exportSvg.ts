/**
 * A standalone SVG of the current view: every shown node and edge (not only those in the viewport), with the theme's
 * colours written in, so the file looks the same outside VS Code.
 */
import { line, curveBasis } from "d3-shape";
import { BADGE, BADGE_COLOURS, placeBadges } from "./render/badges";
import { themeColour, type ColourName, type LookUp } from "./render/look";
import { edgePoints, nodeBox, NODE_HEIGHT, NODE_WIDTH, type Placement } from "./render/placement";
import { STRIP, STRIP_COLOURS, stripSegments } from "./render/strip";

const SVG_NS = "http://www.w3.org/2000/svg";
const path = line().curve(curveBasis);

function create(tag: string, attributes: Record<string, string | number>, text?: string): SVGElement {
  const created = document.createElementNS(SVG_NS, tag) as SVGElement;
  for (const [name, value] of Object.entries(attributes)) created.setAttribute(name, String(value));
  if (text !== undefined) created.textContent = text;
  return created;
}

export function exportSvg(placement: Placement, look: LookUp): string {
  const { layout, graph, groupBoxes } = placement;
  const margin = 20;
  const root = create("svg", {
    xmlns: SVG_NS,
    width: layout.width + 2 * margin,
    height: layout.height + 2 * margin + 20,
    viewBox: `${-margin} ${-margin - 20} ${layout.width + 2 * margin} ${layout.height + 2 * margin + 20}`,
    "font-family": "sans-serif",
    "font-size": 12,
  });
  // The stylesheet is read once per colour, not once per node and edge.
  const colours = new Map<ColourName, string>();
  const colour = (name: ColourName): string => colours.get(name) ?? colours.set(name, themeColour(name)).get(name)!;
  const foreground = colour("foreground");
  root.append(
    create("rect", {
      x: -margin,
      y: -margin - 20,
      width: layout.width + 2 * margin,
      height: layout.height + 2 * margin + 20,
      fill: colour("background"),
    }),
  );
  const defs = create("defs", {});
  const marker = create("marker", {
    id: "arrow",
    viewBox: "0 0 10 10",
    refX: 9,
    refY: 5,
    markerWidth: 7,
    markerHeight: 7,
    orient: "auto-start-reverse",
  });
  marker.append(create("path", { d: "M0,0L10,5L0,10z", fill: colour("edge") }));
  defs.append(marker);
  root.append(defs);
  for (const { group, box } of groupBoxes) {
    root.append(
      create("rect", {
        x: box.x0,
        y: box.y0,
        width: box.x1 - box.x0,
        height: box.y1 - box.y0,
        rx: 8,
        fill: "none",
        stroke: colour("group"),
      }),
    );
    root.append(create("text", { x: box.x0 + 10, y: box.y0 + 16, fill: foreground }, group));
  }
  graph.edges.forEach((edge, e) => {
    const attributes: Record<string, string | number> = {
      d: path(edgePoints(layout, e)) ?? "",
      fill: "none",
      stroke: colour("edge"),
      "marker-end": "url(#arrow)",
    };
    if (edge.kind === "order") attributes["stroke-dasharray"] = "6 4";
    root.append(create("path", attributes));
  });
  graph.nodes.forEach((node, i) => {
    const { x0, y0 } = nodeBox(layout, i);
    const { title, subtitle, icon, state, strip, badges } = look(node.id);
    const stateFill = colour(state);
    const g = create("g", { transform: `translate(${x0},${y0})` });
    g.append(
      create("rect", { width: NODE_WIDTH, height: NODE_HEIGHT, rx: 6, fill: colour("node"), stroke: stateFill }),
    );
    g.append(create("rect", { width: 6, height: NODE_HEIGHT, rx: 3, fill: stateFill }));
    g.append(create("text", { x: 16, y: 19, fill: stateFill }, icon));
    g.append(create("text", { x: 32, y: 19, fill: foreground, "font-weight": "bold" }, title));
    g.append(create("text", { x: 32, y: 35, fill: foreground, opacity: 0.7 }, subtitle));
    for (const { state: partitions, x, width } of stripSegments(strip ?? []))
      g.append(
        create("rect", {
          x: STRIP.x + x,
          y: STRIP.y,
          width,
          height: STRIP.height,
          fill: colour(STRIP_COLOURS[partitions]),
        }),
      );
    for (const { kind, text, x, width } of placeBadges(badges)) {
      const badgeColour = colour(BADGE_COLOURS[kind]);
      const pill = create("g", { transform: `translate(${x},${BADGE.y})` });
      pill.append(
        create("rect", {
          width,
          height: BADGE.height,
          rx: BADGE.height / 2,
          fill: colour("node"),
          stroke: badgeColour,
        }),
        create(
          "text",
          { x: width / 2, y: BADGE.height - 4, "text-anchor": "middle", "font-size": 10, fill: badgeColour },
          text,
        ),
      );
      g.append(pill);
    }
    root.append(g);
  });
  return new XMLSerializer().serializeToString(root);
}
