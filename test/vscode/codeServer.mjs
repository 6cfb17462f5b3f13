// code-server (VS Code in the browser, under Node 24) with the packaged extension installed: what the UI tests drive
// and what `npm start` serves. Each use has its own profile folder (config, extensions, user data) under .vscode-test.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startGroup } from "./processGroup.mjs";
import { codeServerCli, node24, requireTools, testHome } from "./tools.mjs";

/** A quiet first start: no welcome page or chat panel over the editor, no calls to the unreachable marketplace. */
const userSettings = {
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "chat.disableAIFeatures": true,
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  // With Workspace Trust on, open untrusted folders in Restricted Mode without a modal question.
  "security.workspace.trust.startupPrompt": "never",
  // Test workspaces live inside this repository's ignored folder; its git repository is not theirs.
  "git.openRepositoryInParentFolders": "never",
};

/**
 * Creates a fresh profile named `name` with the .vsix installed; returns the arguments that select it.
 * @param {string} name
 * @param {string} vsix
 */
export function prepareProfile(name, vsix) {
  requireTools();
  const profile = join(testHome, "profiles", name);
  rmSync(profile, { recursive: true, force: true });
  mkdirSync(join(profile, "user/User"), { recursive: true });
  writeFileSync(join(profile, "user/User/settings.json"), JSON.stringify(userSettings, null, 2));
  // Always an explicit --config: without it code-server writes one under ~/.config.
  writeFileSync(join(profile, "config.yaml"), "auth: none\n");
  const profileArgs = [
    "--config",
    join(profile, "config.yaml"),
    "--extensions-dir",
    join(profile, "ext"),
    "--user-data-dir",
    join(profile, "user"),
  ];
  execFileSync(node24, [codeServerCli, ...profileArgs, "--install-extension", vsix], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return { profile, profileArgs };
}

/**
 * Serves `workspace` at http://127.0.0.1:`port`/ with the profile from prepareProfile; resolves once it listens.
 * Node 24 runs code-server by absolute path, so the `node` on PATH (for the workspace's CLI) stays the machine's.
 * @param {{ workspace: string; port: number; profile: string; profileArgs: string[]; logFile: string; trusted?: boolean }} options
 */
export async function serveCodeServer({ workspace, port, profile, profileArgs, logFile, trusted = true }) {
  const server = await startGroup(
    node24,
    [
      codeServerCli,
      ...["--bind-addr", `127.0.0.1:${port}`, "--auth", "none", "--disable-telemetry", "--disable-update-check"],
      ...(trusted ? ["--disable-workspace-trust"] : []),
      ...profileArgs,
      workspace,
    ],
    { cwd: profile, env: process.env, logFile, ready: /HTTP server listening on/ },
  );
  return { url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`, stop: () => server.stop() };
}
