/**
 * The workspace's own `assetline` CLI: the version its package.json depends on, so the store format and the stale
 * rules always match the runner that wrote them. Spawned with the `node` on PATH (the workspace's native modules are
 * built for it), never through a shell, and only in a trusted workspace.
 */
import { execFile } from "node:child_process";
import { readCliOutput, StatusOutputSchema, type AssetStatus, type CliRead } from "assetline/protocol";

export const STATUS_COMMAND = "assetline status --json";

/**
 * Runs `assetline status --json` and reads every asset's status with the protocol's schema; an output of another
 * protocol version comes back as a mismatch, unread. Rejects with the CLI's own error text, or with what is wrong
 * with an output that is malformed or cut short, naming the command.
 */
export function readStatuses(
  cli: string,
  root: string,
  storeDir: string,
  definitionsFile?: string,
): Promise<Exclude<CliRead<AssetStatus[]>, { error: string }>> {
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
          return reject(new Error(`\`${STATUS_COMMAND}\` failed in ${root}: ${stderr.trim() || error.message}`));
        const read = readCliOutput(StatusOutputSchema, stdout);
        if (read.ok) resolve({ ok: true, value: read.value.assets });
        else if ("mismatch" in read) resolve(read);
        else reject(new Error(`\`${STATUS_COMMAND}\` in ${root} printed output Assetline cannot read: ${read.error}`));
      },
    );
  });
}
