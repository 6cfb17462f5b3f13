// Bundles the real-editor suites with esbuild into the ignored .vscode-test/out:
// suite/ runs inside VS Code's extension host (`vscode` is provided there), ui/ runs in Node and drives Chromium.
import { build } from "esbuild";
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { repoRoot, testHome } from "./tools.mjs";

export const outDir = join(testHome, "out");

const entries = (folder, pattern) =>
  readdirSync(join(repoRoot, "test/vscode", folder), { recursive: true })
    .filter((file) => pattern.test(file))
    .map((file) => join(repoRoot, "test/vscode", folder, file));

export async function buildSuites() {
  rmSync(outDir, { recursive: true, force: true });
  const common = { bundle: true, platform: "node", format: "cjs", sourcemap: "inline", logLevel: "warning", external: ["vscode", "mocha", "playwright-core"] };
  await Promise.all([
    // Node 24 runs the extension host of code-server; Electron's is newer still.
    build({ ...common, target: "node20", entryPoints: entries("suite", /(^|\/)(index|.*\.test)\.ts$/), outdir: join(outDir, "suite") }),
    build({ ...common, target: "node20", entryPoints: entries("ui", /\.test\.ts$/), outdir: join(outDir, "ui") }),
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) await buildSuites();
