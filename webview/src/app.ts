/**
 * The lineage app: holds the model and view options, turns them into a visible graph, lays it out in the worker,
 * draws it, and answers the user's clicks and keys with messages to the host.
 */
import {
  ExportSvgMessage,
  MaterializeMessage,
  RenderedMessage,
  RevealMessage,
  type AssetKind,
  type AssetState,
  type GraphWithStatuses,
  type MaterializeMode,
  type RunEvent,
} from "assetline/protocol";
import { exportSvg } from "./exportSvg";
import { applyFilter } from "./filter";
import { neighbourInDirection, type Direction } from "./keyboard";
import type { LayoutClient } from "./layout/client";
import { materializeSelection } from "./materializeSelection";
import { post } from "./messaging";
import { buildModel, emptyModel, type LineageModel } from "./model";
import { themeColour, type NodeLook } from "./render/look";
import { buildPlacement, NODE_HEIGHT, NODE_WIDTH, type Placement } from "./render/placement";
import { Scene } from "./render/scene";
import { RunOverlay, STATE_INFO, STATES } from "./states";
import { ContextMenu } from "./ui/contextMenu";
import { element } from "./ui/dom";
import { createLegend } from "./ui/legend";
import { Toolbar } from "./ui/toolbar";
import { Tooltip } from "./ui/tooltip";
import { visibleGraph, type ViewOptions, type VisibleNode } from "./visible";

const DEFAULT_DEPTH = 2;
const OVERVIEW_PIXELS = 2048;
/** Lets the browser paint and handle input between steps of a big update, so no single task runs long. */
const yieldToBrowser = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
const KIND_LABELS: Record<AssetKind, string> = {
  asset: "asset",
  "multi-asset-member": "multi-asset",
  "graph-asset": "graph asset",
  external: "external",
};
/** Characters that fit a node's title and subtitle lines; the tooltip shows the whole key. */
const TITLE_CHARS = 24;
const SUBTITLE_CHARS = 34;
const NO_ASSETS =
  "No assets in this workspace yet. Define one at the top level of a file: export const orders = asset(() => …)";
const NOTHING_MATCHES = "No asset matches the filter.";
const shorten = (text: string, length: number): string =>
  text.length > length ? `${text.slice(0, length - 1)}…` : text;
const ARROWS = new Set<string>(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown"]);

export class LineageApp {
  private model: LineageModel = emptyModel();
  private readonly overlay = new RunOverlay();
  private readonly options: ViewOptions = {
    focus: null,
    wholeGraph: false,
    depth: DEFAULT_DEPTH,
    expanded: new Set(),
    filter: null,
    collapsedGroups: new Set(),
  };
  private filterText = "";
  /** The newest graph from the host, turned into the model at the next refresh, outside the message's task. */
  private pendingGraph: GraphWithStatuses | null = null;
  private placement: Placement | null = null;
  private selected: string | null = null;
  private readonly scene: Scene;
  private readonly toolbar: Toolbar;
  private readonly tooltip = new Tooltip();
  /** Says why the stage is empty: no asset yet, or none the filter keeps. */
  private readonly emptyNote = element("p", "empty-note");
  private readonly menu: ContextMenu;

  constructor(
    container: HTMLElement,
    private readonly layoutClient: LayoutClient,
  ) {
    this.toolbar = new Toolbar({
      filterChanged: (text) => ((this.filterText = text), this.refresh()),
      fit: () => this.scene.fit(),
      zoom: (factor) => this.scene.zoomBy(factor),
      wholeGraphToggled: () => {
        this.options.wholeGraph = !this.options.wholeGraph;
        this.toolbar.showWholeGraph(this.options.wholeGraph);
        this.refresh();
      },
      materialize: (mode) => this.materialize(this.selected ?? this.options.focus, mode),
      exportSvg: () => this.placement && post(ExportSvgMessage, { svg: exportSvg(this.placement, this.lookOf) }),
    });
    this.menu = new ContextMenu({
      reveal: (key) => post(RevealMessage, { key }),
      materialize: (key, mode) => this.materialize(key, mode),
    });
    const stage = element("div", "stage");
    stage.tabIndex = 0;
    stage.setAttribute("aria-label", "Asset lineage; arrow keys move between assets, Enter opens the definition");
    stage.addEventListener("keydown", (event) => this.onKey(event));
    this.emptyNote.setAttribute("role", "status");
    this.emptyNote.hidden = true;
    container.append(this.toolbar.element, stage, createLegend(), this.tooltip.element, this.menu.element);
    this.scene = new Scene(
      stage,
      this.lookOf,
      {
        nodeClicked: (id) => this.onNodeClicked(id),
        nodeMenu: (id, event) => {
          event.preventDefault();
          if (this.model.nodes.has(id)) this.menu.show(id, { x: event.clientX, y: event.clientY });
        },
        nodeHovered: (id, event) => this.onHover(id, event),
        expandClicked: (id) => (this.options.expanded.add(id), this.refresh()),
        groupToggled: (group) => this.toggleGroup(group),
      },
      () => this.overlay.keys(),
    );
    // Over the drawing, which the Scene created inside the stage.
    stage.append(this.emptyNote);
  }

  setGraph(message: GraphWithStatuses): void {
    this.pendingGraph = message;
    void this.refresh();
  }

  setFocus(key: string | null): void {
    if (key === this.options.focus) return;
    this.options.focus = key;
    this.options.expanded.clear();
    if (key !== null) this.selected = key;
    void this.refresh(true);
  }

  applyRunEvent(event: RunEvent): void {
    this.overlay.apply(event);
    this.scene.schedule();
  }

  private readonly lookOf = (id: string): NodeLook => {
    const node = this.model.nodes.get(id);
    const visible = this.visibleNode(id);
    if (!node) {
      const members = visible?.type === "group" ? visible.members.length : 0;
      const group = visible?.type === "group" ? visible.group : id;
      return {
        title: group,
        subtitle: `${members} assets (collapsed)`,
        state: "group",
        icon: "▸",
        description: `Group ${group}, ${members} assets, collapsed`,
        hiddenNeighbours: 0,
      };
    }
    const state = this.overlay.stateOf(id, this.model.statuses.get(id));
    const kinds = node.kinds.length > 0 ? node.kinds.join(", ") : KIND_LABELS[node.kind];
    const hiddenNeighbours = visible?.type === "asset" ? visible.hiddenNeighbours : 0;
    return {
      title: shorten(node.key, TITLE_CHARS),
      subtitle: shorten(`${kinds} · ${STATE_INFO[state].label.toLowerCase()}`, SUBTITLE_CHARS),
      state,
      icon: STATE_INFO[state].icon,
      description: `${node.key}, ${STATE_INFO[state].label}`,
      hiddenNeighbours,
    };
  };

  private visibleNode(id: string): VisibleNode | undefined {
    return this.placement?.graph.nodes[this.placement.indexOf.get(id) ?? -1];
  }

  /** The colour a node is drawn in, without building its words: the overview needs it for every node. */
  private stateOf(id: string): AssetState | "group" {
    return this.model.nodes.has(id) ? this.overlay.stateOf(id, this.model.statuses.get(id)) : "group";
  }

  /** Recomputes what is shown, lays it out off the UI thread, draws it and tells the host. */
  private async refresh(centreOnFocus = false): Promise<void> {
    await yieldToBrowser();
    if (this.pendingGraph) {
      this.model = buildModel(this.pendingGraph);
      this.pendingGraph = null;
      this.overlay.settle();
      await yieldToBrowser();
    }
    const filtered = applyFilter(this.filterText, this.model, (key) =>
      this.overlay.stateOf(key, this.model.statuses.get(key)),
    );
    this.toolbar.showFilterError(filtered.error);
    this.options.filter = filtered.keys;
    const graph = visibleGraph(this.model, this.options);
    this.showEmptyNote(graph.nodes.length > 0 ? "" : this.model.nodes.size === 0 ? NO_ASSETS : NOTHING_MATCHES);
    await yieldToBrowser();
    const index = new Map(graph.nodes.map((node, i) => [node.id, i]));
    const groupNumbers = new Map<string, number>();
    const clusters = Int32Array.from(graph.nodes, (node) => {
      if (!groupNumbers.has(node.group)) groupNumbers.set(node.group, groupNumbers.size);
      return groupNumbers.get(node.group)!;
    });
    const edges = Int32Array.from(graph.edges.flatMap((edge) => [index.get(edge.from)!, index.get(edge.to)!]));
    const palette: (AssetState | "group")[] = [...STATES, "group"];
    const overview = {
      colourIndex: Uint8Array.from(graph.nodes, (node) => palette.indexOf(this.stateOf(node.id))),
      palette: palette.map(themeColour),
      edgeColour: themeColour("edge"),
      maxSize: OVERVIEW_PIXELS,
    };
    let layout;
    try {
      layout = await this.layoutClient.layout({
        nodeCount: graph.nodes.length,
        edges,
        clusters,
        nodeWidth: NODE_WIDTH,
        nodeHeight: NODE_HEIGHT,
        overview,
      });
    } catch (error) {
      this.toolbar.showFilterError(error instanceof Error ? error.message : String(error));
      return;
    }
    await yieldToBrowser();
    const first = this.placement === null;
    this.placement = buildPlacement(graph, layout);
    this.scene.marks = { focus: this.options.focus, selected: this.selected };
    this.scene.setPlacement(this.placement);
    if (centreOnFocus && this.options.focus && this.placement.indexOf.has(this.options.focus))
      this.scene.centreOn(this.options.focus);
    else if (first || !centreOnFocus) this.scene.fit();
    post(RenderedMessage, { nodes: graph.nodes.length, edges: graph.edges.length });
  }

  private showEmptyNote(text: string): void {
    this.emptyNote.textContent = text;
    this.emptyNote.hidden = text === "";
  }

  private onNodeClicked(id: string): void {
    const visible = this.visibleNode(id);
    if (visible?.type === "group") {
      this.toggleGroup(visible.group);
      return;
    }
    this.select(id);
    post(RevealMessage, { key: id });
  }

  private select(id: string): void {
    this.selected = id;
    this.scene.marks = { focus: this.options.focus, selected: id };
    this.scene.schedule();
  }

  private toggleGroup(group: string): void {
    if (!this.options.collapsedGroups.delete(group)) this.options.collapsedGroups.add(group);
    void this.refresh();
  }

  private materialize(selected: string | null, mode: MaterializeMode): void {
    // The keyboard can select a collapsed group's node, which is no asset the CLI could materialize.
    const key = selected !== null && this.model.nodes.has(selected) ? selected : null;
    if (key === null && mode !== "stale") {
      this.toolbar.showFilterError("Select an asset first (click it), then choose Materialize.");
      return;
    }
    post(MaterializeMessage, { key, mode, selection: materializeSelection(mode, key, this.model) });
  }

  private onHover(id: string | null, event: MouseEvent): void {
    const node = id === null ? undefined : this.model.nodes.get(id);
    if (!node) {
      this.tooltip.hide();
      return;
    }
    const status = this.model.statuses.get(node.key);
    this.tooltip.show(node, this.overlay.stateOf(node.key, status), status, { x: event.clientX, y: event.clientY });
  }

  private onKey(event: KeyboardEvent): void {
    const placement = this.placement;
    if (!placement) return;
    const current = this.selected ?? this.options.focus ?? placement.graph.nodes[0]?.id ?? null;
    if (current === null) return;
    if (event.key === "Enter") {
      if (this.model.nodes.has(current)) post(RevealMessage, { key: current });
    } else if (ARROWS.has(event.key)) {
      // A selection no longer drawn (filtered out, its group collapsed) has no neighbours on screen: start afresh.
      const drawn = (id: string | null): id is string => id !== null && placement.indexOf.has(id);
      const start = drawn(this.options.focus) ? this.options.focus : (placement.graph.nodes[0]?.id ?? null);
      const next = drawn(this.selected)
        ? neighbourInDirection(placement, this.selected, event.key as Direction)
        : start;
      if (next) this.select(next), this.scene.centreOn(next);
    } else return;
    event.preventDefault();
  }
}
