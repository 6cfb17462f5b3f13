import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The sdk's package subpaths (its exports), from their sources, as the editor parts' bundles take them.
const { exports } = JSON.parse(readFileSync(new URL("./sdk/package.json", import.meta.url), "utf8")) as {
  exports: Record<string, string | { source?: string }>;
};
const subpaths = Object.entries(exports).flatMap(([path, target]) =>
  typeof target === "object" && target.source ? [{ path: path.replace(/^\./, "assetline"), file: target.source }] : [],
);

// Unit, protocol and webview tests. The real-editor suites under test/vscode run in VS Code, not here.
export default defineConfig({
  resolve: {
    alias: [
      ...subpaths.map(({ path, file }) => ({
        find: new RegExp(`^${path}$`),
        replacement: fileURLToPath(new URL(`./sdk/${file}`, import.meta.url)),
      })),
    ],
  },
  test: {
    include: ["test/**/*.test.ts", "examples/*/test/**/*.test.ts"],
    exclude: ["test/vscode/**", "**/node_modules/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
