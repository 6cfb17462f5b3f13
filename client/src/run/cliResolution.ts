/** Finds the `assetline` CLI a workspace depends on, so the SDK its code imports and the runner always match. */
import { existsSync } from "node:fs";
import { workspaceCli } from "assetline/locate";

export interface ResolvedCli {
  /** Absolute path of `bin/assetline.js`, run with the `node` on PATH. */
  bin: string;
  /** True when the workspace has no `assetline` and the copy shipped with the extension is used instead. */
  bundled: boolean;
}

/** The workspace's CLI, else the bundled one when the extension ships it, else undefined. */
export function resolveCli(root: string, bundledBin: string | undefined): ResolvedCli | undefined {
  const own = workspaceCli(root);
  if (own) return { bin: own, bundled: false };
  if (bundledBin && existsSync(bundledBin)) return { bin: bundledBin, bundled: true };
  return undefined;
}
