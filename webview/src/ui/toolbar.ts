/** The toolbar: filter box (selection syntax or text), view controls, materialize actions and export. */
import type { MaterializeMode } from "assetline/protocol";
import { button, element } from "./dom";

export interface ToolbarActions {
  filterChanged(text: string): void;
  fit(): void;
  zoom(factor: number): void;
  wholeGraphToggled(): void;
  directionToggled(): void;
  materialize(mode: MaterializeMode): void;
  exportSvg(): void;
}

export class Toolbar {
  readonly element: HTMLElement;
  private readonly filterError: HTMLElement;
  private readonly wholeGraph: HTMLButtonElement;
  private readonly topToBottom: HTMLButtonElement;

  constructor(actions: ToolbarActions) {
    this.element = element("div", "toolbar");
    this.element.setAttribute("role", "toolbar");
    const filter = element("input", "filter");
    filter.type = "search";
    filter.placeholder = "Filter: +key:enriched_orders, group:gold, or text";
    filter.setAttribute("aria-label", "Filter assets by selection or text");
    filter.addEventListener("input", () => actions.filterChanged(filter.value));
    this.filterError = element("span", "filter-error");
    this.filterError.setAttribute("role", "status");
    this.wholeGraph = button(
      "Whole graph",
      "Show every asset instead of the neighbourhood of the asset under the cursor",
      actions.wholeGraphToggled,
    );
    this.wholeGraph.setAttribute("aria-pressed", "false");
    this.topToBottom = button(
      "Top to bottom",
      "Lay the graph out top to bottom (on) or left to right (off); remembered for this workspace",
      actions.directionToggled,
    );
    this.element.append(
      filter,
      this.filterError,
      button("Fit", "Fit the graph to the panel", actions.fit),
      button("+", "Zoom in", () => actions.zoom(1.25)),
      button("−", "Zoom out", () => actions.zoom(0.8)),
      this.wholeGraph,
      this.topToBottom,
      element("span", "separator"),
      button("▶ Materialize", "Materialize the selected asset", () => actions.materialize("asset")),
      button("▶ With upstream", "Materialize the selected asset and everything upstream", () =>
        actions.materialize("upstream"),
      ),
      button("▶ Downstream", "Materialize the selected asset and everything downstream", () =>
        actions.materialize("downstream"),
      ),
      button("▶ Stale", "Materialize every stale or never materialized asset", () => actions.materialize("stale")),
      element("span", "separator"),
      button("Export SVG", "Save the current view as an SVG file", actions.exportSvg),
    );
  }

  showFilterError(message: string | null): void {
    this.filterError.textContent = message ?? "";
  }

  showWholeGraph(on: boolean): void {
    this.wholeGraph.setAttribute("aria-pressed", String(on));
  }

  showTopToBottom(on: boolean): void {
    this.topToBottom.setAttribute("aria-pressed", String(on));
  }
}
