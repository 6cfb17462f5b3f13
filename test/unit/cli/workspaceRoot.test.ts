/** Issue 15: the workspace is the nearest package.json that depends on assetline; without one, commands say so. */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, ensureCliBuilt, fixtureWorkspace, removeWorkspace } from "../run/workspace";
import { ORDERS_FILES, runIn } from "./harness";

const empty = mkdtempSync(join(tmpdir(), "assetline-empty-"));
const roots: string[] = [];
beforeAll(() => ensureCliBuilt(), 120_000);
afterAll(() => {
  rmSync(empty, { recursive: true, force: true });
  for (const root of roots) removeWorkspace(root);
});

function workspace(files: Record<string, string>): string {
  const root = fixtureWorkspace(files);
  roots.push(root);
  return root;
}

describe("outside a workspace", () => {
  it("status, check and materialize --stale say there is none, exit 2, and create nothing", async () => {
    for (const argv of [["status"], ["check"], ["list"], ["runs"], ["materialize", "--stale"]]) {
      const result = argv[0] === "materialize" ? await cli(argv, empty) : await runIn(empty, argv);
      expect(result.code, argv.join(" ")).toBe(2);
      expect(result.stderr).toContain(`no Assetline workspace here: no package.json in ${empty} or a folder above it`);
      expect(result.stderr).toContain("npx assetline init");
      expect(result.stdout).toBe("");
    }
    expect(existsSync(join(empty, ".assetline"))).toBe(false);
  });
});

describe("inside a workspace", () => {
  it("finds the root from a subfolder, as npm does, and keeps the store there", async () => {
    const root = workspace(ORDERS_FILES);
    const run = await cli(["materialize", "orders"], join(root, "src"));
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(join(root, ".assetline/assetline.db"))).toBe(true);
    expect(existsSync(join(root, "src/.assetline"))).toBe(false);
    expect((await runIn(join(root, "src"), ["list"])).stdout).toContain("revenue_by_segment");
  });

  it("skips nested packages that are not workspace members, and reads the members", async () => {
    const nested = {
      "package.json": JSON.stringify({ name: "other", dependencies: { assetline: "*" } }),
      "src/assets.ts": 'import { asset } from "assetline";\nexport const orders = asset(() => 1);\n',
    };
    const files = (folder: string) =>
      Object.fromEntries(Object.entries(nested).map(([path, text]) => [`${folder}/${path}`, text]));
    const root = workspace({ ...ORDERS_FILES, ...files("vendor/other"), ...files("packages/member") });
    // Both define `orders`, as the root does; neither is this workspace's code until the root lists it.
    expect(await runIn(root, ["check"])).toMatchObject({ code: 0, stdout: "" });
    writeFileSync(
      join(root, "package.json"),
      JSON.stringify({ name: "fixture", workspaces: ["packages/*"], dependencies: { assetline: "*" } }),
    );
    const check = await runIn(root, ["check"]);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain("packages/member/src/assets.ts:2:14 - error AL1002");
    expect(check.stdout).not.toContain("vendor/other");
  });

  it("names each other definition of a duplicate key once, with enough path to tell same-named files apart", async () => {
    const file = 'import { asset } from "assetline";\nexport const orders = asset(() => 1);\n';
    const root = workspace({ "a/assets.ts": file, "b/assets.ts": file, "c/assets.ts": file });
    const { stdout } = await runIn(root, ["check"]);
    expect(stdout).toContain(
      'a/assets.ts:2:14 - error AL1002: Duplicate asset key "orders": it is also defined in b/assets.ts:2, c/assets.ts:2.',
    );
  });
});
