/**
 * The legend: one swatch and icon per state, the badges (checks passed, failed, warned; overdue; an automation
 * condition's kind), the two edge kinds.
 */
import { CHECK_ICONS } from "assetline/describe";
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
  const checks = element("span", "legend-item legend-badges");
  checks.append(
    ...(["passed", "failed", "warning"] as const).map((kind) => element("span", `badge-${kind}`, CHECK_ICONS[kind])),
    element("span", "legend-label", "Checks passed, failed, warned"),
  );
  const overdue = element("span", "legend-item legend-badges");
  overdue.append(element("span", "badge-overdue", "⏰"), element("span", "legend-label", "Overdue"));
  const automated = element("span", "legend-item legend-badges");
  automated.append(
    element("span", "badge-automation", "eager"),
    element("span", "legend-label", "Runs on its own (automation condition)"),
  );
  legend.append(checks, overdue, automated);
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
