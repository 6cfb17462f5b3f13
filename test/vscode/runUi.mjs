#!/usr/bin/env node
// `npm run test:vscode:ui`: the UI tests, mocha in Node driving code-server in headless Chromium with the packaged
// .vsix installed. Screenshots land in test-results/vscode/.
import Mocha from "mocha";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { buildSuites, outDir } from "./build.mjs";
import { requireTools } from "./tools.mjs";

requireTools();
await buildSuites();
const mocha = new Mocha({ ui: "bdd", timeout: 180_000, reporter: "spec" });
const uiDir = join(outDir, "ui");
for (const file of readdirSync(uiDir).filter((name) => name.endsWith(".test.mjs"))) mocha.addFile(join(uiDir, file));
await mocha.loadFilesAsync();
const started = Date.now();
mocha.run((failures) => {
  console.log(
    `[ui] ${failures ? `failed (${failures})` : "passed"} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  process.exitCode = failures ? 1 : 0;
});
