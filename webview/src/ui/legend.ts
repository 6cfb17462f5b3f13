/** The legend: one swatch and icon per state, and the two edge kinds. */
import { STATE_INFO, STATES } from "../states";
import { element } from "./dom";

export function createLegend(): HTMLElement {
  const legend = element("div", "legend");
  legend.setAttribute("aria-label", "Legend");
  for (const state of STATES) {
    const item = element("span", `legend-item state-${state}`);
    item.append(
      element("span", "legend-swatch", STATE_INFO[state].icon),
      element("span", "legend-label", STATE_INFO[state].label),
    );
    legend.append(item);
  }
  for (const [kind, label] of [
    ["data", "Data (ins)"],
    ["order", "Order only (deps)"],
  ] as const) {
    const item = element("span", `legend-item legend-edge-${kind}`);
    item.append(element("span", "legend-line"), element("span", "legend-label", label));
    legend.append(item);
  }
  return legend;
}
