/** Debian's Chromium driven by playwright-core, headless, with a fresh profile and no background networking. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import type { GraphWithStatuses, NotificationDescriptor, WebviewEnvelope } from "../../../sdk/src/protocol";
import { ReadyMessage, RenderedMessage } from "../../../sdk/src/protocol";

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Chromium> {
  const profile = mkdtempSync(join(tmpdir(), "assetline-webview-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    args: FLAGS,
    viewport: { width: 1280, height: 800 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

declare global {
  interface Window {
    __posted: WebviewEnvelope[];
    __send(message: WebviewEnvelope): void;
    __sendFrom(url: string): Promise<void>;
  }
}

/** Loads the lineage page and waits until the app says it is ready for messages. */
export async function openLineage(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction((method) => window.__posted.some((m) => m.method === method), ReadyMessage.method);
}

/** The messages the webview posted so far, with one method. */
export async function postedOf<P>(page: Page, descriptor: NotificationDescriptor<P>): Promise<P[]> {
  const posted = await page.evaluate(() => window.__posted);
  return posted.filter((message) => message.method === descriptor.method).map((message) => message.params as P);
}

export async function send<P>(page: Page, descriptor: NotificationDescriptor<P>, params: P): Promise<void> {
  await page.evaluate((message) => window.__send(message), { method: descriptor.method, params });
}

/** Sends a message (or has the page fetch it from a URL) and waits for the render it causes. */
export async function sendAndRender<P>(
  page: Page,
  descriptor: NotificationDescriptor<P>,
  params: P | { url: string },
): Promise<{ nodes: number; edges: number }> {
  const before = (await postedOf(page, RenderedMessage)).length;
  if (typeof params === "object" && params !== null && "url" in params)
    await page.evaluate((url) => window.__sendFrom(url), params.url);
  else await send(page, descriptor, params);
  await page.waitForFunction(({ count, method }) => window.__posted.filter((m) => m.method === method).length > count, {
    count: before,
    method: RenderedMessage.method,
  });
  // One more animation frame so the scene has drawn what the layout placed.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return (await postedOf(page, RenderedMessage)).at(-1)!;
}

export type { GraphWithStatuses };
