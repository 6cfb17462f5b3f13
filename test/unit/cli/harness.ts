/** `runCli` in this process with captured output, and small real workspaces for the CLI tests. */
import { runCli } from "../../../sdk/src/cli/run";

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runIn(cwd: string, argv: string[], options: { interactive?: boolean } = {}): Promise<Captured> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd,
    signal: new AbortController().signal,
    interactive: options.interactive ?? false,
  });
  return { code, stdout, stderr };
}

/** Two assets, `orders` and its downstream `revenue_by_segment`. */
export const ORDERS_FILES = {
  "src/assets.ts": `import { asset } from "assetline";
export const orders = asset({ group: "sales" }, () => [1, 2, 3]);
export const revenue_by_segment = asset({ group: "sales", ins: { orders } }, ({ orders }) => orders.length);
`,
};
