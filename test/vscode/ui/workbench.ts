/** What a person does in VS Code in the browser, as Playwright steps: open a file, read a lens, run a command. */
import type { Frame, Locator, Page } from "playwright-core";

/** Opens a workspace file through Quick Open, as a person would with Ctrl+P. */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.locator(".monaco-workbench").waitFor();
  await page.keyboard.press("Control+P");
  await page.locator(".quick-input-widget input").fill(name);
  await page.locator(".quick-input-list .monaco-list-row", { hasText: name }).first().click();
  await page.locator(".monaco-editor .view-line").first().waitFor();
}

/** Runs a palette command by its title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press("F1");
  await page.locator(".quick-input-widget input").fill(`>${title}`);
  // The row with exactly this title: "Assetline: Materialize" also prefixes "Assetline: Materialize Stale Assets".
  await page
    .locator(".quick-input-list .monaco-list-row")
    .filter({ has: page.getByText(title, { exact: true }) })
    .first()
    .click();
}

/** The editor line that contains `text`. */
export function editorLine(page: Page, text: string): Locator {
  return page.locator(".monaco-editor .view-line", { hasText: text }).first();
}

/**
 * The code-lens row drawn right above the line containing `lineText`: lenses are view zones, siblings of no line,
 * so the one whose box ends nearest above the line's box is that line's.
 */
export async function lensAbove(page: Page, lineText: string): Promise<Locator> {
  const line = await editorLine(page, lineText).boundingBox();
  if (!line) throw new Error(`The line "${lineText}" is not visible in the editor.`);
  const lenses = page.locator(".codelens-decoration");
  let best: { index: number; gap: number } | undefined;
  for (let index = 0; index < (await lenses.count()); index++) {
    const box = await lenses.nth(index).boundingBox();
    const gap = box ? line.y - (box.y + box.height) : -1;
    if (gap >= -1 && gap < line.height && (!best || gap < best.gap)) best = { index, gap };
  }
  if (!best) throw new Error(`No code lens is drawn above "${lineText}".`);
  return lenses.nth(best.index);
}

/** Waits until the lens row above `lineText` reads `pattern`; returns its text. */
export async function waitForLensText(
  page: Page,
  lineText: string,
  pattern: RegExp,
  timeoutMs = 60_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = "(no lens yet)";
  while (Date.now() < deadline) {
    try {
      last = await (await lensAbove(page, lineText)).innerText();
      if (pattern.test(last)) return last;
    } catch (error) {
      last = (error as Error).message;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`The lens above "${lineText}" never matched ${pattern}; it read: ${last}`);
}

/**
 * Every notification toast text seen from now on, however briefly it shows: a short run's progress notification can
 * come and go between two polls, so a MutationObserver in the page records them.
 */
export async function recordNotifications(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { assetlineSeenToasts: string[] }).assetlineSeenToasts = seen;
    const record = () => {
      for (const toast of document.querySelectorAll<HTMLElement>(".notification-toast"))
        if (toast.innerText) seen.push(toast.innerText);
    };
    new MutationObserver(record).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { assetlineSeenToasts: string[] }).assetlineSeenToasts);
}

/** The frame inside VS Code's webview iframes that holds the lineage graph's SVG. */
export async function lineageFrame(page: Page, timeoutMs = 60_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (
        await frame
          .locator("svg.lineage")
          .count()
          .catch(() => 0)
      )
        return frame;
    }
    await page.waitForTimeout(250);
  }
  throw new Error("No webview frame shows the lineage graph.");
}
