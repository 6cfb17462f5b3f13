/**
 * Where a workspace's own `assetline` CLI is: the version its package.json depends on, so the SDK its code imports,
 * the store format and the runner always match. Used by the editor's processes, which spawn it rather than load it.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

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
