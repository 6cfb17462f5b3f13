/**
 * Symbolic links never take the store out of the workspace: a linked default store folder, a linked storage folder
 * or key folder, a value file replaced by a link. Only a folder the user chose (--store) may lie elsewhere.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunEvent } from "assetline/protocol";
import { cli, ensureCliBuilt, fixtureWorkspace, parseEvents, removeWorkspace } from "./workspace";

const roots: string[] = [];
const workspace = (files: Record<string, string>) => {
  const root = fixtureWorkspace(files);
  roots.push(root);
  return root;
};
/** A folder outside the workspace, with a victim.json that must never change. */
const outside = () => {
  const dir = mkdtempSync(join(tmpdir(), "assetline-outside-"));
  roots.push(dir);
  writeFileSync(join(dir, "victim.json"), '"precious"');
  return dir;
};

beforeAll(() => ensureCliBuilt());
afterAll(() => roots.forEach(removeWorkspace));

const ASSETS = `import { asset } from "assetline";
export const victim = asset(() => ({ pad: "x".repeat(20_000) }));
export const big = asset(() => ({ pad: "y".repeat(20_000) }));
export const down = asset({ ins: { big } }, ({ big }) => big.pad.length);
export const orders = asset({ key: "warehouse/orders" }, () => ({ pad: "z".repeat(20_000) }));
`;

/** One line, no stack trace. */
function expectOneLine(stderr: string, ...parts: string[]): void {
  expect(stderr.trim().split("\n"), stderr).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
  for (const part of parts) expect(stderr).toContain(part);
}

const failure = (stdout: string, step: string) =>
  (
    parseEvents(stdout).find((e) => e.type === "step_failed" && e.stepId === step) as
      | Extract<RunEvent, { type: "step_failed" }>
      | undefined
  )?.error.message;

describe("symbolic links in the store", () => {
  it("refuse a default .assetline linked outside the workspace, naming it and --store; --store chooses it", async () => {
    const root = workspace({ "src/assets.ts": ASSETS });
    const away = outside();
    symlinkSync(away, join(root, ".assetline"), "dir");
    for (const command of [["materialize", "victim"], ["status"]]) {
      const result = await cli(command, root);
      expect(result.code).toBe(2);
      expectOneLine(result.stderr, join(root, ".assetline"), "symbolic link", `--store ${away}`);
    }
    expect(readdirSync(away)).toEqual(["victim.json"]);

    const chosen = await cli(["materialize", "victim", "--store", away], root);
    expect(chosen.code, chosen.stderr).toBe(0);
    expect(readdirSync(join(away, "storage"))).toEqual([expect.stringMatching(/^victim\.[0-9a-f]{64}\.json$/)]);
    expect(readFileSync(join(away, "victim.json"), "utf8")).toBe('"precious"');
  });

  it("refuse a linked storage folder, even in a store chosen with --store, and write nothing through it", async () => {
    const root = workspace({ "src/assets.ts": ASSETS });
    const away = outside();
    mkdirSync(join(root, ".assetline"));
    symlinkSync(away, join(root, ".assetline", "storage"), "dir");
    for (const args of [[], ["--store", join(root, ".assetline")]]) {
      const result = await cli(["materialize", "victim", ...args], root);
      expect(result.code).toBe(2);
      expectOneLine(result.stderr, join(root, ".assetline", "storage"), "symbolic link", "remove it");
    }
    expect(readdirSync(away)).toEqual(["victim.json"]);
    expect(readFileSync(join(away, "victim.json"), "utf8")).toBe('"precious"');
  });

  it("never follow a value file or key folder replaced by a link: loads refuse it, writes replace the link", async () => {
    const root = workspace({ "src/assets.ts": ASSETS });
    const away = outside();
    expect((await cli(["materialize", "big"], root)).code).toBe(0);
    const storage = join(root, ".assetline", "storage");
    const [file] = readdirSync(storage).filter((name) => name.startsWith("big"));
    rmSync(join(storage, file!));
    symlinkSync(join(away, "victim.json"), join(storage, file!));

    const loaded = await cli(["materialize", "down", "--json"], root);
    expect(loaded.code).toBe(1);
    expect(failure(loaded.stdout, "down")).toMatch(
      new RegExp(`^${join(storage, file!)} is a symbolic link.*remove it`),
    );

    expect((await cli(["materialize", "big"], root)).code).toBe(0);
    expect(readFileSync(join(away, "victim.json"), "utf8")).toBe('"precious"');
    expect((await cli(["materialize", "down"], root)).code).toBe(0);

    symlinkSync(away, join(storage, "warehouse"), "dir");
    const prefixed = await cli(["materialize", "warehouse/orders", "--json"], root);
    expect(prefixed.code).toBe(1);
    expect(failure(prefixed.stdout, "warehouse/orders")).toMatch(
      new RegExp(`^${join(storage, "warehouse")} is a symbolic link`),
    );
    expect(readdirSync(away)).toEqual(["victim.json"]);
  });
});
