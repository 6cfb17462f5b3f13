/**
 * Screenshots of the example's lineage in a light and a dark theme (test artifacts). The light one is the README's
 * docs/lineage.png, refreshed on request (`ASSETLINE_UPDATE_SCREENSHOTS=1`, as the UI tests' are) so runs leave docs/ alone.
 */
import { copyFileSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { GraphMessage } from "../../sdk/src/protocol";
import { exampleGraph } from "./exampleGraph";
import { openLineage, sendAndRender, type Chromium } from "./host/browser";
import type { Host } from "./host/server";
import { startLineageSuite, type LineageSuite } from "./host/suite";

const ROOT = join(__dirname, "../..");
const OUT = join(ROOT, "test-results/webview");
let suite: LineageSuite;
let host: Host;
let browser: Chromium;

beforeAll(async () => {
  ({ host, browser } = suite = await startLineageSuite());
  mkdirSync(OUT, { recursive: true });
});

afterAll(() => suite?.close());

it.each(["light", "dark"] as const)("renders the example graph readably in the %s theme", async (theme) => {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1400, height: 760 });
  await openLineage(page, host.url(theme));
  await sendAndRender(page, GraphMessage, exampleGraph());
  // Node text and panel background differ clearly in both themes.
  const [text, background] = await page.evaluate(() => [
    getComputedStyle(document.querySelector(".node-title")!).fill,
    getComputedStyle(document.body).backgroundColor,
  ]);
  expect(text).not.toBe(background);
  const file = join(OUT, `lineage-${theme}.png`);
  await page.screenshot({ path: file });
  expect(statSync(file).size).toBeGreaterThan(10_000);
  if (theme === "light" && process.env.ASSETLINE_UPDATE_SCREENSHOTS === "1") {
    mkdirSync(join(ROOT, "docs"), { recursive: true });
    copyFileSync(file, join(ROOT, "docs/lineage.png"));
  }
  await page.close();
});
