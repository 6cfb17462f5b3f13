/** Issue 9: `assetline init` makes a workspace in an empty folder or an existing project, never overwriting a file. */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli, ensureCliBuilt, repoRoot } from "../run/workspace";
import { runIn } from "./harness";

const folders: string[] = [];
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), "assetline-init-"));
  folders.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});
const read = (dir: string, file: string) => readFileSync(join(dir, file), "utf8");

describe("assetline init", () => {
  it("creates a workspace in an empty folder that checks clean and materializes", async () => {
    const dir = folder();
    const result = await runIn(dir, ["init"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(
      "Created:\n  package.json\n  tsconfig.json\n  src/assets.ts\n  src/assets.test.ts\n  .gitignore\n\nNext:\n  npm install\n  npx assetline materialize\n  npm test\n",
    );
    const manifest = JSON.parse(read(dir, "package.json"));
    expect(manifest.dependencies).toEqual({ assetline: expect.stringMatching(/^\^\d+\.\d+\.\d+$/) });
    expect(manifest.scripts.test).toContain("node --test");
    expect(read(dir, ".gitignore")).toContain(".assetline/\n");
    // What `npm install` would give: assetline resolvable from the folder.
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(join(repoRoot, "sdk"), join(dir, "node_modules/assetline"), "dir");
    expect(await runIn(dir, ["check"], { interactive: true })).toMatchObject({
      code: 0,
      stdout: "No problems: 2 assets in 1 file.\n",
    });
    ensureCliBuilt();
    const run = await cli(["materialize", "--json"], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('"type":"run_finished"');
    // `npm test` as written: esbuild comes with assetline (here the repo's, which npm would hoist), node:test runs it.
    const test = spawnSync("npm", ["test", "--silent"], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, PATH: `${join(repoRoot, "node_modules/.bin")}:${process.env.PATH}` },
    });
    expect(test.status, test.stdout + test.stderr).toBe(0);
    expect(test.stdout).toMatch(/^# pass 1$/m);
  }, 120_000);

  it("adds to an existing project without overwriting its files", async () => {
    const dir = folder();
    const manifest = { name: "mine", version: "2.0.0", scripts: { test: "vitest" }, dependencies: { zod: "^3" } };
    writeFileSync(join(dir, "package.json"), JSON.stringify(manifest));
    writeFileSync(join(dir, "tsconfig.json"), '{ "compilerOptions": { "strict": false } }\n');
    mkdirSync(join(dir, "src"));
    writeFileSync(join(dir, "src/assets.ts"), "export const mine = 1;\n");
    writeFileSync(join(dir, ".gitignore"), "dist");
    const result = await runIn(dir, ["init"]);
    expect(result.code, result.stderr).toBe(0);
    expect(read(dir, "tsconfig.json")).toBe('{ "compilerOptions": { "strict": false } }\n');
    expect(read(dir, "src/assets.ts")).toBe("export const mine = 1;\n");
    expect(existsSync(join(dir, "src/assets.test.ts"))).toBe(false);
    expect(read(dir, ".gitignore")).toBe("dist\n.assetline/\n");
    expect(JSON.parse(read(dir, "package.json"))).toEqual({
      ...manifest,
      dependencies: { zod: "^3", assetline: expect.stringMatching(/^\^/) },
    });
    expect(result.stdout).toContain(
      "Changed:\n  package.json (added the assetline dependency)\n  .gitignore (added .assetline/)\n",
    );
    expect(result.stdout).toContain("Skipped:\n  tsconfig.json (exists)\n  src/assets.ts (exists)\n");
    expect(result.stdout).toContain("Next:\n  npm install\n  npx assetline materialize\n  npx assetline status\n");
  });

  it("is idempotent: a second run changes nothing and says what it skipped", async () => {
    const dir = join(folder(), "new project");
    await runIn(dir, ["init", dir]);
    const before = ["package.json", "tsconfig.json", "src/assets.ts", "src/assets.test.ts", ".gitignore"].map((f) =>
      read(dir, f),
    );
    const again = await runIn(dir, ["init"]);
    expect(again.code).toBe(0);
    expect(
      ["package.json", "tsconfig.json", "src/assets.ts", "src/assets.test.ts", ".gitignore"].map((f) => read(dir, f)),
    ).toEqual(before);
    expect(again.stdout).toBe(
      "Skipped:\n  package.json (already depends on assetline and has a test script)\n  tsconfig.json (exists)\n  src/assets.ts (exists)\n  src/assets.test.ts (it tests the example assets, which were not written)\n  .gitignore (already ignores .assetline/)\n\nNext:\n  npm install\n  npx assetline materialize\n  npm test\n",
    );
    expect(JSON.parse(read(dir, "package.json")).name).toBe("new-project");
  });
});
