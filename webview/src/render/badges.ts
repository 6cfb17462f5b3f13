/**
 * A node's badges: small pills on its top edge, right-aligned, for its automation condition (`eager`), its checks
 * (`✓3`, `✖1`, `⚠1`, `○2`) and for being overdue (`⏰`). Placed here once for the live drawing and the exported SVG alike.
 */
import type { ColourName } from "./look";
import { NODE_WIDTH } from "./placement";

export type BadgeKind = "passed" | "failed" | "warning" | "never" | "overdue" | "automation";

export interface NodeBadge {
  kind: BadgeKind;
  /** What the pill shows: `✖1`, `⏰`. */
  text: string;
  /** The same in words, for tooltips and screen readers: `1 of 3 checks failed`. */
  label: string;
}

/** Across the node's top border, clear of the title below it; the right end leaves the corner's curve alone. */
export const BADGE = { right: NODE_WIDTH - 10, y: -8, height: 14, gap: 4 } as const;

/** Drawn in the lineage's own state colours: a warning and being overdue share the stale colour. */
export const BADGE_COLOURS: Record<BadgeKind, ColourName> = {
  passed: "fresh",
  failed: "failed",
  warning: "stale",
  never: "never",
  overdue: "stale",
  automation: "foreground",
};

export interface PlacedBadge extends NodeBadge {
  x: number;
  width: number;
}

/** Each badge's left edge and width in node units, the last one ending at the right; widths follow the characters. */
export function placeBadges(badges: readonly NodeBadge[]): PlacedBadge[] {
  let right: number = BADGE.right;
  return [...badges]
    .reverse()
    .map((badge) => {
      const width = 10 + 7 * [...badge.text].length;
      right -= width;
      const placed = { ...badge, x: right, width };
      right -= BADGE.gap;
      return placed;
    })
    .reverse();
}
