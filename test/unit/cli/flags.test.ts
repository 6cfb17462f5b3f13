/** Issue 13: a misspelled flag or command names the command, the closest flag and --help; help columns align. */
import { describe, expect, it } from "vitest";
import { runIn } from "./harness";

describe("flags and help", () => {
  it("names the command, the closest flag and --help for a misspelled flag, in one line, exit 2", async () => {
    const result = await runIn("/", ["materialize", "--selct", "orders"]);
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "assetline materialize: unknown option '--selct' (did you mean --select?). Run `assetline materialize --help` for the options.\n",
    });
  });

  it("suggests the closest command", async () => {
    const result = await runIn("/", ["stauts"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'stauts' (did you mean status?)");
  });

  it("says which flag lacks its value", async () => {
    const result = await runIn("/", ["runs", "--limit"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^assetline runs: option '--limit <N>' argument missing\. Run `assetline runs --help`/,
    );
  });

  it("aligns every command's option descriptions in one column", async () => {
    for (const command of ["materialize", "status", "check", "runs", "wipe", "init"]) {
      const { code, stdout } = await runIn("/", [command, "--help"]);
      expect(code).toBe(0);
      const options = stdout
        .slice(stdout.indexOf("Options:\n") + 9)
        .split("\n")
        .filter((l) => l.startsWith("  -"));
      expect(options.length, command).toBeGreaterThan(0);
      // Where each description starts: after the flags and a gap of two or more spaces.
      const columns = new Set(options.map((line) => /^\s+\S.*?\s{2,}(?=\S)/.exec(line)?.[0].length));
      expect([...columns], `${command}:\n${stdout}`).toHaveLength(1);
    }
  });

  it("lists the commands with their arguments in `assetline --help`", async () => {
    const { code, stdout } = await runIn("/", ["--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ {2}materialize \[options\] \[KEY\.\.\.\] \[dir\] +Materialize assets/m);
    expect(stdout).toMatch(/^ {2}init \[options\] \[dir\] +Make a workspace/m);
  });

  it("takes `help` and `help COMMAND` as --help", async () => {
    expect((await runIn("/", ["help"])).stdout).toContain("Commands:");
    const help = await runIn("/", ["help", "logs"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: assetline logs [options] RUN_ID [dir]");
  });
});
