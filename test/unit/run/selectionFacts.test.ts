/**
 * The CLI answers the selection terms that need facts beyond the graph: status: from the store, code_location: from
 * the nearest package.json, changed_in_branch: by analyzing the workspace as it is at a git revision.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AssetStatus } from "assetline/protocol";
import { cli, ensureCliBuilt, fixtureWorkspace, removeWorkspace } from "./workspace";

const header = `import { asset } from "assetline";\n`;
let root: string;

function git(...args: string[]): void {
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: root, stdio: "pipe" });
}

async function selected(selection: string): Promise<string[]> {
  const result = await cli(["status", "--json", "--select", selection], root);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { assets: AssetStatus[] }).assets.map((status) => status.key).sort();
}

beforeAll(async () => {
  ensureCliBuilt();
  root = fixtureWorkspace({
    ".gitignore": "node_modules\n.assetline\n",
    // An npm-workspaces monorepo: nested packages are read only when the root lists them.
    "package.json": JSON.stringify({
      name: "fixture",
      private: true,
      workspaces: ["packages/*"],
      dependencies: { assetline: "*" },
    }),
    "packages/ingest/package.json": JSON.stringify({ name: "@acme/ingest" }),
    "packages/ingest/src/events.ts": `${header}export const events = asset(() => [1, 2, 3]);\nexport const sessions = asset({ ins: { events } }, ({ events }) => events.length);\n`,
    "packages/reports/package.json": JSON.stringify({ name: "@acme/reports" }),
    "packages/reports/src/daily.ts": `${header}import { sessions } from "../../ingest/src/events";\nexport const daily = asset({ ins: { sessions } }, ({ sessions }) => sessions * 2);\n`,
    "src/top.ts": `${header}export const top = asset(() => "top");\n`,
  });
  git("init", "-q", "-b", "main");
  git("add", ".");
  git("commit", "-qm", "base");
  git("checkout", "-qb", "feature");
  // On the branch: sessions' code changes, a new asset appears; nothing is committed, as in a CI checkout with edits.
  writeFileSync(
    join(root, "packages/ingest/src/events.ts"),
    `${header}export const events = asset(() => [1, 2, 3]);\nexport const sessions = asset({ ins: { events } }, ({ events }) => events.length + 1);\n`,
  );
  mkdirSync(join(root, "packages/reports/src/extra"), { recursive: true });
  writeFileSync(join(root, "packages/reports/src/extra/weekly.ts"), `${header}export const weekly = asset(() => 7);\n`);
  const run = await cli(["materialize", "events", "sessions"], root);
  expect(run.code, run.stderr).toBe(0);
});
afterAll(() => removeWorkspace(root));

describe("selection facts in the CLI", () => {
  it("status: reads each asset's state from the store", async () => {
    expect(await selected("status:fresh")).toEqual(["events", "sessions"]);
    expect(await selected("status:missing")).toEqual(["daily", "top", "weekly"]);
    expect(await selected("status:materialized and key:s*")).toEqual(["sessions"]);
  });

  it("code_location: is the nearest package.json name: a monorepo's package, else the workspace's own", async () => {
    expect(await selected('code_location:"@acme/ingest"')).toEqual(["events", "sessions"]);
    expect(await selected('code_location:"@acme/reports"')).toEqual(["daily", "weekly"]);
    expect(await selected("code_location:fixture")).toEqual(["top"]);
  });

  it("changed_in_branch: picks the assets whose definition differs from the git revision, new ones included", async () => {
    expect(await selected("changed_in_branch:main")).toEqual(["sessions", "weekly"]);
    expect(await selected("changed_in_branch:main+")).toEqual(["daily", "sessions", "weekly"]);
  });

  it("check --changed-since lists what changed since the revision and what it feeds, for CI", async () => {
    const result = await cli(["check", "--changed-since", "main"], root);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe("Changed since main: sessions, weekly\nDownstream of them: daily\n");
    git("add", ".");
    git("commit", "-qm", "branch work");
    const same = await cli(["check", "--changed-since", "HEAD"], root);
    expect(same.stdout).toBe("No asset changed since HEAD.\n");
    const bad = await cli(["check", "--changed-since", "nope"], root);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      'assetline check: git knows no commit "nope"; fetch it (git fetch origin nope) or name another branch, tag or commit.\n',
    );
  });

  it("says which revision git does not know, without a stack trace", async () => {
    const result = await cli(["status", "--select", "changed_in_branch:nope"], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('changed_in_branch:nope: git knows no commit "nope"');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const option = await cli(["status", "--select", "changed_in_branch:--upload-pack"], root);
    expect(option.stderr).toContain('changed_in_branch:--upload-pack: "--upload-pack" is not a git revision');
  });

  it("materialize --select uses the same facts: only what changed, and what it feeds", async () => {
    const dry = await cli(["materialize", "--select", "changed_in_branch:main+", "--dry-run"], root);
    expect(dry.code, dry.stderr).toBe(0);
    for (const key of ["sessions", "weekly", "daily"]) expect(dry.stdout).toContain(key);
    expect(dry.stdout).not.toMatch(/\bevents\b|\btop\b/);
  });
});
