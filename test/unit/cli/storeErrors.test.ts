/** Issue 14: a store that is a file, a folder or garbage gives every command one clean line naming it, exit 2. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, ensureCliBuilt, fixtureWorkspace, removeWorkspace } from "../run/workspace";
import { ORDERS_FILES } from "./harness";

let root: string;
beforeAll(() => {
  ensureCliBuilt();
  root = fixtureWorkspace(ORDERS_FILES);
  writeFileSync(join(root, "a-file"), "not a folder");
  mkdirSync(join(root, "folder-db/assetline.db"), { recursive: true });
  mkdirSync(join(root, "garbage"));
  writeFileSync(join(root, "garbage/assetline.db"), Buffer.alloc(4096, 7));
}, 120_000);
afterAll(() => removeWorkspace(root));

const broken = [
  { store: "a-file", names: "a-file is not a folder" },
  { store: "folder-db", names: "folder-db/assetline.db is a folder, not an Assetline store" },
  { store: "garbage", names: "garbage/assetline.db is not a readable Assetline store" },
];
const commands = [
  ["runs"],
  ["show", "orders"],
  ["logs", "abc"],
  ["wipe", "--all", "--yes"],
  ["status"],
  ["materialize"],
];

describe("a broken --store", () => {
  for (const { store, names } of broken)
    it(`is one line naming ${store} and the fix, exit 2, for every command`, async () => {
      const results = await Promise.all(commands.map((argv) => cli([...argv, "--store", store], root)));
      results.forEach((result, i) => {
        const command = commands[i]![0];
        expect(result.code, `${command}: ${result.stderr}`).toBe(2);
        expect(result.stderr.trimEnd().split("\n"), command).toHaveLength(1);
        expect(result.stderr).toMatch(new RegExp(`^assetline ${command}: .*${names}`));
        expect(result.stderr, command).toMatch(/--store|move it aside/);
        expect(result.stderr, command).not.toMatch(/\n\s+at /);
      });
    });
});
