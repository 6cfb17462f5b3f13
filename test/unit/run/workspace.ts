import { afterAll, beforeAll } from "vitest";
/**
 * Private workspaces for runner tests (each has its own store), and the real CLI binary run as a child process.
 * `assetline` resolves to this repo's sdk through a symlink, as an installed package would.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readCliOutput, RunEventSchema, type RunEvent } from "assetline/protocol";
import type { GenericSchema, InferOutput } from "valibot";

export const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
export const cliBin = join(repoRoot, "sdk", "bin", "assetline.js");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** The CLI runs from sdk/dist: rebuild it when a source is newer (under a lock, as test files run in parallel). */
export function ensureCliBuilt(): void {
  const cli = join(repoRoot, "sdk", "dist", "cli.js");
  if (existsSync(cli) && statSync(cli).mtimeMs >= newestSource(join(repoRoot, "sdk", "src"))) return;
  execFileSync("flock", ["/tmp/assetline-sdk-build.lock", process.execPath, "scripts/build.mjs", "sdk"], {
    cwd: repoRoot,
    stdio: "inherit",
  });
}

function linkAssetline(root: string): void {
  mkdirSync(join(root, "node_modules"), { recursive: true });
  symlinkSync(join(repoRoot, "sdk"), join(root, "node_modules", "assetline"), "dir");
}

/** A copy of examples/ecommerce in a temp folder. */
export function copyExample(): string {
  const source = join(repoRoot, "examples", "ecommerce");
  const root = mkdtempSync(join(tmpdir(), "assetline-run-"));
  cpSync(source, root, {
    recursive: true,
    filter: (path) => !/[\\/](node_modules|\.assetline)([\\/]|$)/.test(path.slice(source.length)),
  });
  linkAssetline(root);
  return root;
}

/** A workspace made of the given files (relative path -> text). */
export function fixtureWorkspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "assetline-run-"));
  writeFileSync(
    join(root, "package.json"),
    JSON.stringify({ name: "fixture", private: true, dependencies: { assetline: "*" } }),
  );
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  linkAssetline(root);
  return root;
}

/** One test file's fixture workspaces: the CLI is built before its tests, and every workspace is removed after them. */
export function fixtureWorkspaces(): (files: Record<string, string>) => string {
  const roots: string[] = [];
  beforeAll(() => ensureCliBuilt());
  afterAll(() => roots.forEach(removeWorkspace));
  return (files) => {
    const root = fixtureWorkspace(files);
    roots.push(root);
    return root;
  };
}

export function removeWorkspace(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `assetline ...args` in `cwd` with node, never a shell. */
export function startCli(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): ChildProcess & { done: Promise<CliResult> } {
  const child = spawn(process.execPath, [cliBin, ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const done = new Promise<CliResult>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return Object.assign(child, { done });
}

export function cli(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliResult> {
  return startCli(args, cwd, env).done;
}

export function parseEvents(stdout: string): RunEvent[] {
  return stdout
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => machineOutput(RunEventSchema, line));
}

/** A machine output read as the editor reads it: it must carry this protocol's version and match the schema. */
export function machineOutput<S extends GenericSchema>(schema: S, stdout: string): InferOutput<S> {
  const read = readCliOutput(schema, stdout);
  if (read.ok) return read.value;
  throw new Error(
    `the CLI printed ${"mismatch" in read ? `protocol version ${read.mismatch.found}` : read.error}: ${stdout.slice(0, 200)}`,
  );
}

/** Resolves when the child's stdout has printed a line matching `pattern`. */
export function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const onData = (chunk: Buffer | string) => {
      seen += chunk.toString();
      if (pattern.test(seen)) {
        child.stdout!.off("data", onData);
        resolve();
      }
    };
    child.stdout!.on("data", onData);
    child.once("close", () => reject(new Error(`the CLI exited before printing ${pattern}:\n${seen}`)));
  });
}
