/** How one node looks: its words, icon and state, resolved by the app from the model and the run overlay. */
import type { AssetState } from "assetline/protocol";
import type { StripRun } from "../partitionStrip";
import type { NodeBadge } from "./badges";

export interface NodeLook {
  title: string;
  subtitle: string;
  state: AssetState | "group";
  icon: string;
  /** Read by screen readers and shown in exports. */
  description: string;
  hiddenNeighbours: number;
  /** A partitioned asset's partition states in order (stored, with the running backfill over them). */
  strip?: StripRun[];
  /** Checks and freshness, as pills on the node's top edge. */
  badges: NodeBadge[];
}

export type LookUp = (id: string) => NodeLook;

export type ColourName = AssetState | "group" | "foreground" | "background" | "node" | "edge";

/** Reads a state's or a part's colour from the stylesheet's custom properties (which follow VS Code's theme). */
export function themeColour(name: ColourName): string {
  return getComputedStyle(document.body).getPropertyValue(`--al-${name}`).trim() || "#888";
}
