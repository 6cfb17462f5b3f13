/** One person's session: the packaged extension installed in code-server, the example open in headless Chromium. */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { prepareProfile, serveCodeServer } from "../codeServer.mjs";
import { freePort, launchChromium, repoRoot, resultsDir } from "../tools.mjs";
import { copyExample } from "../workspace.mjs";

export const vsix = join(repoRoot, "assetline.vsix");

export interface Session {
  page: Page;
  workspace: string;
  /** Saves a screenshot as test-results/vscode/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
  close(passed: boolean): Promise<void>;
}

/** Runs the workspace's CLI as a terminal would: with the machine's `node`, for which its native modules are built. */
export function assetlineCli(workspace: string, args: string[]): void {
  execFileSync("node", [join(repoRoot, "sdk/bin/assetline.js"), ...args, workspace], {
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/**
 * Copies the example, lets `prepare` put it in the wanted state, then opens it in code-server in Chromium; with
 * `trusted: false` Workspace Trust is on and VS Code asks whether to trust the folder.
 */
export async function openExample(
  name: string,
  prepare: (workspace: string) => void,
  { trusted = true } = {},
): Promise<Session> {
  const workspace = copyExample();
  prepare(workspace);
  return openWorkspace(name, workspace, { trusted, removeOnPass: dirname(dirname(workspace)) });
}

/**
 * Opens `workspace` in code-server in Chromium with the packaged extension installed; `removeOnPass` is the folder
 * deleted when the session closes after passing tests (kept for a look when one failed).
 */
export async function openWorkspace(
  name: string,
  workspace: string,
  { trusted = true, removeOnPass }: { trusted?: boolean; removeOnPass?: string },
): Promise<Session> {
  if (!existsSync(vsix)) throw new Error(`${vsix} is missing: run \`npm run package\` first.`);
  mkdirSync(resultsDir, { recursive: true });
  const profile = prepareProfile(`ui-${name}`, vsix);
  const server = await serveCodeServer({
    workspace,
    port: await freePort(),
    ...profile,
    logFile: join(resultsDir, `code-server-${name}.log`),
    trusted,
  });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.goto(server.url);
    const session: Session = {
      page,
      workspace,
      async screenshot(shot) {
        const path = join(resultsDir, `${shot}.png`);
        await page.screenshot({ path });
        return path;
      },
      async close(passed) {
        if (!passed) await session.screenshot(`${name}-failed`).catch(() => undefined);
        await browser?.close();
        await server.stop();
        if (!passed) console.log(`UI test workspace kept at ${workspace}`);
        else if (removeOnPass) rmSync(removeOnPass, { recursive: true, force: true });
      },
    };
    return session;
  } catch (error) {
    await browser?.close();
    await server.stop();
    throw error;
  }
}

/**
 * Mocha hooks for a describe block: opens the example before its tests and closes it after them, keeping the
 * workspace and a screenshot when a test failed. The returned holder's `session` is set once `before` has run.
 */
export function exampleForSuite(
  name: string,
  prepare: (workspace: string) => void,
  options?: { trusted?: boolean },
): { session: Session; passed: boolean } {
  const holder = { session: undefined as unknown as Session, passed: true };
  before(async () => {
    holder.session = await openExample(name, prepare, options);
  });
  afterEach(function () {
    if (this.currentTest?.state !== "passed") holder.passed = false;
  });
  after(async () => {
    await holder.session?.close(holder.passed);
  });
  return holder;
}
