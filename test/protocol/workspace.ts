/** Throw-away workspaces for protocol tests: a copy of an example or fixture that resolves `assetline` to this repo's sdk. */
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, afterAll } from "vitest";
import { repoRoot, TestClient, type StartOptions } from "./client";

export interface TempWorkspace {
  root: string;
  file(relative: string): string;
  remove(): void;
}

/**
 * Copies `source` (relative to the repo root) without its node_modules or store, and links `assetline` to this repo's
 * sdk unless `linkSdk` is false (a workspace without the package, so without a CLI).
 */
export function copyWorkspace(source: string, { linkSdk = true } = {}): TempWorkspace {
  const root = mkdtempSync(join(tmpdir(), "assetline-protocol-"));
  cpSync(join(repoRoot, source), root, {
    recursive: true,
    filter: (path) => !/[\\/](node_modules|\.assetline)([\\/]|$)/.test(path.slice(join(repoRoot, source).length)),
  });
  if (linkSdk) {
    mkdirSync(join(root, "node_modules"), { recursive: true });
    symlinkSync(join(repoRoot, "sdk"), join(root, "node_modules", "assetline"), "dir");
  }
  return {
    root,
    file: (relative) => join(root, relative),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** Runs the real CLI as a user would from a terminal (with `env` added to theirs); resolves with its stdout. */
export async function assetlineCli(args: string[], cwd: string, env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(repoRoot, "sdk", "bin", "assetline.js"), ...args],
    { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env } },
  );
  return stdout;
}

/** The zero-based position of the `nth` occurrence of `needle` in `text`, plus `offset` characters. */
export function positionOf(text: string, needle: string, offset = 0, nth = 1): { line: number; character: number } {
  let index = -1;
  for (let i = 0; i < nth; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" occurs fewer than ${nth} times`);
  }
  const before = text.slice(0, index + offset).split("\n");
  return { line: before.length - 1, character: before.at(-1)!.length };
}

/** Reads the title of the state lens on `export const <name>` in `file` (undefined while there is none). */
export function stateLens(client: TestClient, file: string, name: string): () => Promise<string | undefined> {
  const { line } = positionOf(readFileSync(file, "utf8"), `export const ${name}`, "export const ".length);
  return async () =>
    ((await client.codeLenses(file)) ?? []).find((lens) => lens.range.start.line === line)?.command?.title;
}

export interface ServerSession {
  workspace: TempWorkspace;
  client: TestClient;
}

/** Hooks for a suite: a fresh copy of `source` and the server on it before the tests, both gone after them. */
export function serverOn(
  source: string,
  options: Omit<StartOptions, "root">,
  copy: { linkSdk?: boolean } = {},
): ServerSession {
  const session = {} as ServerSession;
  beforeAll(async () => {
    session.workspace = copyWorkspace(source, copy);
    session.client = await TestClient.start({ root: session.workspace.root, ...options });
  });
  afterAll(async () => {
    await session.client?.stop();
    session.workspace?.remove();
  });
  return session;
}
