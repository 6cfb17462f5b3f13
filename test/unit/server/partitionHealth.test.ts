/**
 * A partitioned asset's health as the lens and the hover show it: the lens's counts, the bar's proportions (drawn from
 * `partitions.ranges` as `status --json` gives them) and the hover Markdown around the bar, which must stay unable to
 * run a command whatever the partition keys hold.
 */
import { marked, type Token } from "marked";
import { describe, expect, it } from "vitest";
import { healthSegments, partitionHealth } from "../../../sdk/src/status/describe";
import type { PartitionState, PartitionsSummary } from "../../../sdk/src/protocol";
import { withoutCommandLinks } from "../../../server/src/metadataMarkdown";
import { PARTITION_LOOK, partitionsMarkdown } from "../../../server/src/partitionHover";

type Run = [PartitionState, string, string, number];
function summary(...runs: Run[]): PartitionsSummary {
  const count = (state: PartitionState) => runs.filter((r) => r[0] === state).reduce((sum, r) => sum + r[3], 0);
  return {
    total: runs.reduce((sum, r) => sum + r[3], 0),
    // As `status --json` counts them: stale partitions hold a value, so they count as materialized too.
    materialized: count("materialized") + count("stale"),
    stale: count("stale"),
    failed: count("failed"),
    missing: count("missing"),
    ranges: runs.map(([state, start, end, count]) => ({ state, start, end, count })),
  };
}

const day = (n: number) => `2026-03-${String(n).padStart(2, "0")}`;

describe("the lens's partition health", () => {
  it.each([
    ["all missing", summary(["missing", day(1), day(5), 5]), "▦ 0/5 · 5 missing"],
    ["one done", summary(["materialized", day(1), day(1), 1], ["missing", day(2), day(5), 4]), "▦ 1/5 · 4 missing"],
    [
      "the issue's example",
      summary(["materialized", day(1), day(28), 28], ["missing", day(29), day(30), 2], ["failed", day(31), day(31), 1]),
      "▦ 28/31 · 2 missing · 1 failed",
    ],
    // Stale partitions hold a value: counted in the first number, and named.
    ["stale ones", summary(["stale", day(1), day(3), 3], ["materialized", day(4), day(5), 2]), "▦ 5/5 · 3 stale"],
    ["all done", summary(["materialized", day(1), day(5), 5]), "▦ 5/5"],
    ["a dynamic definition without keys", summary(), "▦ 0/0"],
  ])("%s: %s", (_, health, title) => {
    expect(partitionHealth(health)).toBe(title);
  });
});

describe("the health bar's segments", () => {
  const runs = (...list: [PartitionState, number][]) => list.map(([state, count]) => ({ state, count }));

  it.each([
    // Proportional: 28/31 of 31 columns, then 2, then 1.
    [
      "proportional",
      runs(["materialized", 28], ["missing", 2], ["failed", 1]),
      31,
      [
        ["materialized", 0, 28],
        ["missing", 28, 2],
        ["failed", 30, 1],
      ],
    ],
    // Fewer partitions than columns: each gets its share of the width.
    [
      "wide",
      runs(["materialized", 1], ["missing", 4]),
      240,
      [
        ["materialized", 0, 48],
        ["missing", 48, 192],
      ],
    ],
    // A single failure among a thousand still takes a column: what needs attention wins a shared column.
    [
      "a needle",
      runs(["materialized", 500], ["failed", 1], ["materialized", 595]),
      100,
      [
        ["materialized", 0, 45],
        ["failed", 45, 1],
        ["materialized", 46, 54],
      ],
    ],
    ["empty", runs(), 100, []],
  ])("%s", (_, list, width, expected) => {
    const segments = healthSegments(list, width);
    expect(segments.map(({ state, x, width }) => [state, x, width])).toEqual(expected);
    // The segments tile the bar: no gap, no overlap.
    if (segments.length) expect(segments.reduce((x, s) => (expect(s.x).toBe(x), x + s.width), 0)).toBe(width);
  });

  it("stays within its width however many runs there are", () => {
    const alternating = Array.from({ length: 1096 }, (_, i) => ({
      state: (i % 2 ? "missing" : "materialized") as PartitionState,
      count: 1,
    }));
    const segments = healthSegments(alternating, 240);
    expect(segments.length).toBeLessThanOrEqual(240);
    expect(segments.at(-1)!.x + segments.at(-1)!.width).toBe(240);
  });
});

/** Every data image of the Markdown: its alt text, the SVG inside, and its rects as [colour, x, width]. */
function imagesOf(markdown: string): { alt: string; svg: string; rects: [string, number, number][] }[] {
  return [...markdown.matchAll(/!\[([^\]]*)\]\(data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)\)/g)].map((match) => {
    const svg = Buffer.from(match[2]!, "base64").toString("utf8");
    const rects = [...svg.matchAll(/<rect (?:x="(\d+)" )?width="(\d+)" height="\d+" fill="(#[0-9a-f]{6})"\/>/g)].map(
      (m) => [m[3]!, Number(m[1] ?? 0), Number(m[2])] as [string, number, number],
    );
    return { alt: match[1]!, svg, rects };
  });
}

describe("the hover's partition section", () => {
  const health = summary(
    ["materialized", day(1), day(28), 28],
    ["missing", day(29), day(30), 2],
    ["failed", day(31), day(31), 1],
  );

  it("draws the bar in proportion, in the states' colours, with the counts as its alt text", () => {
    const [bar] = imagesOf(partitionsMarkdown(health, true));
    expect(bar!.alt).toBe("partition health ▦ 28/31 · 2 missing · 1 failed");
    const { materialized, missing, failed } = PARTITION_LOOK;
    expect(bar!.rects.map(([colour]) => colour)).toEqual([materialized.colour, missing.colour, failed.colour]);
    // 240 pixels: 28/31, 2/31 and 1/31 of them, to a pixel.
    const widths = bar!.rects.map(([, , width]) => width);
    expect(widths.reduce((a, b) => a + b)).toBe(240);
    expect(widths[0]).toBeCloseTo((240 * 28) / 31, -0.5);
    expect(widths[2]).toBeCloseTo(240 / 31, -0.5);
  });

  it("names each state's count and ranges after a swatch of its colour, and the latest partition's state", () => {
    const markdown = partitionsMarkdown(health, true);
    expect(markdown).toContain("Partitions ▦ 28/31 · 2 missing · 1 failed");
    expect(markdown).toContain("**28 materialized**: `2026-03-01`…`2026-03-28` (28)");
    expect(markdown).toContain("**1 failed**: `2026-03-31`");
    expect(markdown).toContain("**2 missing**: `2026-03-29`…`2026-03-30` (2)");
    expect(markdown).toContain("Latest partition `2026-03-31`: failed");
    const swatches = imagesOf(markdown).slice(1);
    expect(swatches.map(({ alt, rects }) => [alt, rects[0]![0]])).toEqual([
      ["materialized", PARTITION_LOOK.materialized.colour],
      ["failed", PARTITION_LOOK.failed.colour],
      ["missing", PARTITION_LOOK.missing.colour],
    ]);
  });

  it("says it in words alone to a client that shows no images", () => {
    const markdown = partitionsMarkdown(health, false);
    expect(imagesOf(markdown)).toEqual([]);
    expect(markdown).not.toContain("data:");
    expect(markdown).toContain("\n\n**28 materialized**: `2026-03-01`…`2026-03-28` (28)  \n**1 failed**");
  });

  it("sums up a bar of many alternations after a few ranges per state", () => {
    const runs: Run[] = Array.from({ length: 10 }, (_, i) => [
      i % 2 ? "missing" : "materialized",
      day(i + 1),
      day(i + 1),
      1,
    ]);
    expect(partitionsMarkdown(summary(...runs), false)).toContain(
      "**5 missing**: `2026-03-02`, `2026-03-04`, `2026-03-06`, `2026-03-08` and 1 more range",
    );
  });

  it("keeps hostile partition keys (a static definition's) in code spans, linking nowhere", () => {
    const hostile = summary(
      ["materialized", "[x](command:assetline.materialize)", "a`b <command:assetline.materialize>", 2],
      ["missing", "<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>", 1],
    );
    const markdown = withoutCommandLinks(partitionsMarkdown(hostile, true));
    const targets: string[] = [];
    marked.walkTokens(marked.lexer(markdown), (token: Token) => {
      if (token.type === "link" || token.type === "image") targets.push(token.href);
      if (token.type === "html") targets.push(token.raw);
    });
    // The bar and two swatches are the only images, and nothing else links or is HTML.
    expect(targets).toHaveLength(3);
    for (const target of targets) expect(target).toMatch(/^data:image\/svg\+xml;base64,/);
    // The images hold only rects drawn from counts: no key text reaches an SVG.
    for (const { svg } of imagesOf(markdown)) expect(svg).not.toMatch(/img|command|onerror|`/);
  });
});
