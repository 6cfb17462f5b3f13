/**
 * A partitioned asset's health in its hover: a bar as Dagster's UI draws it (an SVG image, since hover Markdown has no
 * colours and no HTML), then each state's count and where its partitions lie, then the newest partition's state.
 * Partition keys come from code and the store, so each is a code span; the image is built here from counts alone.
 */
import type { PartitionState, PartitionsSummary } from "assetline/protocol";
import { healthSegments, partitionHealth } from "assetline/describe";
import { inlineCode } from "./metadataMarkdown";

/** The bar's size in pixels: wide enough to tell 1 partition in 240 apart, narrow enough for any hover. */
const BAR_WIDTH = 240;
const BAR_HEIGHT = 10;
/** Ranges named per state; a bar of many alternations is summed up after these. */
const LISTED_RANGES = 4;

/**
 * Fixed colours (an image cannot read the theme) that read on light and dark backgrounds alike: the lineage view's
 * defaults for fresh, stale, failed and never materialized. The squares mark the same states in text.
 */
export const PARTITION_LOOK: Record<PartitionState, { colour: string; square: string; order: number }> = {
  materialized: { colour: "#388a34", square: "🟩", order: 0 },
  stale: { colour: "#bf8803", square: "🟨", order: 1 },
  failed: { colour: "#e51400", square: "🟥", order: 2 },
  missing: { colour: "#8b8b8b", square: "⬜", order: 3 },
};

/** The bar as an SVG document: one rect per segment, nothing but numbers and the fixed colours in it. */
export function healthBarSvg(summary: PartitionsSummary): string {
  const rects = healthSegments(summary.ranges, BAR_WIDTH).map(
    ({ state, x, width }) =>
      `<rect x="${x}" width="${width}" height="${BAR_HEIGHT}" fill="${PARTITION_LOOK[state].colour}"/>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${BAR_WIDTH}" height="${BAR_HEIGHT}" viewBox="0 0 ${BAR_WIDTH} ${BAR_HEIGHT}">${rects.join("")}</svg>`;
}

/** One line per state present: `🟥 **1 failed**: \`2026-03-30\``, ranges as `first…last (n)`. */
function stateLines(summary: PartitionsSummary): string[] {
  const byState = new Map<PartitionState, PartitionsSummary["ranges"]>();
  for (const range of summary.ranges) byState.set(range.state, [...(byState.get(range.state) ?? []), range]);
  return [...byState]
    .sort(([a], [b]) => PARTITION_LOOK[a].order - PARTITION_LOOK[b].order)
    .map(([state, ranges]) => {
      const count = ranges.reduce((sum, range) => sum + range.count, 0);
      const shown = ranges
        .slice(0, LISTED_RANGES)
        .map((range) =>
          range.count === 1
            ? inlineCode(range.start)
            : `${inlineCode(range.start)}…${inlineCode(range.end)} (${range.count})`,
        );
      const more = ranges.length - shown.length;
      const rest = more > 0 ? ` and ${more} more range${more === 1 ? "" : "s"}` : "";
      return `${PARTITION_LOOK[state].square} **${count} ${state}**: ${shown.join(", ")}${rest}`;
    });
}

/** The hover's partition section: title, bar (its alt text says the counts for clients that show no images), states. */
export function partitionsMarkdown(summary: PartitionsSummary): string {
  const title = partitionHealth(summary);
  if (summary.total === 0) return title;
  const alt = `partition health ${title}`;
  const image = `![${alt}](data:image/svg+xml;base64,${Buffer.from(healthBarSvg(summary)).toString("base64")})`;
  const latest = summary.ranges.at(-1);
  return [
    `Partitions ${title}`,
    image,
    stateLines(summary).join("  \n"),
    latest ? `Latest partition ${inlineCode(latest.end)}: ${latest.state}` : "",
  ]
    .filter(Boolean)
    .join("\n\n");
}
