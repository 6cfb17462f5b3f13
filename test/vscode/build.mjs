// Bundles the real-editor suites with esbuild into the ignored .vscode-test/out:
// suite/ runs inside VS Code's extension host (`vscode` is provided there), ui/ runs in Node and drives Chromium.
import { build } from "esbuild";
import { readdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { repoRoot, testHome } from "./tools.mjs";

export const outDir = join(testHome, "out");

/** @param {string} folder @param {RegExp} pattern */
const entries = (folder, pattern) =>
  readdirSync(join(repoRoot, "test/vscode", folder), { recursive: true, encoding: "utf8" })
    .filter((file) => pattern.test(file))
    .map((file) => join(repoRoot, "test/vscode", folder, file));

/**
 * Leaves the .mjs helpers out of the bundle and imports them by absolute URL, so they find the repository from their
 * own location (import.meta.url) as they do for the runners.
 * @type {import("esbuild").Plugin}
 */
const helpersInPlace = {
  name: "helpers-in-place",
  setup(build) {
    build.onResolve({ filter: /\.mjs$/ }, ({ path, resolveDir }) => ({
      path: pathToFileURL(resolve(resolveDir, path)).href,
      external: true,
    }));
  },
};

export async function buildSuites() {
  rmSync(outDir, { recursive: true, force: true });
  /** @type {import("esbuild").BuildOptions} */
  const common = {
    bundle: true,
    platform: "node",
    format: "cjs",
    sourcemap: "inline",
    logLevel: "warning",
    external: ["vscode", "mocha", "playwright-core"],
  };
  await Promise.all([
    // Node 24 runs the extension host of code-server; Electron's is newer still.
    build({
      ...common,
      target: "node20",
      entryPoints: entries("suite", /(^|\/)(index|.*\.test)\.ts$/),
      outdir: join(outDir, "suite"),
    }),
    // ESM, importing the .mjs helpers (tools, code-server) the runners and `npm start` use from where they are.
    build({
      ...common,
      target: "node20",
      format: "esm",
      outExtension: { ".js": ".mjs" },
      entryPoints: entries("ui", /\.test\.ts$/),
      outdir: join(outDir, "ui"),
      plugins: [helpersInPlace],
    }),
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) await buildSuites();
