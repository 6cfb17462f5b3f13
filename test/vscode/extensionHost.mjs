// Runs one extension-test suite inside a real VS Code extension host, on machines without a desktop VS Code: VS Code's
// server from the code-server package (under Node 24) with the smoke-test driver, opened in headless Chromium. The
// tests' log arrives through codeAutomationLog and their verdict through codeAutomationExit, as with @vscode/test-electron.
import { createWriteStream, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { format } from "node:util";
import { startGroup } from "./processGroup.mjs";
import { freePort, launchChromium, node24, resultsDir, serverMain, testHome } from "./tools.mjs";

/**
 * The workbench's own console chatter on a closed network (tagged services, connection set-up, the gallery and GitHub
 * sign-in it cannot reach, cancelled remote calls). It still goes to the log file; the terminal shows the tests' output.
 */
const workbenchNoise =
  /^\[[\w .:-]+\] |^(Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin)|ENOTFOUND|authentication provider|^Canceled: Canceled/;

/**
 * Starts VS Code's server on `workspace`, loads the extension at `extensionPath` in development mode, runs the built
 * suite `suite` (a module exporting run()), and resolves with its exit code (or "timeout").
 * @param {{ name: string; extensionPath: string; suite: string; workspace: string; trusted: boolean; timeoutMs?: number }} options
 * @returns {Promise<number | "timeout">}
 */
export async function runSuiteInServerMain({
  name,
  extensionPath,
  suite,
  workspace,
  trusted,
  timeoutMs = 10 * 60_000,
}) {
  const profile = join(testHome, "profiles", `integration-${name}`);
  rmSync(profile, { recursive: true, force: true });
  mkdirSync(profile, { recursive: true });
  mkdirSync(resultsDir, { recursive: true });
  const port = await freePort();
  const logFile = join(resultsDir, `server-main-${name}.log`);
  // Absolute Node 24 for VS Code's server; PATH keeps the machine's Node first, because the extension spawns the
  // workspace's CLI with the `node` on PATH and the workspace's better-sqlite3 is built for that Node.
  const server = await startGroup(
    node24,
    [
      serverMain,
      ...["--host", "127.0.0.1", "--port", String(port), "--without-connection-token", "--accept-server-license-terms"],
      ...["--enable-smoke-test-driver", "--disable-telemetry", ...(trusted ? ["--disable-workspace-trust"] : [])],
      ...[
        "--extensions-dir",
        join(profile, "ext"),
        "--user-data-dir",
        join(profile, "user"),
        "--server-data-dir",
        join(profile, "server"),
      ],
    ],
    { cwd: workspace, env: process.env, logFile, ready: /Extension host agent listening on/ },
  );
  const browser = await launchChromium();
  /** @type {import("node:fs").WriteStream | undefined} */
  let workbenchLog;
  try {
    const page = await browser.newPage();
    /** @type {Promise<number>} */
    const exitCode = new Promise((resolve) =>
      page.exposeFunction("codeAutomationExit", (/** @type {number} */ code) => resolve(code)),
    );
    workbenchLog = createWriteStream(join(resultsDir, `workbench-${name}.log`));
    await page.exposeFunction("codeAutomationLog", (/** @type {string} */ type, /** @type {unknown[]} */ args) => {
      // Arguments as console.log got them: mocha's reporter passes printf-style formats.
      const line = format(...args);
      workbenchLog?.write(`[${type}] ${line}\n`);
      if (!workbenchNoise.test(line)) (type === "error" ? process.stderr : process.stdout).write(`${line}\n`);
    });
    const remote = (/** @type {string} */ path) => `vscode-remote://127.0.0.1:${port}${path}`;
    const payload = [
      ["extensionDevelopmentPath", remote(extensionPath.replace(/\/$/, ""))],
      ["extensionTestsPath", remote(suite)],
    ];
    await page.goto(
      `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
    );
    /** @type {Promise<"timeout">} */
    const timeout = new Promise((resolve) => setTimeout(() => resolve("timeout"), timeoutMs).unref());
    const code = await Promise.race([exitCode, timeout]);
    if (code !== 0) {
      await page.screenshot({ path: join(resultsDir, `integration-${name}-failed.png`) });
      console.log(`[${name}] server log: ${logFile}`);
    }
    return code;
  } finally {
    workbenchLog?.end();
    await browser.close();
    await server.stop();
  }
}
