/**
 * The hover card: key, description, state, the badges in words (checks, lateness), every reason (a failed check's and
 * being overdue among them), and the last materialization.
 */
import type { AssetNode, AssetState, AssetStatus } from "assetline/protocol";
import { formatDuration, partitionHealth } from "assetline/describe";
import type { NodeBadge } from "../render/badges";
import { STATE_INFO } from "../states";
import { element } from "./dom";

export class Tooltip {
  readonly element = element("div", "tooltip");

  constructor() {
    this.element.setAttribute("role", "tooltip");
    this.element.hidden = true;
  }

  show(
    node: AssetNode,
    state: AssetState,
    status: AssetStatus | undefined,
    badges: readonly NodeBadge[],
    at: { x: number; y: number },
  ): void {
    const lines: [string, string][] = [["tooltip-title", node.key]];
    if (node.description) lines.push(["tooltip-description", node.description]);
    lines.push([`tooltip-state state-${state}`, `${STATE_INFO[state].icon} ${STATE_INFO[state].label}`]);
    if (status?.partitions) lines.push(["tooltip-meta", `Partitions ${partitionHealth(status.partitions)}`]);
    for (const badge of badges) lines.push([`tooltip-badge badge-${badge.kind}`, badge.label]);
    for (const reason of status?.reasons ?? []) lines.push(["tooltip-reason", `• ${reason}`]);
    const last = status?.lastMaterialization;
    if (last)
      lines.push([
        "tooltip-meta",
        `Last materialized ${new Date(last.timestamp).toLocaleString()} in ${formatDuration(last.durationMs)}`,
      ]);
    if (status?.lastFailure) lines.push(["tooltip-reason", `Last failure: ${status.lastFailure.error}`]);
    lines.push([
      "tooltip-meta",
      `${node.group} · ${node.kind}${node.kinds.length ? ` · ${node.kinds.join(", ")}` : ""}`,
    ]);
    this.element.replaceChildren(...lines.map(([className, text]) => element("div", className, text)));
    this.element.hidden = false;
    this.element.style.left = `${at.x + 14}px`;
    this.element.style.top = `${at.y + 14}px`;
  }

  hide(): void {
    this.element.hidden = true;
  }
}
