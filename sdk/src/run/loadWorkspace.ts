/**
 * Runs a workspace's TypeScript without a build step: esbuild bundles its entry files into one file (bundleOptions.ts),
 * loaded here in the run process, never in the daemon's or the editor's.
 */
import { build, type Format } from "esbuild";
import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { buildRepository, type Repository } from "../define/repository";
import { bundleError, bundleOptions, type ModuleOf, workspaceFormat } from "./bundleOptions";

export type { ModuleOf } from "./bundleOptions";

/** Bundles the entry files into a new file of the build folder; returns its path. */
export async function bundleWorkspace(
  root: string,
  entryFiles: string[],
  buildDir: string,
  format: Format,
  moduleOf: ModuleOf,
): Promise<string> {
  mkdirSync(buildDir, { recursive: true });
  // One bundle per load: two runs started together never load each other's half-written file, and `import()`, which
  // caches by URL, never returns an earlier load's module.
  const outfile = join(buildDir, `workspace-${process.pid}-${randomUUID()}.${format === "esm" ? "mjs" : "cjs"}`);
  try {
    await build({ ...bundleOptions(root, entryFiles, format, moduleOf), outfile });
  } catch (error) {
    throw bundleError(root, error);
  }
  return outfile;
}

/**
 * Loads a bundle (stack traces then point at .ts lines) and builds the run-time repository; the definitions file's
 * Definitions counts, as in the analyzer.
 */
export async function loadBundle(bundle: string, format: Format, definitionsModule?: number): Promise<Repository> {
  process.setSourceMapsEnabled(true);
  let loaded: { modules: Record<string, unknown>[] };
  try {
    loaded = (format === "esm" ? await import(pathToFileURL(bundle).href) : createRequire(bundle)(bundle)) as {
      modules: Record<string, unknown>[];
    };
  } catch (error) {
    throw new Error(
      `loading the workspace's definitions failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }
  return buildRepository(loaded.modules, definitionsModule);
}

/** The index of the definitions file's module among a bundle's modules (one per entry file, in order). */
export function definitionsModuleOf(entryFiles: readonly string[], definitionsFile?: string): number | undefined {
  const index = definitionsFile === undefined ? -1 : entryFiles.indexOf(definitionsFile);
  return index >= 0 ? index : undefined;
}

/** Bundles the workspace's code into the build folder, loads it and builds the run-time repository. */
export async function loadWorkspace(
  root: string,
  entryFiles: string[],
  buildDir: string,
  moduleOf: ModuleOf,
  definitionsFile?: string,
): Promise<Repository> {
  const format = workspaceFormat(root, entryFiles);
  const bundle = await bundleWorkspace(root, entryFiles, buildDir, format, moduleOf);
  try {
    return await loadBundle(bundle, format, definitionsModuleOf(entryFiles, definitionsFile));
  } finally {
    // Loaded (source maps are inline and read at load time), so the file is no longer needed.
    rmSync(bundle, { force: true });
  }
}
