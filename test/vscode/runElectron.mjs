#!/usr/bin/env node
// `npm run test:vscode`: the same integration suites the standard way, in desktop VS Code downloaded by
// @vscode/test-electron (needs internet and a display; this repository's CI uses runServerMain.mjs instead).
import { downloadAndUnzipVSCode, runTests } from "@vscode/test-electron";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSuites, outDir } from "./build.mjs";
import { repoRoot } from "./tools.mjs";
import { copyExample } from "./workspace.mjs";

/** `VSCODE_TEST_VERSION=1.95.0` proves the lowest version engines.vscode allows; the default is the latest stable. */
const version = process.env.VSCODE_TEST_VERSION ?? "stable";

await buildSuites();
const vscodeExecutablePath = await downloadAndUnzipVSCode(version);

// runTests rejects when the suite fails; its exit code is what matters here.
const trustedCode = await runTests({
  vscodeExecutablePath,
  extensionDevelopmentPath: repoRoot,
  extensionTestsPath: join(outDir, "suite/index.js"),
  launchArgs: [copyExample()],
}).catch((error) => error.code ?? 1);

// runTests always adds --disable-workspace-trust, so the untrusted launch passes its own arguments.
const profile = mkdtempSync(join(tmpdir(), "assetline-untrusted-"));
const untrusted = spawn(
  vscodeExecutablePath,
  [
    copyExample(),
    ...["--no-sandbox", "--disable-gpu-sandbox", "--disable-updates", "--skip-welcome", "--skip-release-notes"],
    ...[`--extensionDevelopmentPath=${repoRoot}`, `--extensionTestsPath=${join(outDir, "suite/untrusted/index.js")}`],
    ...[`--user-data-dir=${join(profile, "user")}`, `--extensions-dir=${join(profile, "ext")}`],
  ],
  { stdio: "inherit" },
);
const [untrustedCode] = await once(untrusted, "exit");

console.log(`trusted suite: exit ${trustedCode}; untrusted suite: exit ${untrustedCode}`);
process.exitCode = trustedCode === 0 && untrustedCode === 0 ? 0 : 1;
