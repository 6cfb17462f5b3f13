#!/usr/bin/env node
// `npm run test:vscode:server`: the integration suites in a real VS Code extension host through VS Code's server and
// headless Chromium (see extensionHost.mjs). Two launches: the trusted suite, then the untrusted one with Workspace
// Trust on, then the monorepo suite on examples/monorepo. `node test/vscode/runServerMain.mjs untrusted` runs one.
import { existsSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { buildSuites, outDir } from "./build.mjs";
import { runSuiteInServerMain } from "./extensionHost.mjs";
import { repoRoot, requireTools } from "./tools.mjs";
import { copyExample } from "./workspace.mjs";

const launches = [
  { name: "trusted", suite: join(outDir, "suite/index.js"), trusted: true },
  { name: "untrusted", suite: join(outDir, "suite/untrusted/index.js"), trusted: false },
  { name: "monorepo", suite: join(outDir, "suite/monorepo/index.js"), trusted: true, example: "monorepo" },
];

requireTools();
if (!existsSync(join(repoRoot, "dist/client.js")))
  throw new Error("dist/client.js is missing: run `npm run build` first.");
await buildSuites();
const only = process.argv.slice(2);
let failed = 0;
for (const launch of launches.filter(({ name }) => only.length === 0 || only.includes(name))) {
  const started = Date.now();
  const workspace = copyExample(launch.example);
  const code = await runSuiteInServerMain({ ...launch, extensionPath: repoRoot, workspace });
  const verdict = code === 0 ? "passed" : code === "timeout" ? "timed out" : `failed (exit code ${code})`;
  console.log(`[${launch.name}] ${verdict} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (code === 0) rmSync(dirname(dirname(workspace)), { recursive: true, force: true });
  else {
    console.log(`[${launch.name}] workspace kept at ${workspace}`);
    failed++;
  }
}
process.exitCode = failed ? 1 : 0;
