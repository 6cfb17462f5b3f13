/** The TypeScript files of a workspace on disk: `.ts`/`.tsx` sources, never declarations, dependencies or build output. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

const SKIPPED_FOLDERS = new Set(["node_modules", "dist", "out", "build", "coverage"]);

// Dot-folders hold tooling and state (.git, .assetline, .vscode-test), never asset code.
const isSkippedFolder = (name: string) => name.startsWith(".") || SKIPPED_FOLDERS.has(name);
const isSourceName = (name: string) => !name.startsWith(".") && /\.tsx?$/.test(name) && !name.endsWith(".d.ts");

/** npm's `workspaces` globs (`packages/*`, `examples/**`, `sdk`) as one test on a root-relative folder path. */
function workspaceMembers(root: string): (folder: string) => boolean {
  let patterns: unknown;
  try {
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { workspaces?: unknown };
    patterns = Array.isArray(manifest.workspaces)
      ? manifest.workspaces
      : (manifest.workspaces as { packages?: unknown } | undefined)?.packages;
  } catch {
    return () => false;
  }
  if (!Array.isArray(patterns)) return () => false;
  const regexes = patterns
    .filter((p): p is string => typeof p === "string")
    .map((pattern) => {
      const body = pattern
        .replace(/^\.\//, "")
        .replace(/\/+$/, "")
        .split("/")
        .map((part) => (part === "**" ? ".*" : part.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*")))
        .join("/");
      return new RegExp(`^${body}$`);
    });
  return (folder) => regexes.some((regex) => regex.test(folder));
}

/**
 * Every source file under the root, skipping nested npm packages that are not workspace members of the root (a
 * vendored project or a fixture has its own assets, not this workspace's).
 */
export function listSourceFiles(root: string): string[] {
  const found: string[] = [];
  const isMember = workspaceMembers(root);
  const isForeignPackage = (folder: string) =>
    existsSync(join(folder, "package.json")) && !isMember(relative(root, folder).split("\\").join("/"));
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!isSkippedFolder(entry.name) && !isForeignPackage(path)) visit(path);
      } else if (isSourceName(entry.name)) found.push(path.split("\\").join("/"));
    }
  };
  visit(root);
  return found.sort();
}

/** Whether `listSourceFiles` would list this path (relative to the root): editors feed only these to the analyzer. */
export function isSourceFile(relativePath: string): boolean {
  const parts = relativePath.split(/[\\/]/);
  const name = parts.pop();
  return name !== undefined && isSourceName(name) && !parts.some(isSkippedFolder);
}

/**
 * Whether a changed file can change how imports resolve (see moduleResolution.ts): a tsconfig.json, a config it
 * extends (`tsconfig.*.json`), or a package.json. Editors watch these and call `Analyzer.configChanged`.
 */
export function isResolutionConfig(path: string): boolean {
  const name = path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
  return name === "package.json" || /^tsconfig(\..+)?\.json$/.test(name);
}

/** The glob editors register for those files (LSP `workspace/didChangeWatchedFiles`). */
export const RESOLUTION_CONFIG_GLOB = "**/{package.json,tsconfig.json,tsconfig.*.json}";
