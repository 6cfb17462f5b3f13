/**
 * The zoomable drawing, as SVG when close enough to read, else as a canvas overview (level of detail). During a pan
 * or zoom gesture only a CSS transform moves the already drawn SVG and canvas (the compositor scales their pictures,
 * no DOM, style or paint work); when the gesture ends or pauses the transform is committed and what is in view is
 * redrawn, a few elements per frame. With software rendering (no GPU) that keeps every frame short at 5,000 nodes.
 */
import { select, type Selection } from "d3-selection";
import { zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from "d3-zoom";
import { drawOverview } from "./canvasLayer";
import type { LookUp } from "./look";
import { intersects, nodeBox, type Box, type Placement } from "./placement";
import { drawDetail, type SvgLayerHandlers } from "./svgLayer";

/** Below this zoom words are unreadable; above this many nodes in view the DOM gets slow. */
const DETAIL_MIN_ZOOM = 0.6;
const DETAIL_MAX_NODES = 250;
/** A gesture that pauses this long is committed, so a slow drag fills in the newly uncovered parts. */
const COMMIT_PAUSE_MS = 120;

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
    this.zoomBehaviour = zoom<HTMLElement, unknown>()
      .scaleExtent([0.01, 3])
      .on("zoom", (event: { transform: ZoomTransform }) => {
        this.transform = event.transform;
        this.moveDrawing();
        clearTimeout(this.commitTimer);
        this.commitTimer = window.setTimeout(() => this.commit(), COMMIT_PAUSE_MS);
      })
      .on("end", () => this.commit());
    this.stage.call(this.zoomBehaviour).on("dblclick.zoom", null);
    new ResizeObserver(() => this.schedule()).observe(host);
  }

  setPlacement(placement: Placement): void {
    this.placement = placement;
    // Positions changed: start the detail layer afresh rather than moving every element.
    this.root.selectAll("g.groups > *, g.edges > *, g.nodes > *").remove();
    this.schedule();
  }

  fit(): void {
    const placement = this.placement;
    if (!placement) return;
    const { width, height } = this.size();
    const margin = 24;
    const scale = Math.min(
      1.2,
      (width - 2 * margin) / Math.max(1, placement.layout.width),
      (height - 2 * margin) / Math.max(1, placement.layout.height),
    );
    const x = (width - placement.layout.width * scale) / 2;
    const y = (height - placement.layout.height * scale) / 2;
    this.stage.call(this.zoomBehaviour.transform, zoomIdentity.translate(x, y).scale(scale));
  }

  /** Centres a node, keeping the zoom readable. */
  centreOn(id: string): void {
    const index = this.placement?.indexOf.get(id);
    if (!this.placement || index === undefined) return;
    const { width, height } = this.size();
    const scale = Math.max(this.transform.k, 0.8);
    const x = this.placement.layout.x[index]!;
    const y = this.placement.layout.y[index]!;
    this.stage.call(
      this.zoomBehaviour.transform,
      zoomIdentity.translate(width / 2 - x * scale, height / 2 - y * scale).scale(scale),
    );
  }

  zoomBy(factor: number): void {
    this.stage.call(this.zoomBehaviour.scaleBy, factor);
  }

  /** Shows the drawing under the current transform by moving the pictures drawn under the last committed one. */
  private moveDrawing(): void {
    const scale = this.transform.k / this.drawn.k;
    const css = `translate(${this.transform.x - scale * this.drawn.x}px,${this.transform.y - scale * this.drawn.y}px) scale(${scale})`;
    this.svg.node()!.style.transform = css;
    this.canvas.style.transform = css;
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
    if (!detailed) drawOverview(this.canvas, placement, this.look, this.drawn, this.liveKeys());
  }
}
