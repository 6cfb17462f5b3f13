/**
 * The workspace's own `assetline` CLI: the version its package.json depends on, so the store format and the stale
 * rules always match the runner that wrote them. Spawned with the `node` on PATH (the workspace's native modules are
 * built for it), never through a shell, and only in a trusted workspace.
 */
import { execFile } from "node:child_process";
import * as v from "valibot";
import {
  hideSecrets,
  readCliOutput,
  RunsOutputSchema,
  ScheduleTicksSchema,
  StatusOutputSchema,
  STORE_URL_VARIABLE,
  type AssetStatus,
  type CliRead,
  type RunSummary,
  type ScheduleTicks,
} from "assetline/protocol";

export const STATUS_COMMAND = "assetline status --json";
export const SCHEDULES_COMMAND = "assetline schedules --json";
export const NEWEST_RUN_COMMAND = "assetline runs --json --limit 1";

/** `schedules --json`'s output (see the CLI's `schedules` command). */
const SchedulesOutputSchema = v.object({ schedules: v.array(ScheduleTicksSchema) });

type Read<T> = Exclude<CliRead<T>, { error: string }>;

/** Where the CLI reads: the folder's root, store and definitions, as the extension passes them to its runs. */
export interface CliTarget {
  root: string;
  storeDir: string;
  definitionsFile?: string;
  /** A shared store's URL: the CLI gets it in its environment, never as an argument that process lists show. */
  storeUrl?: string;
}

/**
 * Runs `assetline status --json` and reads every asset's status with the protocol's schema; an output of another
 * protocol version comes back as a mismatch, unread. Rejects with the CLI's own error text, or with what is wrong
 * with an output that is malformed or cut short, naming the command.
 */
export async function readStatuses(cli: string, target: CliTarget): Promise<Read<AssetStatus[]>> {
  const args = ["status", "--json", ...definitionsArgs(target)];
  const read = await readCli(cli, target, args, STATUS_COMMAND, StatusOutputSchema);
  return read.ok ? { ok: true, value: read.value.assets } : read;
}

/** Each schedule's latest recorded tick (and whether it is paused), from `assetline schedules --json`. */
export async function readScheduleTicks(cli: string, target: CliTarget): Promise<Read<ScheduleTicks[]>> {
  const args = ["schedules", "--json", ...definitionsArgs(target)];
  const read = await readCli(cli, target, args, SCHEDULES_COMMAND, SchedulesOutputSchema);
  return read.ok ? { ok: true, value: read.value.schedules } : read;
}

/** The store's newest run (undefined: none yet), from `assetline runs --json --limit 1`; `signal` stops the CLI. */
export async function readNewestRun(
  cli: string,
  target: CliTarget,
  signal: AbortSignal,
): Promise<Read<RunSummary | undefined>> {
  const args = ["runs", "--json", "--limit", "1"];
  const read = await readCli(cli, target, args, NEWEST_RUN_COMMAND, RunsOutputSchema, signal);
  return read.ok ? { ok: true, value: read.value.runs[0] } : read;
}

function definitionsArgs({ definitionsFile }: CliTarget): string[] {
  return definitionsFile ? ["--definitions", definitionsFile] : [];
}

function readCli<S extends v.GenericSchema>(
  cli: string,
  { root, storeDir, storeUrl }: CliTarget,
  args: string[],
  typed: string,
  schema: S,
  signal?: AbortSignal,
): Promise<Read<v.InferOutput<S>>> {
  // The CLI hides the password in what it prints; a driver's message it missed is hidden here too.
  const shown = (text: string) => (storeUrl ? hideSecrets(text, storeUrl) : text);
  return new Promise((resolve, reject) => {
    execFile(
      "node",
      [cli, ...args, "--store", storeDir, root],
      {
        cwd: root,
        timeout: 60_000,
        maxBuffer: 256 * 1024 * 1024,
        windowsHide: true,
        ...(storeUrl && { env: { ...process.env, [STORE_URL_VARIABLE]: storeUrl } }),
        ...(signal && { signal }),
      },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(shown(`\`${typed}\` failed in ${root}: ${stderr.trim() || error.message}`)));
        const read = readCliOutput(schema, stdout);
        if (read.ok || "mismatch" in read) resolve(read);
        else reject(new Error(shown(`\`${typed}\` in ${root} printed output Assetline cannot read: ${read.error}`)));
      },
    );
  });
}
