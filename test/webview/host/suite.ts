/** What every webview suite starts before its first page: the built webview, its host page and Chromium. */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { launchChromium, type Chromium } from "./browser";
import { startHost, type Host } from "./server";

export interface LineageSuite {
  host: Host;
  browser: Chromium;
  close(): Promise<void>;
}

export async function startLineageSuite(): Promise<LineageSuite> {
  execFileSync(process.execPath, ["scripts/build.mjs", "webview"], { cwd: join(__dirname, "../../..") });
  const host = await startHost();
  const browser = await launchChromium();
  return {
    host,
    browser,
    close: async () => {
      await browser.close();
      await host.close();
    },
  };
}
