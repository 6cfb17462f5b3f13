/**
 * The zoomable drawing, as SVG when close enough to read, else as a canvas overview (level of detail) with the group
 * names over it. During a pan or zoom gesture only a CSS transform moves the already drawn SVG and canvas (the
 * compositor scales their pictures, no DOM, style or paint work); when the gesture ends or pauses the transform is
 * committed and what is in view is redrawn, a few elements per frame. With software rendering (no GPU) that keeps
 * every frame short at 5,000 nodes. The wheel scrolls (pans), as in an editor; Ctrl or ⌘ with the wheel, or a pinch,
 * zooms: a graph wider than a narrow panel at a readable zoom is read by scrolling it.
 */
import { select, type Selection } from "d3-selection";
import { zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from "d3-zoom";
import { drawOverview } from "./canvasLayer";
import { frame, readableZoom, type Framing } from "./framing";
import type { LookUp } from "./look";
import { intersects, nodeBox, type Box, type Placement } from "./placement";
import { drawDetail, type SvgLayerHandlers } from "./svgLayer";

/** Below this zoom words are unreadable; above this many nodes in view the DOM gets slow. */
const DETAIL_MIN_ZOOM = 0.6;
const DETAIL_MAX_NODES = 250;
/** A gesture that pauses this long is committed, so a slow drag fills in the newly uncovered parts. */
const COMMIT_PAUSE_MS = 120;
/** How far past the graph's edge the view may be scrolled, in layout units. */
const SCROLL_SLACK = 40;

/** d3's wheel zoom speed, without its tenfold boost for Ctrl when the deltas are a mouse wheel's, not a pinch's. */
/**
 * Keeps the drawing on screen: a graph larger than the panel cannot be scrolled past its edges (plus a little slack),
 * a smaller one can be moved anywhere inside the panel but not out of it. d3's own rule would centre a small graph,
 * which would move it away from under the point a zoom step keeps still.
 */
function keepOnScreen(transform: ZoomTransform, view: [[number, number], [number, number]], bounds: typeof view) {
  const shift = (t: number, v0: number, v1: number, e0: number, e1: number): number => {
    const a = e0 * transform.k + t;
    const b = e1 * transform.k + t;
    return b - a >= v1 - v0 ? Math.min(v0 - a, Math.max(v1 - b, 0)) : Math.max(v0 - a, Math.min(v1 - b, 0));
  };
  const dx = shift(transform.x, view[0][0], view[1][0], bounds[0][0], bounds[1][0]);
  const dy = shift(transform.y, view[0][1], view[1][1], bounds[0][1], bounds[1][1]);
  return dx === 0 && dy === 0 ? transform : transform.translate(dx / transform.k, dy / transform.k);
}

const zoomDelta = (event: WheelEvent): number =>
  -event.deltaY *
  (event.deltaMode === 1 ? 0.05 : event.deltaMode ? 1 : 0.002) *
  (event.ctrlKey && Math.abs(event.deltaY) < 50 ? 10 : 1);

export class Scene {
  private readonly stage: Selection<HTMLElement, unknown, null, undefined>;
  private readonly svg: Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly root: Selection<SVGGElement, unknown, null, undefined>;
  private readonly canvas: HTMLCanvasElement;
  private readonly zoomBehaviour: ZoomBehavior<HTMLElement, unknown>;
  /** The user's current transform, and the one the SVG and canvas were last drawn with. */
  private transform: ZoomTransform = zoomIdentity;
  private drawn: ZoomTransform = zoomIdentity;
  private commitTimer = 0;
  private placement: Placement | null = null;
  private frame = 0;
  private readonly groupNames: HTMLElement;
  /** Called when the panel's size changes (the app may choose another layout direction). */
  resized: () => void = () => {};
  marks: { focus: string | null; selected: string | null } = { focus: null, selected: null };

  constructor(
    host: HTMLElement,
    private readonly look: LookUp,
    private readonly handlers: SvgLayerHandlers,
    /** Assets whose state changed since the layout (live run states), painted over the overview picture. */
    private readonly liveKeys: () => Iterable<string>,
  ) {
    this.canvas = host.appendChild(document.createElement("canvas"));
    this.canvas.className = "overview";
    this.svg = select(host)
      .append("svg")
      .attr("class", "lineage")
      .attr("role", "application")
      .attr("aria-label", "Asset lineage graph");
    const marker = this.svg
      .append("defs")
      .append("marker")
      .attr("id", "al-arrow")
      .attr("viewBox", "0 0 10 10")
      .attr("refX", 9)
      .attr("refY", 5);
    marker
      .attr("markerWidth", 7)
      .attr("markerHeight", 7)
      .attr("orient", "auto-start-reverse")
      .append("path")
      .attr("d", "M0,0L10,5L0,10z")
      .attr("class", "arrow");
    this.root = this.svg.append("g").attr("class", "viewport");
    for (const layer of ["groups", "edges", "nodes"]) this.root.append("g").attr("class", layer);
    // The stage, which never moves, takes the gestures: pointer positions are read against it.
    this.stage = select(host);
    this.groupNames = host.appendChild(document.createElement("div"));
    this.groupNames.className = "group-names";
    this.zoomBehaviour = zoom<HTMLElement, unknown>()
      .scaleExtent([0.01, 3])
      // The wheel zooms only with Ctrl or ⌘ (a pinch sends Ctrl); other events as d3 filters them.
      .filter((event: MouseEvent) =>
        event.type === "wheel" ? event.ctrlKey || event.metaKey : !event.ctrlKey && !event.button,
      )
      .wheelDelta(zoomDelta)
      .constrain(keepOnScreen)
      .on("zoom", (event: { transform: ZoomTransform }) => {
        this.transform = event.transform;
        this.moveDrawing();
        clearTimeout(this.commitTimer);
        this.commitTimer = window.setTimeout(() => this.commit(), COMMIT_PAUSE_MS);
      })
      .on("end", () => this.commit());
    this.stage.call(this.zoomBehaviour).on("dblclick.zoom", null);
    host.addEventListener("wheel", (event) => this.scroll(event), { passive: false });
    new ResizeObserver(() => (this.schedule(), this.resized())).observe(host);
  }

  /** The smallest zoom at which node titles are readable, from the font they are drawn in. */
  readableZoom(): number {
    return readableZoom(Number.parseFloat(getComputedStyle(document.body).fontSize) || 13);
  }

  private scroll(event: WheelEvent): void {
    if (event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? this.size().height : 1;
    // Shift turns a mouse's vertical wheel into horizontal scrolling, as in the editor.
    const [dx, dy] = event.shiftKey && !event.deltaX ? [event.deltaY, 0] : [event.deltaX, event.deltaY];
    const k = this.transform.k;
    // Along an axis where the whole graph is in view there is nothing to scroll to.
    const { width, height } = this.size();
    const bounds = this.placement?.bounds;
    const fits = (extent: number, room: number): boolean => extent * k <= room;
    const x = bounds && fits(bounds.x1 - bounds.x0, width) ? 0 : dx;
    const y = bounds && fits(bounds.y1 - bounds.y0, height) ? 0 : dy;
    this.stage.call(this.zoomBehaviour.translateBy, (-x * unit) / k, (-y * unit) / k);
  }

  setPlacement(placement: Placement): void {
    this.placement = placement;
    const { x0, y0, x1, y1 } = placement.bounds;
    this.zoomBehaviour.translateExtent([
      [x0 - SCROLL_SLACK, y0 - SCROLL_SLACK],
      [x1 + SCROLL_SLACK, y1 + SCROLL_SLACK],
    ]);
    // Positions changed: start the detail layer afresh rather than moving every element.
    this.root.selectAll("g.groups > *, g.edges > *, g.nodes > *").remove();
    this.schedule();
  }

  /**
   * Fits the graph, never below a readable zoom; what does not fit is around the selection (see framing.ts). A graph
   * of more nodes than the detail layer draws is fitted whole, as the overview with its group names: no readable
   * window would show a useful part of it.
   */
  fit(framing: Omit<Framing, "bounds">): void {
    if (!this.placement) return;
    const minZoom = this.placement.graph.nodes.length <= DETAIL_MAX_NODES ? this.readableZoom() : 0;
    const { k, x, y } = frame({ ...framing, bounds: this.placement.bounds }, this.size(), minZoom);
    this.stage.call(this.zoomBehaviour.transform, zoomIdentity.translate(x, y).scale(k));
  }

  /** Centres a node, keeping the zoom readable. */
  centreOn(id: string): void {
    const index = this.placement?.indexOf.get(id);
    if (!this.placement || index === undefined) return;
    const { width, height } = this.size();
    const scale = Math.max(this.transform.k, this.readableZoom());
    const x = this.placement.layout.x[index]!;
    const y = this.placement.layout.y[index]!;
    this.stage.call(
      this.zoomBehaviour.transform,
      zoomIdentity.translate(width / 2 - x * scale, height / 2 - y * scale).scale(scale),
    );
  }

  /** Zooms about the node `around` when it is on screen, so it stays where it is; else about the middle. */
  zoomBy(factor: number, around: string | null): void {
    const index = around === null ? undefined : this.placement?.indexOf.get(around);
    const { width, height } = this.size();
    let point: [number, number] = [width / 2, height / 2];
    if (this.placement && index !== undefined) {
      const [x, y] = this.transform.apply([this.placement.layout.x[index]!, this.placement.layout.y[index]!]);
      if (x >= 0 && x <= width && y >= 0 && y <= height) point = [x, y];
    }
    this.stage.call(this.zoomBehaviour.scaleBy, factor, point);
  }

  /** Shows the drawing under the current transform by moving the pictures drawn under the last committed one. */
  private moveDrawing(): void {
    const scale = this.transform.k / this.drawn.k;
    const css = `translate(${this.transform.x - scale * this.drawn.x}px,${this.transform.y - scale * this.drawn.y}px) scale(${scale})`;
    this.svg.node()!.style.transform = css;
    this.canvas.style.transform = css;
    if (!this.canvas.hidden) this.placeGroupNames(this.transform);
  }

  /** Over the overview, each group's name at its frame's corner, in the panel's own font size whatever the zoom. */
  private placeGroupNames(transform: ZoomTransform): void {
    const frames = this.placement?.groupBoxes ?? [];
    const names = this.groupNames;
    while (names.children.length > frames.length) names.lastElementChild!.remove();
    frames.forEach(({ group, box }, i) => {
      const name = (names.children[i] as HTMLElement | undefined) ?? names.appendChild(document.createElement("span"));
      if (name.textContent !== group) name.textContent = group;
      const [x, y] = transform.apply([box.x0, box.y0]);
      name.style.transform = `translate(${Math.round(x)}px,${Math.round(y)}px)`;
    });
  }

  /** Draws under the current transform; until the next frame draws, the moved pictures stay up. */
  private commit(): void {
    clearTimeout(this.commitTimer);
    this.commitTimer = 0;
    this.schedule();
  }

  /** Redraws on the next frame; many zoom events between two frames cost one draw. */
  schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private size(): { width: number; height: number } {
    const node = this.svg.node()!;
    return { width: node.clientWidth || 800, height: node.clientHeight || 600 };
  }

  private viewport(): Box {
    const { width, height } = this.size();
    const [x0, y0] = this.drawn.invert([0, 0]);
    const [x1, y1] = this.drawn.invert([width, height]);
    const margin = 40 / this.drawn.k;
    return { x0: x0 - margin, y0: y0 - margin, x1: x1 + margin, y1: y1 + margin };
  }

  private draw(): void {
    const placement = this.placement;
    if (!placement) return;
    // Mid-gesture redraws (new marks, run states, more elements) keep the last committed transform.
    if (!this.commitTimer && this.drawn !== this.transform) {
      this.drawn = this.transform;
      this.root.attr("transform", this.drawn.toString());
      this.svg.node()!.style.transform = "";
      this.canvas.style.transform = "";
    }
    const viewport = this.viewport();
    let inView = 0;
    for (let i = 0; i < placement.graph.nodes.length && inView <= DETAIL_MAX_NODES; i++)
      if (intersects(nodeBox(placement.layout, i), viewport)) inView++;
    const detailed = this.drawn.k >= DETAIL_MIN_ZOOM && inView <= DETAIL_MAX_NODES;
    this.svg.classed("overview-mode", !detailed);
    const empty: Box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
    // When only part of the view could be added this frame, the rest follows on the next ones.
    if (drawDetail(this.root, placement, this.look, detailed ? viewport : empty, this.marks, this.handlers))
      this.schedule();
    // A hidden canvas is no layer to commit each frame; it is only drawn while it shows.
    this.canvas.hidden = detailed;
    this.groupNames.hidden = detailed;
    if (!detailed) {
      drawOverview(this.canvas, placement, this.look, this.drawn, this.liveKeys());
      this.placeGroupNames(this.drawn);
    }
  }
}
