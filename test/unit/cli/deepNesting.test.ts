/**
 * A file nested deeper than TypeScript's parser can follow (it runs out of stack at several hundred levels) is one
 * warning on that file: every command still works, with the rest of the workspace as it was.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, copyExample, ensureCliBuilt, removeWorkspace } from "../run/workspace";

/** `export const x = {a:{a:…1}}`, 1,000 levels deep. */
const DEEP = `export const x = ${"{a:".repeat(1000)}1${"}".repeat(1000)};\n`;

describe("a file nested too deeply to parse", () => {
  let plain: string;
  let deep: string;
  beforeAll(() => {
    ensureCliBuilt();
    plain = copyExample();
    deep = copyExample();
    writeFileSync(join(deep, "src/deep.ts"), DEEP);
  });
  afterAll(() => {
    removeWorkspace(plain);
    removeWorkspace(deep);
  });

  it("check reports AL1013 on that file only, naming it and the fix, and exits 0", async () => {
    const { code, stdout, stderr } = await cli(["check"], deep);
    expect(stderr).toBe("");
    expect(stdout).toBe(
      `src/deep.ts:1:${DEEP.lastIndexOf("{") + 1} - warning AL1013: src/deep.ts nests too deeply to parse (brackets about 1000 levels deep here; TypeScript's parser runs out of stack at several hundred), so the analyzer reads nothing in it: its assets, jobs and exports are left out of the graph. Flatten it: build the value from smaller named parts, or load deep data from a JSON file.\n\nFound 0 errors and 1 warning in 1 file.\n`,
    );
    expect(code).toBe(0);
  });

  it("graph, list and status show the rest of the workspace as without the file", async () => {
    for (const command of [["graph", "--json"], ["list"], ["status", "--json"]]) {
      const withDeep = await cli(command, deep);
      const without = await cli(command, plain);
      expect(withDeep.stderr, command.join(" ")).toBe("");
      expect(withDeep.code, command.join(" ")).toBe(0);
      expect(withDeep.stdout.split(deep).join("<root>"), command.join(" ")).toBe(
        without.stdout.split(plain).join("<root>"),
      );
    }
  });

  it("materialize runs every asset the rest of the workspace has", async () => {
    const summary = (stdout: string) => /success: (\d+ succeeded, 0 failed, 0 skipped)/.exec(stdout)?.[1];
    const withDeep = await cli(["materialize"], deep);
    expect(withDeep.stderr).toBe("");
    expect(withDeep.code).toBe(0);
    expect(summary(withDeep.stdout)).toBe(summary((await cli(["materialize"], plain)).stdout));
  });
});
