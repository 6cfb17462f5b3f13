// Where test/vscode/setup put the tools that run a real VS Code here, and how to launch them.
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
/** Ignored folder for tools, built suites, workspaces and profiles. */
export const testHome = join(repoRoot, ".vscode-test");
/** Node 24 from the npm package node@24: code-server requires it; the project itself runs on the machine's Node. */
export const node24 = join(testHome, "node24/node_modules/node/bin/node");
export const codeServerDir = join(testHome, "tools/node_modules/code-server");
/** VS Code's own server: the route that accepts extensionDevelopmentPath/extensionTestsPath. */
export const serverMain = join(codeServerDir, "lib/vscode/out/server-main.js");
/** code-server's CLI: installs a .vsix and serves the workbench for UI tests and `npm start`. */
export const codeServerCli = join(codeServerDir, "out/node/entry.js");
export const chromiumPath = "/usr/bin/chromium";
/** Screenshots and logs of the end-to-end runs. */
export const resultsDir = join(repoRoot, "test-results/vscode");

/** Fails early, naming the fix, when the setup script has not run. */
export function requireTools() {
  const missing = [node24, serverMain, codeServerCli, chromiumPath].filter((file) => !existsSync(file));
  if (missing.length) throw new Error(`Missing ${missing.join(", ")}: run test/vscode/setup first.`);
}

/** Headless Debian Chromium; without the networking flags it floods the closed network with refused connections. */
export async function launchChromium() {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** @returns {Promise<number>} */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}
