/** Workspaces run in their own module format: `"type": "module"` as ESM (top-level await included), else CommonJS. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Materialization } from "assetline/protocol";
import { cli, ensureCliBuilt, fixtureWorkspace, removeWorkspace } from "./workspace";

const roots: string[] = [];
beforeAll(() => ensureCliBuilt());
afterAll(() => roots.forEach(removeWorkspace));

/** A CommonJS package that requires a Node built-in, as many npm packages an ESM workspace bundles still do. */
function addCommonJsPackage(root: string): void {
  const dir = join(root, "node_modules", "cjs-basename");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "cjs-basename", main: "index.js" }));
  writeFileSync(join(dir, "index.js"), `const path = require("path");\nexports.base = (p) => path.basename(p);\n`);
}

const ASSETS = `import { asset } from "assetline";
import { base } from "cjs-basename";
import { factor } from "./config";

export const numbers = asset(() => [1, 2, 3].map((n) => n * factor));
export const total = asset({ ins: { numbers } }, ({ numbers }, ctx) => {
  ctx.addOutputMetadata({ received: numbers.join(","), file: base(import.meta.url) });
  return numbers.reduce((sum, n) => sum + n, 0);
});
`;

describe("an ESM workspace", () => {
  it("materializes with top-level await in its modules, and the values are right", async () => {
    const root = fixtureWorkspace({
      "src/config.ts": `export const factor = await new Promise<number>((resolve) => setTimeout(() => resolve(3), 10));\n`,
      "src/assets.ts": ASSETS,
    });
    roots.push(root);
    writeFileSync(
      join(root, "package.json"),
      JSON.stringify({ name: "esm-fixture", private: true, type: "module", dependencies: { assetline: "*" } }),
    );
    addCommonJsPackage(root);
    const result = await cli(["materialize"], root);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const total = JSON.parse((await cli(["show", "total", "--json"], root)).stdout) as Materialization;
    expect(total.metadata.received).toEqual({ type: "text", value: "3,6,9" });
    // The bundle ran as an ES module: import.meta.url names the bundle file, which only ESM has.
    expect(total.metadata.file).toEqual({ type: "text", value: expect.stringMatching(/\.mjs$/) });
  });

  it("still runs a CommonJS workspace (no type field) as CommonJS", async () => {
    const root = fixtureWorkspace({
      "src/config.ts": `export const factor = 2;\n`,
      "src/assets.ts": ASSETS.replace("base(import.meta.url)", "base(__filename)"),
    });
    roots.push(root);
    addCommonJsPackage(root);
    const result = await cli(["materialize"], root);
    expect(result.code, result.stderr).toBe(0);
    const total = JSON.parse((await cli(["show", "total", "--json"], root)).stdout) as Materialization;
    expect(total.metadata.received).toEqual({ type: "text", value: "2,4,6" });
    expect(total.metadata.file).toEqual({ type: "text", value: expect.stringMatching(/\.cjs$/) });
  });
});
