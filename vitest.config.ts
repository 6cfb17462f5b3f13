import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Unit, protocol and webview tests. The real-editor suites under test/vscode run in VS Code, not here.
export default defineConfig({
  resolve: {
    alias: [
      {
        find: /^assetline\/protocol$/,
        replacement: fileURLToPath(new URL("./sdk/src/protocol/index.ts", import.meta.url)),
      },
      { find: /^assetline$/, replacement: fileURLToPath(new URL("./sdk/src/index.ts", import.meta.url)) },
    ],
  },
  test: {
    include: ["test/**/*.test.ts", "examples/*/test/**/*.test.ts"],
    exclude: ["test/vscode/**", "**/node_modules/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
