/**
 * A partitioned asset's health in its hover: a bar as Dagster's UI draws it (an SVG data image, since hover Markdown has
 * no colours and no HTML, while VS Code's hover renders `data:` images), then each state's count and where its
 * partitions lie, then the newest partition's state. Partition keys come from code and the store, so each is a code
 * span; the images are built here from counts and fixed colours alone.
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
 * defaults for fresh, stale, failed and never materialized.
 */
export const PARTITION_LOOK: Record<PartitionState, { colour: string; order: number }> = {
  materialized: { colour: "#388a34", order: 0 },
  stale: { colour: "#bf8803", order: 1 },
  failed: { colour: "#e51400", order: 2 },
  missing: { colour: "#8b8b8b", order: 3 },
};

/** An SVG document as a Markdown image; the SVG holds only numbers and the fixed colours. */
function svgImage(alt: string, width: number, height: number, shapes: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${shapes}</svg>`;
  return `![${alt}](data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")})`;
}

/** The bar's rects, one per segment. */
export function healthBarRects(summary: PartitionsSummary): string {
  return healthSegments(summary.ranges, BAR_WIDTH)
    .map(
      ({ state, x, width }) =>
        `<rect x="${x}" width="${width}" height="${BAR_HEIGHT}" fill="${PARTITION_LOOK[state].colour}"/>`,
    )
    .join("");
}

/**
 * One line per state present: `**1 failed**: \`2026-03-30\``, ranges as `first…last (n)`; with images, each after a
 * swatch of the bar's colour for it.
 */
function stateLines(summary: PartitionsSummary, images: boolean): string[] {
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
      const swatch = images
        ? `${svgImage(state, BAR_HEIGHT, BAR_HEIGHT, `<rect width="${BAR_HEIGHT}" height="${BAR_HEIGHT}" fill="${PARTITION_LOOK[state].colour}"/>`)} `
        : "";
      return `${swatch}**${count} ${state}**: ${shown.join(", ")}${rest}`;
    });
}

/**
 * The hover's partition section: title, bar, states. `images`: the client renders data images (VS Code does; a
 * terminal editor would show the base64 text), else the counts and ranges say it in words alone.
 */
export function partitionsMarkdown(summary: PartitionsSummary, images: boolean): string {
  const title = partitionHealth(summary);
  if (summary.total === 0) return title;
  const latest = summary.ranges.at(-1);
  return [
    `Partitions ${title}`,
    images ? svgImage(`partition health ${title}`, BAR_WIDTH, BAR_HEIGHT, healthBarRects(summary)) : "",
    stateLines(summary, images).join("  \n"),
    latest ? `Latest partition ${inlineCode(latest.end)}: ${latest.state}` : "",
  ]
    .filter(Boolean)
    .join("\n\n");
}
