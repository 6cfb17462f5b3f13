/**
 * What a person can read in the lineage view: each drawn node's title with the size it is drawn at on screen (its
 * computed font size times the scale it is drawn at, measured from its box on screen against its box in SVG units),
 * and whether it lies wholly inside the panel. Shared by the Chromium tests and the code-server UI test.
 */
import type { Frame, Mouse, Page } from "playwright-core";

export interface Sighting {
  key: string;
  /** On-screen font size of the title, in CSS pixels. */
  px: number;
  inside: boolean;
}

export function drawnLabels(target: Page | Frame): Promise<Sighting[]> {
  return target.evaluate(() => {
    const stage = document.querySelector(".stage")!.getBoundingClientRect();
    // The overview draws boxes, no words.
    if (document.querySelector("svg.lineage.overview-mode")) return [];
    return [...document.querySelectorAll<SVGGElement>("g.node")].map((node) => {
      const title = node.querySelector<SVGTextElement>(".node-title")!;
      const onScreen = title.getBoundingClientRect();
      const inSvg = title.getBBox();
      const px =
        inSvg.width > 0 ? (Number.parseFloat(getComputedStyle(title).fontSize) * onScreen.width) / inSvg.width : 0;
      const inside =
        onScreen.width > 0 &&
        onScreen.left >= stage.left &&
        onScreen.right <= stage.right &&
        onScreen.top >= stage.top &&
        onScreen.bottom <= stage.bottom;
      return { key: node.getAttribute("data-id")!, px, inside };
    });
  });
}

/** Waits for a wheel scroll to be committed and drawn. */
async function settle(target: Page | Frame): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 180));
  await target.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** The committed view's translation and zoom. */
const viewTransform = async (target: Page | Frame): Promise<number[]> =>
  ((await target.getAttribute("g.viewport", "transform")) ?? "").match(/-?\d[\d.]*(?:e[+-]?\d+)?/g)?.map(Number) ?? [];

/**
 * Reads the whole graph as a person would without zooming: from the top-left corner, scrolls across with the wheel
 * (Shift for sideways) row by row until the view stops moving, and keeps the largest on-screen size each title was
 * seen at wholly inside the panel.
 */
export async function readByScrolling(target: Page | Frame, mouse: Mouse): Promise<Map<string, number>> {
  const stage = (await target.locator(".stage").boundingBox())!;
  await mouse.move(stage.x + stage.width / 2, stage.y + stage.height / 2);
  const seen = new Map<string, number>();
  const look = async (): Promise<void> => {
    for (const { key, px, inside } of await drawnLabels(target))
      if (inside) seen.set(key, Math.max(px, seen.get(key) ?? 0));
  };
  /** Scrolls by (dx, dy); says whether the view moved. */
  const scroll = async (dx: number, dy: number): Promise<boolean> => {
    const before = await viewTransform(target);
    await mouse.wheel(dx, dy);
    await settle(target);
    const after = await viewTransform(target);
    return before.some((value, i) => Math.abs(value - after[i]!) > 0.5);
  };
  await scroll(-100_000, -100_000);
  for (let row = 0; row < 40; row++) {
    await look();
    for (let column = 0; column < 40 && (await scroll(stage.width * 0.7, 0)); column++) await look();
    await scroll(-100_000, 0);
    if (!(await scroll(0, stage.height * 0.7))) break;
  }
  return seen;
}
