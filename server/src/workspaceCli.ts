/**
 * The workspace's own `assetline` CLI: the version its package.json depends on, so the store format and the stale
 * rules always match the runner that wrote them. Spawned with the `node` on PATH (the workspace's native modules are
 * built for it), never through a shell, and only in a trusted workspace.
 */
import { execFile } from "node:child_process";
import type { AssetStatus } from "assetline/protocol";

/** Runs `assetline status --json` and returns every asset's status; rejects with the CLI's own error text. */
export function readStatuses(
  cli: string,
  root: string,
  storeDir: string,
  definitionsFile?: string,
): Promise<AssetStatus[]> {
  return new Promise((resolve, reject) => {
    execFile(
      "node",
      [
        cli,
        "status",
        "--json",
        "--store",
        storeDir,
        ...(definitionsFile ? ["--definitions", definitionsFile] : []),
        root,
      ],
      { cwd: root, timeout: 60_000, maxBuffer: 256 * 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        if (error)
          return reject(new Error(`\`assetline status --json\` failed in ${root}: ${stderr.trim() || error.message}`));
        try {
          resolve(parseStatuses(stdout));
        } catch (parseError) {
          reject(
            new Error(
              `\`assetline status --json\` in ${root} printed something other than { "assets": [...] }: ${(parseError as Error).message}`,
            ),
          );
        }
      },
    );
  });
}

function parseStatuses(stdout: string): AssetStatus[] {
  const parsed: unknown = JSON.parse(stdout);
  const assets = (parsed as { assets?: unknown } | null)?.assets;
  if (!Array.isArray(assets)) throw new Error("no `assets` array");
  return assets as AssetStatus[];
}
