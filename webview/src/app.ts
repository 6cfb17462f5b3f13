/**
 * The lineage app: holds the model and view options, turns them into a visible graph, lays it out in the worker,
 * draws it, and answers the user's clicks and keys with messages to the host.
 */
import {
  ExportSvgMessage,
  PreviewTableMessage,
  MaterializeMessage,
  RenderedMessage,
  RevealMessage,
  ViewStateMessage,
  type AssetKind,
  type AssetState,
  type GraphWithStatuses,
  type MaterializeMode,
  type RunEvent,
} from "assetline/protocol";
import { partitionHealth } from "assetline/describe";
import { automationBadge } from "./automationBadge";
import { badgesOf } from "./checkBadges";
import { exportSvg } from "./exportSvg";
import { applyFilter } from "./filter";
import { neighbourInDirection, type Direction } from "./keyboard";
import type { LayoutClient } from "./layout/client";
import type { LayoutDirection } from "./layout/types";
import { materializeSelection } from "./materializeSelection";
import { post, rememberedView, rememberView } from "./messaging";
import { buildModel, emptyModel, type LineageModel } from "./model";
import { themeColour, type NodeLook } from "./render/look";
import { FIT_MARGIN, type Framing } from "./render/framing";
import { buildPlacement, nodeBox, NODE_HEIGHT, NODE_WIDTH, union, type Placement } from "./render/placement";
import { Scene } from "./render/scene";
import { PartitionOverlay } from "./partitionStrip";
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

/**
 * Whether a new drawing differs enough from the last one to re-fit the view: fewer than half of the nodes of the
 * larger of the two are in both. A run, a status refresh, an edit adding an asset, a +n expansion or a collapsed
 * group keep the user's zoom and pan; Whole graph, a new filter or another neighbourhood re-fit.
 */
export function changedSubstantially(before: ReadonlySet<string>, after: readonly string[]): boolean {
  const kept = after.filter((id) => before.has(id)).length;
  return before.size === 0 || kept < Math.max(before.size, after.length) / 2;
}

export class LineageApp {
  private model: LineageModel = emptyModel();
  private readonly overlay = new RunOverlay();
  private readonly partitionOverlay = new PartitionOverlay();
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
  /** The nodes of the last drawing, to tell a small change (keep the view) from a new picture (re-fit). */
  private drawnIds = new Set<string>();
  private selected: string | null = null;
  /** The user's choice of layout direction; null lets the panel's shape choose. */
  private directionChoice = rememberedView().direction;
  private laidOutDirection: LayoutDirection | null = null;
  private readonly scene: Scene;
  private readonly toolbar: Toolbar;
  private readonly tooltip = new Tooltip();
  /** Says why the stage is empty: no asset yet, or none the filter keeps. */
  private readonly emptyNote = element("p", "empty-note");
  private readonly menu: ContextMenu;
  private readonly stage: HTMLElement;

  constructor(
    container: HTMLElement,
    private readonly layoutClient: LayoutClient,
  ) {
    this.toolbar = new Toolbar({
      filterChanged: (text) => ((this.filterText = text), this.refresh()),
      fit: () => this.fit(),
      zoom: (factor) => this.scene.zoomBy(factor, this.selected ?? this.options.focus),
      wholeGraphToggled: () => {
        this.options.wholeGraph = !this.options.wholeGraph;
        this.toolbar.showWholeGraph(this.options.wholeGraph);
        this.refresh();
      },
      directionToggled: () => {
        this.setDirection(this.direction() === "down" ? "right" : "down");
        post(ViewStateMessage, { direction: this.directionChoice });
      },
      materialize: (mode) => this.materialize(this.selected ?? this.options.focus, mode),
      exportSvg: () => this.placement && post(ExportSvgMessage, { svg: exportSvg(this.placement, this.lookOf) }),
    });
    this.menu = new ContextMenu({
      reveal: (key) => post(RevealMessage, { key }),
      materialize: (key, mode) => this.materialize(key, mode),
      previewTable: (key) => post(PreviewTableMessage, { key }),
    });
    const stage = (this.stage = element("div", "stage"));
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
          const node = this.model.nodes.get(id);
          if (node) this.menu.show(id, { x: event.clientX, y: event.clientY }, node.kinds.includes("table"));
        },
        nodeHovered: (id, event) => this.onHover(id, event),
        expandClicked: (id) => (this.options.expanded.add(id), this.refresh()),
        groupToggled: (group) => this.toggleGroup(group),
      },
      () => this.overlay.keys(),
    );
    // Over the drawing, which the Scene created inside the stage.
    stage.append(this.emptyNote);
    this.toolbar.showTopToBottom(this.direction() === "down");
    // Left to right in a wide panel, top to bottom in a narrow one, unless the user chose.
    this.scene.resized = () => {
      this.toolbar.showTopToBottom(this.direction() === "down");
      if (this.placement && this.laidOutDirection !== this.direction()) void this.refresh(true);
    };
  }

  /** The user's choice (from the toggle, or remembered by the host), kept in the webview's state too. */
  setDirection(direction: LayoutDirection | null): void {
    if (direction === this.directionChoice) return;
    this.directionChoice = direction;
    rememberView({ direction });
    this.toolbar.showTopToBottom(this.direction() === "down");
    if (this.placement && this.laidOutDirection !== this.direction()) void this.refresh(true);
  }

  private direction(): LayoutDirection {
    if (this.directionChoice) return this.directionChoice;
    const { clientWidth, clientHeight } = this.stage;
    return clientWidth > 0 && clientWidth < clientHeight ? "down" : "right";
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
    this.partitionOverlay.apply(event);
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
        badges: [],
      };
    }
    const status = this.model.statuses.get(id);
    const state = this.overlay.stateOf(id, status);
    const kinds = node.kinds.length > 0 ? node.kinds.join(", ") : KIND_LABELS[node.kind];
    const hiddenNeighbours = visible?.type === "asset" ? visible.hiddenNeighbours : 0;
    // A partitioned asset says its partitions' health (`▦ 28/31 · 2 missing`) where others say their state.
    const health = status?.partitions ? partitionHealth(status.partitions) : undefined;
    const badges = [...automationBadge(node), ...badgesOf(this.model.checks.get(id) ?? [], status)];
    return {
      title: shorten(node.key, TITLE_CHARS),
      subtitle: shorten(`${kinds} · ${health ?? STATE_INFO[state].label.toLowerCase()}`, SUBTITLE_CHARS),
      state,
      icon: STATE_INFO[state].icon,
      description: [
        node.key,
        STATE_INFO[state].label,
        ...(health ? [`partitions ${health}`] : []),
        ...badges.map((badge) => badge.label),
      ].join(", "),
      hiddenNeighbours,
      badges,
      ...(status?.partitions ? { strip: this.partitionOverlay.runs(id, status.partitions) } : {}),
    };
  };

  private visibleNode(id: string): VisibleNode | undefined {
    return this.placement?.graph.nodes[this.placement.indexOf.get(id) ?? -1];
  }

  /** The colour a node is drawn in, without building its words: the overview needs it for every node. */
  private stateOf(id: string): AssetState | "group" {
    return this.model.nodes.has(id) ? this.overlay.stateOf(id, this.model.statuses.get(id)) : "group";
  }

  /** Fits the view around the selection (or the focused asset) and all its shown upstream. */
  private fit(): void {
    const placement = this.placement;
    if (!placement) return;
    const drawn = (id: string | null): id is string => id !== null && placement.indexOf.has(id);
    const anchor = drawn(this.selected) ? this.selected : drawn(this.options.focus) ? this.options.focus : null;
    const framing: Omit<Framing, "bounds"> = { direction: this.laidOutDirection ?? "right" };
    if (anchor !== null) {
      const box = (id: string): ReturnType<typeof nodeBox> => nodeBox(placement.layout, placement.indexOf.get(id)!);
      const node = box(anchor);
      let withUpstream = node;
      const seen = new Set([anchor]);
      for (let frontier = [anchor]; frontier.length > 0; ) {
        const next = placement.graph.edges
          .filter((edge) => frontier.includes(edge.to) && !seen.has(edge.from))
          .map((edge) => (seen.add(edge.from), edge.from));
        for (const id of next) withUpstream = union(withUpstream, box(id));
        frontier = next;
      }
      framing.focus = { node, withUpstream };
    }
    this.scene.fit(framing);
  }

  /** Recomputes what is shown, lays it out off the UI thread, draws it and tells the host. */
  private async refresh(reframe = false): Promise<void> {
    await yieldToBrowser();
    if (this.pendingGraph) {
      this.model = buildModel(this.pendingGraph);
      this.pendingGraph = null;
      this.overlay.settle();
      this.partitionOverlay.settle();
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
    const direction = this.direction();
    // Separate parts wrap at the panel's size along the layers, at the zoom a fit never goes below.
    const along = direction === "down" ? this.stage.clientWidth : this.stage.clientHeight;
    const wrap = Math.max(NODE_WIDTH, (along - 2 * FIT_MARGIN) / this.scene.readableZoom());
    let layout;
    try {
      layout = await this.layoutClient.layout({
        nodeCount: graph.nodes.length,
        edges,
        clusters,
        nodeWidth: NODE_WIDTH,
        nodeHeight: NODE_HEIGHT,
        direction,
        wrap,
        overview,
      });
    } catch (error) {
      this.toolbar.showFilterError(error instanceof Error ? error.message : String(error));
      return;
    }
    await yieldToBrowser();
    const ids = graph.nodes.map((node) => node.id);
    reframe ||= direction !== this.laidOutDirection || changedSubstantially(this.drawnIds, ids);
    this.placement = buildPlacement(graph, layout);
    this.drawnIds = new Set(ids);
    this.laidOutDirection = direction;
    this.scene.marks = { focus: this.options.focus, selected: this.selected };
    this.scene.setPlacement(this.placement);
    if (reframe) this.fit();
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
    const { badges } = this.lookOf(node.key);
    this.tooltip.show(node, this.overlay.stateOf(node.key, status), status, badges, {
      x: event.clientX,
      y: event.clientY,
    });
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
        ? neighbourInDirection(placement, this.selected, event.key as Direction, this.laidOutDirection ?? "right")
        : start;
      if (next) this.select(next), this.scene.centreOn(next);
    } else return;
    event.preventDefault();
  }
}
