/** Finds the `assetline` CLI a workspace depends on, so the SDK its code imports and the runner always match. */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export interface ResolvedCli {
  /** Absolute path of `bin/assetline.js`, run with the `node` on PATH. */
  bin: string;
  /** True when the workspace has no `assetline` and the copy shipped with the extension is used instead. */
  bundled: boolean;
}

/**
 * Resolves `assetline/package.json` as Node would from the workspace root (the same lookup as
 * `require.resolve(..., { paths: [root] })`, written with createRequire so it works bundled and in tests).
 */
export function workspaceCli(root: string): string | undefined {
  let packageJson: string;
  try {
    packageJson = createRequire(join(root, "package.json")).resolve("assetline/package.json");
  } catch {
    return undefined;
  }
  const bin = join(dirname(packageJson), "bin", "assetline.js");
  return existsSync(bin) ? bin : undefined;
}

/** The workspace's CLI, else the bundled one when the extension ships it, else undefined. */
export function resolveCli(root: string, bundledBin: string | undefined): ResolvedCli | undefined {
  const own = workspaceCli(root);
  if (own) return { bin: own, bundled: false };
  if (bundledBin && existsSync(bundledBin)) return { bin: bundledBin, bundled: true };
  return undefined;
}
