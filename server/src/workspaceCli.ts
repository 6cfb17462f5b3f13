/**
 * The workspace's own `assetline` CLI: the version its package.json depends on, so the store format and the stale
 * rules always match the runner that wrote them. Spawned with the `node` on PATH (the workspace's native modules are
 * built for it), never through a shell, and only in a trusted workspace.
 */
import { execFile } from "node:child_process";
import * as v from "valibot";
import {
  readCliOutput,
  ScheduleTicksSchema,
  StatusOutputSchema,
  type AssetStatus,
  type CliRead,
  type ScheduleTicks,
} from "assetline/protocol";

export const STATUS_COMMAND = "assetline status --json";
export const SCHEDULES_COMMAND = "assetline schedules --json";

/** `schedules --json`'s output (see the CLI's `schedules` command). */
const SchedulesOutputSchema = v.object({ schedules: v.array(ScheduleTicksSchema) });

type Read<T> = Exclude<CliRead<T>, { error: string }>;

/** Where the CLI reads: the folder's root, store and definitions, as the extension passes them to its runs. */
export interface CliTarget {
  root: string;
  storeDir: string;
  definitionsFile?: string;
}

/**
 * Runs `assetline status --json` and reads every asset's status with the protocol's schema; an output of another
 * protocol version comes back as a mismatch, unread. Rejects with the CLI's own error text, or with what is wrong
 * with an output that is malformed or cut short, naming the command.
 */
export async function readStatuses(cli: string, target: CliTarget): Promise<Read<AssetStatus[]>> {
  const read = await readCli(cli, target, "status", STATUS_COMMAND, StatusOutputSchema);
  return read.ok ? { ok: true, value: read.value.assets } : read;
}

/** Each schedule's latest recorded tick (and whether it is paused), from `assetline schedules --json`. */
export async function readScheduleTicks(cli: string, target: CliTarget): Promise<Read<ScheduleTicks[]>> {
  const read = await readCli(cli, target, "schedules", SCHEDULES_COMMAND, SchedulesOutputSchema);
  return read.ok ? { ok: true, value: read.value.schedules } : read;
}

function readCli<S extends v.GenericSchema>(
  cli: string,
  { root, storeDir, definitionsFile }: CliTarget,
  command: string,
  typed: string,
  schema: S,
): Promise<Read<v.InferOutput<S>>> {
  return new Promise((resolve, reject) => {
    execFile(
      "node",
      [
        cli,
        command,
        "--json",
        "--store",
        storeDir,
        ...(definitionsFile ? ["--definitions", definitionsFile] : []),
        root,
      ],
      { cwd: root, timeout: 60_000, maxBuffer: 256 * 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`\`${typed}\` failed in ${root}: ${stderr.trim() || error.message}`));
        const read = readCliOutput(schema, stdout);
        if (read.ok || "mismatch" in read) resolve(read);
        else reject(new Error(`\`${typed}\` in ${root} printed output Assetline cannot read: ${read.error}`));
      },
    );
  });
}
