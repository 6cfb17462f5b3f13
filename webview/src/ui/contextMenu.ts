/** The node's context menu: open, the four materialize actions, and a table asset's preview. */
import type { MaterializeMode } from "assetline/protocol";
import { button, element } from "./dom";

export class ContextMenu {
  readonly element = element("div", "context-menu");

  constructor(
    private readonly actions: {
      reveal(key: string): void;
      materialize(key: string, mode: MaterializeMode): void;
      previewTable(key: string): void;
    },
  ) {
    this.element.setAttribute("role", "menu");
    this.element.hidden = true;
    document.addEventListener("click", () => this.hide());
    document.addEventListener("keydown", (event) => event.key === "Escape" && this.hide());
  }

  /** `table`: the asset's kinds include `table`, so its rows can be previewed. */
  show(key: string, at: { x: number; y: number }, table: boolean): void {
    const items: [string, () => void][] = [
      ["Go to definition", () => this.actions.reveal(key)],
      ["▶ Materialize", () => this.actions.materialize(key, "asset")],
      ["▶ Materialize with upstream", () => this.actions.materialize(key, "upstream")],
      ["▶ Materialize downstream", () => this.actions.materialize(key, "downstream")],
      ["▶ Materialize stale", () => this.actions.materialize(key, "stale")],
      ...(table ? [["Preview table", () => this.actions.previewTable(key)] as [string, () => void]] : []),
    ];
    this.element.replaceChildren(
      ...items.map(([label, run]) => {
        const item = button(label, label, () => (this.hide(), run()));
        item.setAttribute("role", "menuitem");
        return item;
      }),
    );
    this.element.hidden = false;
    this.element.style.left = `${at.x}px`;
    this.element.style.top = `${at.y}px`;
    this.element.querySelector("button")?.focus();
  }

  hide(): void {
    this.element.hidden = true;
  }
}
