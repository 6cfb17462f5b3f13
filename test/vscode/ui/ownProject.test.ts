/**
 * A person adopting Assetline in a project of their own, far from this repository (so nothing resolves from its
 * node_modules): the packed `assetline-<version>.tgz` installed with npm, `npx assetline init`, check, materialize,
 * status; then the packaged extension in code-server finds that project's own CLI and shows its lenses.
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { repoRoot } from "../tools.mjs";
import { openWorkspace, type Session } from "./session";
import { openFile, waitForLensText } from "./workbench";

/** The environment of a terminal: none of the npm_* variables `npm test` set for this repository's own npm. */
const terminalEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));

function sh(cwd: string, command: string, args: string[]): string {
  return execFileSync(command, args, { cwd, env: terminalEnv, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

describe("A person using Assetline in their own project", () => {
  let project: string;
  let session: Session | undefined;
  let passed = true;

  before(function () {
    this.timeout(600_000);
    const tgz = readdirSync(repoRoot).find((name) => /^assetline-\d.*\.tgz$/.test(name));
    if (!tgz) throw new Error("assetline-<version>.tgz is missing at the repository's root: run `npm run pack` first.");
    project = realpathSync(mkdtempSync(join(tmpdir(), "assetline-own-")));
    assert.ok(relative(repoRoot, project).startsWith(".."), "The project must lie outside the repository.");
    sh(project, "npm", ["init", "-y"]);
    sh(project, "npm", ["install", "--no-audit", "--no-fund", join(repoRoot, tgz)]);
  });

  afterEach(function () {
    if (this.currentTest?.state !== "passed") passed = false;
  });

  after(async () => {
    await session?.close(passed);
  });

  it("scaffolds, checks, materializes and sees every asset fresh with the installed CLI", () => {
    const printed = sh(project, "npx", ["assetline", "init"]);
    assert.match(printed, /npx assetline materialize/, "init should print the next commands.");
    sh(project, "npx", ["assetline", "check"]);
    // The scaffolded test runs with what the project installed: `npm test` after `npm install <tgz>` and init.
    assert.match(sh(project, "npm", ["test"]), /# pass 1/);
    sh(project, "npx", ["assetline", "materialize"]);
    const status = JSON.parse(sh(project, "npx", ["assetline", "status", "--json"]));
    const assets: { key: string; state: string }[] = status.assets;
    assert.ok(assets.length >= 2, `init's workspace should define two assets; status lists ${assets.length}.`);
    assert.deepEqual(
      assets.filter((asset) => asset.state !== "fresh"),
      [],
      "Every asset should be fresh after materialize.",
    );
  });

  it("opens the project in VS Code and sees the lenses of its assets, read with the project's CLI", async function () {
    this.timeout(180_000);
    session = await openWorkspace("own-project", project, { removeOnPass: project });
    const source = readFileSync(join(project, "src/assets.ts"), "utf8");
    const first = /export const (\w+) = asset/.exec(source);
    assert.ok(first, "src/assets.ts should define an asset with `export const NAME = asset(...)`.");
    await openFile(session.page, "assets.ts");
    const text = await waitForLensText(session.page, `export const ${first[1]}`, /● fresh/, 120_000);
    assert.match(text, /▶ Materialize/);
    await session.screenshot("own-project");
  });
});
