/** Where a partitioned node's health strip sits (a thin bar under the title) and the colour of each of its states. */
import { healthSegments, type HealthSegment } from "assetline/describe";
import type { StripRun, StripState } from "../partitionStrip";
import type { ColourName } from "./look";
import { NODE_WIDTH } from "./placement";

/** Between the title's baseline (19) and the subtitle's (35), from the title's left edge to the +n badge. */
export const STRIP = { x: 32, y: 24, width: NODE_WIDTH - 32 - 14, height: 3 } as const;

/** The lineage's own state colours: a materialized partition is fresh, a missing one never materialized. */
export const STRIP_COLOURS: Record<StripState, ColourName> = {
  materialized: "fresh",
  stale: "stale",
  failed: "failed",
  missing: "never",
  running: "running",
};

/** The strip's segments, one pixel column per unit of its width at zoom 1. */
export function stripSegments(runs: readonly StripRun[]): HealthSegment<StripState>[] {
  return healthSegments(runs, STRIP.width);
}
