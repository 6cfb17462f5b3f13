/**
 * A test's child process script, bundled from the sources as the CLI is and written inside the repository so that
 * its lazy imports of the packages left external (pg, graphile-worker) resolve. No test framework here: bench/scale
 * imports it too.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { basename, join } from "node:path";
import { build } from "esbuild";

const repo = join(__dirname, "../..");

export interface ChildBundle {
  file: string;
  dispose(): void;
}

export async function bundleChild(entry: string, external: string[]): Promise<ChildBundle> {
  mkdirSync(join(repo, "node_modules", ".cache"), { recursive: true });
  const dir = mkdtempSync(join(repo, "node_modules", ".cache", "assetline-child-"));
  const file = join(dir, `${basename(entry, ".ts")}.cjs`);
  await build({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    platform: "node",
    format: "cjs",
    external,
    logLevel: "warning",
  });
  return { file, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
