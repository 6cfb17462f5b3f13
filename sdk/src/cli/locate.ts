/**
 * Where a workspace's own `assetline` CLI is: the version its package.json depends on, so the SDK its code imports,
 * the store format and the runner always match. Used by the editor's processes, which spawn it rather than load it.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { protocolMismatchMessage } from "../protocol";
import sdkPackage from "../../package.json";

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

/**
 * What to tell the user when the CLI at `bin` printed another protocol version than the editor reads: both versions,
 * and the `assetline` version (this code's own, bundled into the extension) to install for them to agree.
 */
export function cliMismatchMessage(command: string, root: string, bin: string, found: number | undefined): string {
  let cliVersion: string | undefined;
  try {
    const version: unknown = JSON.parse(readFileSync(join(dirname(bin), "..", "package.json"), "utf8")).version;
    if (typeof version === "string") cliVersion = version;
  } catch {
    // A CLI without a readable package.json is named without its version.
  }
  return protocolMismatchMessage({ command, root, found, cliVersion, editorVersion: sdkPackage.version });
}
